package io.iamdrift.organization;

import io.iamdrift.snapshot.Arns;
import java.util.Objects;

/**
 * An account of the organization, as Organizations lists it.
 *
 * @param id the 12-digit account id
 * @param name the account's name (may be empty)
 * @param status {@code ACTIVE}, {@code SUSPENDED} or {@code PENDING_CLOSURE}
 */
public record MemberAccount(String id, String name, String status) {

    public MemberAccount {
        if (!Arns.isAccountId(id)) {
            throw new IllegalArgumentException("not a 12-digit account id: " + id);
        }
        name = name == null ? "" : name;
        status = Objects.requireNonNullElse(status, "ACTIVE");
    }

    /** True for the accounts a run audits: only ACTIVE ones can be entered. */
    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
