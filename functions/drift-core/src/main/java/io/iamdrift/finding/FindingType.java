package io.iamdrift.finding;

/**
 * Every finding type of the contract (section 3) with all its facts in one place: the default severity,
 * whether it is a posture type, the one-line description (the SARIF rule's short description) and the
 * generic remediation (the SARIF rule's help). A new type touches this file plus the rule that raises it.
 */
public enum FindingType {
    BASELINE_INVALID(
            Severity.CRITICAL,
            Kind.DRIFT,
            "A baseline file cannot be read, is not JSON, or breaks the baseline schema.",
            "Fix the file at the named JSON pointer and validate it against baseline.schema.json."),
    BASELINE_ACCOUNT_MISMATCH(
            Severity.CRITICAL,
            Kind.DRIFT,
            "A baseline's accountId is not the audited account.",
            "Move the baseline under the right account's prefix, or correct its accountId."),
    PRINCIPAL_MISSING(
            Severity.CRITICAL,
            Kind.DRIFT,
            "A principal named in a baseline does not exist (deleted, renamed or misnamed).",
            "Recreate the principal, or fix its name in the baseline if it was renamed."),
    UNBASELINED_DEPLOYER(
            Severity.HIGH,
            Kind.DRIFT,
            "A deployer principal matched by discovery is named by no baseline.",
            "Capture a baseline for the principal (capture --principal NAME), review it and store it with the others."),
    MANAGED_POLICY_MISSING(
            Severity.CRITICAL,
            Kind.DRIFT,
            "An expected managed policy does not exist in the account (bootstrap required).",
            "Create the policy (bootstrap the account), then attach it."),
    MANAGED_POLICY_NOT_ATTACHED(
            Severity.CRITICAL,
            Kind.DRIFT,
            "An expected managed policy exists but is not attached.",
            "Attach the policy again, or update the baseline if the detachment was intended."),
    INLINE_POLICY_MISSING(
            Severity.CRITICAL,
            Kind.DRIFT,
            "An expected inline policy is absent.",
            "Put the inline policy back from the baseline, or update the baseline if the removal was intended."),
    UNEXPECTED_POLICY(
            Severity.CRITICAL,
            Kind.DRIFT,
            "A managed or inline policy is attached that the baseline does not list.",
            "Detach or delete the policy, or add it to the baseline after review."),
    POLICY_DRIFT(
            Severity.CRITICAL,
            Kind.DRIFT,
            "A policy's document differs from the baseline's.",
            "Restore the baseline's document, or update the baseline if the change was intended."),
    POLICY_VERSION_DRIFT(
            Severity.CRITICAL,
            Kind.DRIFT,
            "A managed policy's default version differs from the baseline's.",
            "Set the baseline's version as the default again, or update the baseline's versionId."),
    GROUP_DRIFT(
            Severity.CRITICAL,
            Kind.DRIFT,
            "Group membership differs from the baseline.",
            "Restore the baseline's group membership, or update the baseline if the change was intended."),
    GROUP_POLICY_DRIFT(
            Severity.CRITICAL,
            Kind.DRIFT,
            "A policy of a group a baselined user belongs to differs from the baseline's groups section.",
            "Restore the group's policy as the baseline describes it, or update the baseline's groups section if the change was intended."),
    BOUNDARY_DRIFT(
            Severity.CRITICAL,
            Kind.DRIFT,
            "The permissions boundary differs from the baseline.",
            "Restore the baseline's permissions boundary, or update the baseline if the change was intended."),
    TRUST_POLICY_DRIFT(
            Severity.CRITICAL,
            Kind.DRIFT,
            "A role's trust policy differs from the baseline: who may assume the role changed.",
            "Restore the baseline's trust policy (update-assume-role-policy), or update the baseline if the new principals are intended."),
    REQUIRED_ACTION_DENIED(
            Severity.CRITICAL,
            Kind.DRIFT,
            "An action the baseline requires is not allowed: the next deploy will fail.",
            "Grant the action again (the baseline's policies), or remove it from requiredActions."),
    FORBIDDEN_ACTION_ALLOWED(
            Severity.CRITICAL,
            Kind.DRIFT,
            "An action the baseline forbids is allowed.",
            "Remove the grant, or add an explicit Deny for the action."),
    ADMIN_ACCESS(
            Severity.CRITICAL,
            Kind.POSTURE,
            "The principal is effectively allowed * on *, or the whole of iam:*.",
            "Replace the grant with the actions the pipeline needs."),
    PRIVILEGE_ESCALATION(
            Severity.CRITICAL,
            Kind.POSTURE,
            "The principal can raise its own privileges.",
            "Remove the escalating permission or scope it away from the principal itself."),
    WILDCARD_ACTION(
            Severity.MEDIUM,
            Kind.POSTURE,
            "An Allow statement grants * or a whole service (svc:*).",
            "List the actions the pipeline needs instead of the wildcard."),
    WILDCARD_RESOURCE(
            Severity.MEDIUM,
            Kind.POSTURE,
            "An Allow statement uses Resource * for an action that supports resource-level permissions.",
            "Name the resources (ARN patterns) the pipeline works on."),
    NOT_ACTION_ALLOW(
            Severity.MEDIUM,
            Kind.POSTURE,
            "An Allow statement uses NotAction.",
            "Allow the needed actions explicitly; NotAction in an Allow grants every action not listed."),
    PASSROLE_UNSCOPED(
            Severity.HIGH,
            Kind.POSTURE,
            "iam:PassRole is allowed on * or without an iam:PassedToService condition.",
            "Scope iam:PassRole to the role ARNs and add an iam:PassedToService condition."),
    MISSING_SID(
            Severity.LOW,
            Kind.POSTURE,
            "A policy statement has no Sid.",
            "Give every statement a Sid so findings and reviews can name it."),
    UNKNOWN_ACTION(
            Severity.MEDIUM,
            Kind.POSTURE,
            "A policy names an action that is not in the action catalog.",
            "Correct the action name; an unknown action silently grants nothing."),
    OIDC_SUBJECT_UNRESTRICTED(
            Severity.CRITICAL,
            Kind.POSTURE,
            "A CI OIDC trust lets any repository, project or workspace of the provider assume the role.",
            "Add a condition on the subject (or the provider's repository/project claim) naming the repository and "
                    + "the environment or branch that deploys."),
    OIDC_SUBJECT_WILDCARD(
            Severity.HIGH,
            Kind.POSTURE,
            "A CI OIDC trust admits more than one repository or project of one owner.",
            "Name the repository (and environment or branch) instead of a wildcard over the owner's repositories."),
    OIDC_AUDIENCE_MISSING(
            Severity.MEDIUM,
            Kind.POSTURE,
            "A CI OIDC trust has no condition on the token's audience.",
            "Add a StringEquals condition on the provider's aud key (sts.amazonaws.com for GitHub Actions)."),
    TRUST_ANY_PRINCIPAL(
            Severity.CRITICAL,
            Kind.POSTURE,
            "The trust policy lets any AWS principal assume the role, with nothing restricting who.",
            "Name the principals, or restrict with aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn."),
    TRUST_EXTERNAL_ACCOUNT(
            Severity.HIGH,
            Kind.POSTURE,
            "Another AWS account may assume the role without sts:ExternalId or an organization condition.",
            "Require sts:ExternalId (third parties) or aws:PrincipalOrgID, or list the account as trusted in the baseline."),
    CONSOLE_ACCESS(
            Severity.HIGH,
            Kind.DRIFT,
            "A deployer user has a console password.",
            "Delete the login profile; pipelines need no console password."),
    ACCESS_KEY_STALE(
            Severity.HIGH,
            Kind.DRIFT,
            "An active access key is older than the baseline's limit.",
            "Create a new key, roll it out, then deactivate and delete the old one."),
    ACCESS_KEY_UNUSED(
            Severity.MEDIUM,
            Kind.DRIFT,
            "An active access key was never used, or not used for 90 days.",
            "Deactivate the key, and delete it once nothing breaks."),
    MULTIPLE_ACTIVE_KEYS(
            Severity.MEDIUM,
            Kind.DRIFT,
            "The user has more active access keys than the baseline allows.",
            "Deactivate the keys the pipeline no longer uses."),
    EXCEPTION_EXPIRED(
            Severity.LOW,
            Kind.DRIFT,
            "A baseline exception has expired and no longer suppresses its finding.",
            "Fix the finding the exception covered, or renew the exception with a new expiry after review."),
    AUDIT_INCOMPLETE(
            Severity.CRITICAL,
            Kind.DRIFT,
            "A principal could not be audited in full.",
            "Fix the cause named in the finding (a complete snapshot, a readable policy) and audit again."),
    CREDENTIALS_NOT_AUDITED(
            Severity.MEDIUM,
            Kind.DRIFT,
            "The snapshot has no credential report: console passwords and access keys were not checked.",
            "Collect the snapshot with `drift-auditor snapshot --output FILE`, or add the credential report "
                    + "(aws iam generate-credential-report; aws iam get-credential-report) to the envelope."),
    BASELINE_CHANGED(
            Severity.HIGH,
            Kind.DRIFT,
            "A baseline object was changed, added or removed since the last run.",
            "Check who wrote the baseline (S3 version history, CloudTrail) and that the change was reviewed."),
    BASELINE_WIDENED(
            Severity.CRITICAL,
            Kind.DRIFT,
            "A baseline now allows a principal more than its previous version did.",
            "Check who widened the baseline and why; restore the previous version if the change was not reviewed.");

    /** Drift types judge a change against the baseline; posture types judge what the principal can do at all. */
    private enum Kind {
        DRIFT,
        POSTURE
    }

    private final Severity defaultSeverity;
    private final Kind kind;
    private final String description;
    private final String remediation;

    FindingType(Severity defaultSeverity, Kind kind, String description, String remediation) {
        this.defaultSeverity = defaultSeverity;
        this.kind = kind;
        this.description = description;
        this.remediation = remediation;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** Posture types: reported at MEDIUM at most when the baseline already grants the same access or trust. */
    public boolean isPosture() {
        return kind == Kind.POSTURE;
    }

    /** One sentence: when the type is raised. */
    public String description() {
        return description;
    }

    /** The generic fix; each finding's own remediation carries the exact commands. */
    public String remediation() {
        return remediation;
    }
}
