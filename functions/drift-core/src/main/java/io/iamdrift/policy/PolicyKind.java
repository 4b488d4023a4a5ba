package io.iamdrift.policy;

/** What a document is used as; decides which elements IAM requires or forbids. */
public enum PolicyKind {
    /** Identity-based (managed, inline, boundary): Resource or NotResource required, no Principal. */
    IDENTITY,
    /** Resource-based (bucket policy, ...): Principal or NotPrincipal required. */
    RESOURCE,
    /** A role's trust policy: Principal or NotPrincipal required, Resource not allowed. */
    TRUST
}
