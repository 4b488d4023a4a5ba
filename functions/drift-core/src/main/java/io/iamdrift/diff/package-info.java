/**
 * Semantic policy diff (contract section 6): per concrete action, Allow and Deny entries of each document,
 * compared by glob containment of resource patterns and implication of condition blocks.
 * {@link io.iamdrift.diff.PolicyDiff} is the entry point.
 */
package io.iamdrift.diff;
