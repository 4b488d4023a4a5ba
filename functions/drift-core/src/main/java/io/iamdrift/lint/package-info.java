/** Least-privilege and escalation rules over policy documents: {@link io.iamdrift.lint.PolicyLinter}. */
package io.iamdrift.lint;
