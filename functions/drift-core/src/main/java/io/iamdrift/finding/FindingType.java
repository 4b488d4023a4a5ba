package io.iamdrift.finding;

/** Every finding type of the contract (section 3) with its default severity. */
public enum FindingType {
    BASELINE_INVALID(Severity.CRITICAL),
    BASELINE_ACCOUNT_MISMATCH(Severity.CRITICAL),
    PRINCIPAL_MISSING(Severity.CRITICAL),
    UNBASELINED_DEPLOYER(Severity.HIGH),
    MANAGED_POLICY_MISSING(Severity.CRITICAL),
    MANAGED_POLICY_NOT_ATTACHED(Severity.CRITICAL),
    INLINE_POLICY_MISSING(Severity.CRITICAL),
    UNEXPECTED_POLICY(Severity.CRITICAL),
    POLICY_DRIFT(Severity.CRITICAL),
    POLICY_VERSION_DRIFT(Severity.CRITICAL),
    GROUP_DRIFT(Severity.CRITICAL),
    BOUNDARY_DRIFT(Severity.CRITICAL),
    TRUST_POLICY_DRIFT(Severity.CRITICAL),
    REQUIRED_ACTION_DENIED(Severity.CRITICAL),
    FORBIDDEN_ACTION_ALLOWED(Severity.CRITICAL),
    ADMIN_ACCESS(Severity.CRITICAL),
    PRIVILEGE_ESCALATION(Severity.CRITICAL),
    WILDCARD_ACTION(Severity.MEDIUM),
    WILDCARD_RESOURCE(Severity.MEDIUM),
    NOT_ACTION_ALLOW(Severity.MEDIUM),
    PASSROLE_UNSCOPED(Severity.HIGH),
    MISSING_SID(Severity.LOW),
    UNKNOWN_ACTION(Severity.MEDIUM),
    CONSOLE_ACCESS(Severity.HIGH),
    ACCESS_KEY_STALE(Severity.HIGH),
    ACCESS_KEY_UNUSED(Severity.MEDIUM),
    MULTIPLE_ACTIVE_KEYS(Severity.MEDIUM),
    EXCEPTION_EXPIRED(Severity.LOW),
    AUDIT_INCOMPLETE(Severity.CRITICAL),
    CREDENTIALS_NOT_AUDITED(Severity.MEDIUM),
    BASELINE_CHANGED(Severity.HIGH),
    BASELINE_WIDENED(Severity.CRITICAL);

    private final Severity defaultSeverity;

    FindingType(Severity defaultSeverity) {
        this.defaultSeverity = defaultSeverity;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** Posture types: reported at MEDIUM at most when the baseline's own policies already grant the access. */
    public boolean isPosture() {
        return switch (this) {
            case ADMIN_ACCESS, PRIVILEGE_ESCALATION, PASSROLE_UNSCOPED, WILDCARD_ACTION, WILDCARD_RESOURCE,
                    NOT_ACTION_ALLOW, MISSING_SID, UNKNOWN_ACTION -> true;
            default -> false;
        };
    }
}
