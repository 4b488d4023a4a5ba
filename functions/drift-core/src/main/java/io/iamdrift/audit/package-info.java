/**
 * The audit: a pure function of (account snapshot, baselines, clock) to findings. {@link io.iamdrift.audit.Auditor}
 * runs one small rule per concern; every rule that depends on effective access asks the policy engine through
 * {@link io.iamdrift.audit.EffectiveAccess}.
 */
package io.iamdrift.audit;
