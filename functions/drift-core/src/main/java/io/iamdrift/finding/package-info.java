/** Findings: what the auditor reports (type, severity, principal, evidence, remediation). */
package io.iamdrift.finding;
