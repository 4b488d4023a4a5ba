/**
 * The IAM policy document model (immutable records, sealed types) and its parser.
 *
 * <p>The model keeps every element of the IAM policy grammar exactly as written (Action vs NotAction,
 * Resource vs NotResource, Principal vs NotPrincipal, a missing Version), so that no later step loses
 * meaning. Values that IAM accepts as "string or array" are always lists here.
 */
package io.iamdrift.policy;
