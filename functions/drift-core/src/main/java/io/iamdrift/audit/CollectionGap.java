package io.iamdrift.audit;

import io.iamdrift.snapshot.MissingPages;
import java.util.Objects;

/**
 * Something the collection of a live snapshot could not get (an API call that failed after its retries, the
 * time budget running out, a credential report that never became ready). The auditor turns each gap into an
 * AUDIT_INCOMPLETE finding: a gap is never a pass.
 *
 * @param what what is missing, stable from run to run (it is the finding's identity), e.g. {@code credential report}
 * @param why why, for a person (error codes, waits); may differ between runs
 * @param entities true when IAM users, roles, groups or policies are missing, so a principal absent from the
 *                 snapshot may exist: it is then reported as not audited, never as deleted
 * @param remedy what a person does to close the gap
 */
public record CollectionGap(String what, String why, boolean entities, String remedy) {

    /** The {@code what} of a credential report the live collection could not get. */
    public static final String CREDENTIAL_REPORT = "credential report";

    static final String RUN_AGAIN =
            "Find out why (IAM throttling, the Lambda timeout, permissions) and run the audit again.";

    public CollectionGap {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(why, "why");
        remedy = remedy == null ? RUN_AGAIN : remedy;
    }

    /** A gap of the live collection: the remedy is to find the cause and run again. */
    public CollectionGap(String what, String why, boolean entities) {
        this(what, why, entities, RUN_AGAIN);
    }

    /** The pages a snapshot file says it lacks ({@code "IsTruncated": true}). */
    public static CollectionGap of(MissingPages missing) {
        String after = missing.marker() != null
                ? " after Marker " + missing.marker()
                : missing.nextToken() != null ? " after NextToken " + missing.nextToken() : "";
        return new CollectionGap(
                "IAM users, roles, groups and policies" + after,
                "the snapshot's last page says IsTruncated (or carries a NextToken): pages are missing",
                true,
                "Add the missing pages: " + missing.howToAdd() + ".");
    }

    /** One line: {@code what: why}. */
    @Override
    public String toString() {
        return what + ": " + why;
    }
}
