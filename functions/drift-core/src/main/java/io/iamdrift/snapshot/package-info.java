/**
 * The account snapshot: what IAM holds for one account at one time (principals, groups, managed policies
 * with their versions, the credential report), read from {@code GetAccountAuthorizationDetails} output or
 * the auditor's own envelope. Policy documents are kept as decoded JSON text; parsing them is the job of
 * {@code io.iamdrift.policy}.
 */
package io.iamdrift.snapshot;
