package io.iamdrift.audit;

import io.iamdrift.baseline.PrincipalBaseline;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.snapshot.PrincipalKind;
import java.util.List;

/**
 * AUDIT_INCOMPLETE findings for a run that did not see everything: a collection gap, a baseline principal that
 * may exist but was not collected, or a run that could not audit at all. Pure: the live shell decides when.
 */
public final class IncompleteRun {

    private IncompleteRun() {}

    /** A gap of the live collection (account-wide). */
    static Finding gap(String accountId, CollectionGap gap) {
        return new FindingBuilder(accountId, FindingType.AUDIT_INCOMPLETE, PrincipalRef.account(accountId))
                .identity("gap|" + gap.what())
                .title("The audit of " + accountId + " is incomplete: " + gap.what() + " not collected")
                .detail("The collection could not get the " + gap.what() + " (" + gap.why() + "). The checks that "
                        + "need it did not run, so silence about them means nothing.")
                .evidence("notCollected", gap.what())
                .evidence("reason", gap.why())
                .fix(Remediation.of(gap.remedy()))
                .build();
    }

    /** A baseline principal absent from a snapshot that is known to miss entities: not audited, not "deleted". */
    static Finding notCollected(String accountId, PrincipalBaseline pb, List<CollectionGap> gaps) {
        String kind = pb.type() == PrincipalKind.USER ? "user" : "role";
        String reasons = String.join(
                "; ",
                gaps.stream()
                        .filter(CollectionGap::entities)
                        .map(CollectionGap::toString)
                        .toList());
        PrincipalRef ref =
                new PrincipalRef(kind, pb.name(), "arn:aws:iam::" + accountId + ":" + kind + "/" + pb.name());
        return new FindingBuilder(accountId, FindingType.AUDIT_INCOMPLETE, ref)
                .identity("not collected")
                .title(pb.name() + " was not audited: the IAM collection is incomplete")
                .detail("The baseline describes " + kind + " " + pb.name() + ", but the collection is incomplete and "
                        + "it may be in what is missing (" + reasons + "). Whether it drifted is unknown.")
                .evidence("reasons", reasons)
                .fix(Remediation.of(String.join(
                        " ",
                        gaps.stream()
                                .filter(CollectionGap::entities)
                                .map(CollectionGap::remedy)
                                .distinct()
                                .toList())))
                .build();
    }

    /**
     * The one finding for a snapshot without a credential report (the raw output of
     * {@code get-account-authorization-details} has none): credential hygiene of the audited users was not checked.
     * Account-level and MEDIUM: nothing a principal can do changed, but silence about keys means nothing.
     */
    static Finding credentialsNotAudited(String accountId, List<String> users) {
        return new FindingBuilder(accountId, FindingType.CREDENTIALS_NOT_AUDITED, PrincipalRef.account(accountId))
                .title("Credential hygiene of " + users.size()
                        + " deployer user(s) not audited: the snapshot has no credential report")
                .detail(
                        "Console passwords, MFA and access key age and use come from IAM's credential report, which the "
                                + "output of get-account-authorization-details does not include; so they were not checked for "
                                + String.join(", ", users) + ".")
                .evidence("users", List.copyOf(users))
                .fix(Remediation.of(
                        "Collect the snapshot with the credential report included: run `drift-auditor snapshot "
                                + "--output snapshot.json` (read-only calls), or add the report to the envelope's credentialReport "
                                + "(`aws iam generate-credential-report`, then `aws iam get-credential-report`, whose Content it accepts as is).",
                        "java -jar drift-auditor.jar snapshot --output snapshot.json"))
                .build();
    }

    /**
     * The finding for a run that could not audit at all (e.g. the baselines could not be listed), for the
     * alert sent before the handler fails.
     *
     * @param accountId the account, or {@code null} when even that is unknown
     * @param stage what the run was doing, e.g. {@code reading the baselines}
     * @param error the error, as a person reads it
     */
    public static Finding couldNotRun(String accountId, String stage, String error) {
        String account = accountId == null ? "unknown" : accountId;
        return new FindingBuilder(account, FindingType.AUDIT_INCOMPLETE, PrincipalRef.account(account))
                .identity("could not run|" + stage)
                .title("The IAM drift audit of " + account + " could not run: failed " + stage)
                .detail("The audit failed while " + stage + " (" + error + "). No principal was audited in this run; "
                        + "Lambda retries the invocation. Until a run succeeds, drift goes unnoticed.")
                .evidence("stage", stage)
                .evidence("reason", error)
                .fix(Remediation.of("Check the auditor's access to its bucket and IAM, and its logs for this run."))
                .build();
    }
}
