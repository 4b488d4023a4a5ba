package io.iamdrift.audit;

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
 */
public record CollectionGap(String what, String why, boolean entities) {

    public CollectionGap {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(why, "why");
    }

    /** One line: {@code what: why}. */
    @Override
    public String toString() {
        return what + ": " + why;
    }
}
