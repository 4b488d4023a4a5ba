package io.iamdrift.lint;

import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.Severity;

/** The findings {@link PolicyLinter} and {@link TrustLinter} raise (contract section 3), with default severities. */
public enum LintType {
    ADMIN_ACCESS(FindingType.ADMIN_ACCESS),
    PRIVILEGE_ESCALATION(FindingType.PRIVILEGE_ESCALATION),
    PASSROLE_UNSCOPED(FindingType.PASSROLE_UNSCOPED),
    WILDCARD_ACTION(FindingType.WILDCARD_ACTION),
    NOT_ACTION_ALLOW(FindingType.NOT_ACTION_ALLOW),
    WILDCARD_RESOURCE(FindingType.WILDCARD_RESOURCE),
    UNKNOWN_ACTION(FindingType.UNKNOWN_ACTION),
    MISSING_SID(FindingType.MISSING_SID),
    OIDC_SUBJECT_UNRESTRICTED(FindingType.OIDC_SUBJECT_UNRESTRICTED),
    OIDC_SUBJECT_WILDCARD(FindingType.OIDC_SUBJECT_WILDCARD),
    OIDC_AUDIENCE_MISSING(FindingType.OIDC_AUDIENCE_MISSING),
    TRUST_ANY_PRINCIPAL(FindingType.TRUST_ANY_PRINCIPAL),
    TRUST_EXTERNAL_ACCOUNT(FindingType.TRUST_EXTERNAL_ACCOUNT);

    private final FindingType findingType;

    LintType(FindingType findingType) {
        this.findingType = findingType;
    }

    /** The report's finding type of the same name. */
    public FindingType findingType() {
        return findingType;
    }

    public Severity defaultSeverity() {
        return findingType.defaultSeverity();
    }
}
