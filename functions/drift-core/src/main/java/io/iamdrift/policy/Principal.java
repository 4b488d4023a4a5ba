package io.iamdrift.policy;

import java.util.List;
import java.util.Map;

/** The value of a Principal element: everyone ({@code "*"}) or named principals by type. */
public sealed interface Principal {

    /** {@code "Principal": "*"} (also {@code {"AWS": "*"}} is kept as {@link Named}, as written). */
    record Anyone() implements Principal {}

    /**
     * Named principals, e.g. {@code {"AWS": ["arn:aws:iam::111122223333:root"], "Service": "ec2.amazonaws.com"}}.
     *
     * @param byType keys are {@link PrincipalType}s, values the identifiers as written (order kept)
     */
    record Named(Map<PrincipalType, List<String>> byType) implements Principal {
        public Named {
            byType = Map.copyOf(byType);
        }
    }
}
