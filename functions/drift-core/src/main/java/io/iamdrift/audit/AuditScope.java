package io.iamdrift.audit;

import io.iamdrift.snapshot.PrincipalKind;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whom one run judges: every principal (a full run), or only the users and roles it is about (a change-triggered
 * or ad hoc run, {@code audit --principal}). A scoped run judges nobody else, so a scope that names nobody judges
 * nobody: baseline principals outside it are neither audited nor reported missing. Names compare as IAM compares
 * them, case-insensitively.
 *
 * @param full     true for a full run (then {@code users} and {@code roles} are empty)
 * @param users    user names in scope (lower case)
 * @param roles    role names in scope (lower case)
 */
public record AuditScope(boolean full, Set<String> users, Set<String> roles) {

    private static final AuditScope EVERYONE = new AuditScope(true, Set.of(), Set.of());

    public AuditScope {
        users = lower(users);
        roles = lower(roles);
        if (full && !(users.isEmpty() && roles.isEmpty())) {
            throw new IllegalArgumentException("a full run names no principals");
        }
    }

    /** A full run. */
    public static AuditScope everyone() {
        return EVERYONE;
    }

    /** Only these users and roles; empty sets mean nobody. */
    public static AuditScope only(Collection<String> users, Collection<String> roles) {
        return new AuditScope(false, Set.copyOf(users), Set.copyOf(roles));
    }

    /** Names that may be a user or a role ({@code audit --principal}); none means everyone. */
    public static AuditScope named(Collection<String> names) {
        return names == null || names.isEmpty() ? EVERYONE : only(names, names);
    }

    /** True when the run judges this principal. */
    public boolean includes(PrincipalKind kind, String name) {
        if (full) {
            return true;
        }
        String key = name.toLowerCase(Locale.ROOT);
        return kind == PrincipalKind.USER ? users.contains(key) : roles.contains(key);
    }

    private static Set<String> lower(Set<String> names) {
        return names == null
                ? Set.of()
                : names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
