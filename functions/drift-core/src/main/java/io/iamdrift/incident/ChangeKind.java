package io.iamdrift.incident;

/** The kinds of cause an incident is keyed by (contract section 4). */
public enum ChangeKind {
    POLICY_ATTACHED,
    POLICY_DETACHED,
    MANAGED_POLICY_MISSING,
    INLINE_POLICY_ADDED,
    INLINE_POLICY_REMOVED,
    INLINE_POLICY_EDITED,
    MANAGED_POLICY_EDITED,
    MANAGED_POLICY_VERSION,
    GROUP_MEMBERSHIP,
    GROUP_POLICY,
    BOUNDARY,
    TRUST_POLICY,
    CREDENTIAL,
    PRINCIPAL_MISSING,
    PRINCIPAL_UNBASELINED,
    BASELINE,
    AUDIT_INCOMPLETE,
    /** No change behind it: findings the baseline's own policies already explain, one incident per principal. */
    STANDING
}
