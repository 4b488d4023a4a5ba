package io.iamdrift.aws;

import io.iamdrift.organization.MemberAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;

/**
 * The organization's accounts, from {@code organizations:ListAccounts} (all pages; AWS returns at most 20 per
 * page). Must run in the management account or a delegated administrator account. Suspended accounts are listed
 * too; {@link io.iamdrift.organization.AccountSelection} keeps the ACTIVE ones.
 */
public final class OrganizationAccounts {

    private final OrganizationsClient organizations;

    public OrganizationAccounts(OrganizationsClient organizations) {
        this.organizations = Objects.requireNonNull(organizations, "organizations");
    }

    public List<MemberAccount> list() {
        List<MemberAccount> out = new ArrayList<>();
        // pages of at most 20 accounts; the paginator follows NextToken
        organizations.listAccountsPaginator(b -> {}).forEach(page -> {
            for (Account a : page.accounts()) {
                // "State" (ACTIVE, SUSPENDED, PENDING_ACTIVATION, PENDING_CLOSURE, CLOSED) replaces the deprecated
                // "Status"; emulators and older API versions send only Status
                out.add(new MemberAccount(
                        a.id(), a.name(), a.stateAsString() != null ? a.stateAsString() : a.statusAsString()));
            }
        });
        return out;
    }
}
