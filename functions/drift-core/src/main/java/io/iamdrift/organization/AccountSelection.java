package io.iamdrift.organization;

import io.iamdrift.snapshot.Arns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of the organization's accounts a run audits: the ACTIVE ones, only those in {@code include} when it is
 * not empty, never those in {@code exclude}. Sorted by id so that runs are reproducible.
 */
public record AccountSelection(Set<String> include, Set<String> exclude) {

    public AccountSelection {
        include = Set.copyOf(include);
        exclude = Set.copyOf(exclude);
    }

    /** Every ACTIVE account. */
    public static AccountSelection all() {
        return new AccountSelection(Set.of(), Set.of());
    }

    /**
     * From comma- or space-separated lists of account ids (e.g. {@code ORG_INCLUDE_ACCOUNTS}).
     *
     * @throws IllegalArgumentException naming the setting and the value that is not an account id
     */
    public static AccountSelection parse(String include, String exclude) {
        return new AccountSelection(ids("ORG_INCLUDE_ACCOUNTS", include), ids("ORG_EXCLUDE_ACCOUNTS", exclude));
    }

    public List<MemberAccount> select(List<MemberAccount> accounts) {
        List<MemberAccount> out = new ArrayList<>();
        for (MemberAccount a : accounts) {
            if (a.active() && (include.isEmpty() || include.contains(a.id())) && !exclude.contains(a.id())) {
                out.add(a);
            }
        }
        out.sort(Comparator.comparing(MemberAccount::id));
        return out;
    }

    private static Set<String> ids(String setting, String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String id :
                Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList()) {
            if (!Arns.isAccountId(id)) {
                throw new IllegalArgumentException(
                        setting + " must list 12-digit account ids; \"" + id + "\" is not one");
            }
            out.add(id);
        }
        return out;
    }
}
