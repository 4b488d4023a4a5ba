package io.iamdrift.organization;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An account of the organization, as Organizations lists it.
 *
 * @param id the 12-digit account id
 * @param name the account's name (may be empty)
 * @param status {@code ACTIVE}, {@code SUSPENDED} or {@code PENDING_CLOSURE}
 */
public record MemberAccount(String id, String name, String status) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public MemberAccount {
        if (id == null || !ACCOUNT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a 12-digit account id: " + id);
        }
        name = name == null ? "" : name;
        status = Objects.requireNonNullElse(status, "ACTIVE");
    }

    /** True for the accounts a run audits: only ACTIVE ones can be entered. */
    public boolean active() {
        return "ACTIVE".equals(status);
    }

    /** True when {@code text} is a 12-digit account id. */
    public static boolean isAccountId(String text) {
        return text != null && ACCOUNT_ID.matcher(text).matches();
    }
}
