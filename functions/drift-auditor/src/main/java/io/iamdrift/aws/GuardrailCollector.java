package io.iamdrift.aws;

import io.iamdrift.organization.Guardrails;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Parent;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.organizations.model.PolicyTypeNotEnabledException;

/**
 * Collects the SCPs and RCPs over an account from the management account or a delegated administrator, with
 * three read calls only: {@code organizations:ListParents} (the path up to the root),
 * {@code ListPoliciesForTarget} (what is attached at each level, per policy type) and {@code DescribePolicy}
 * (each policy's document). One collector per run: parents, attachments and documents are cached, so accounts
 * that share OUs cost one call per shared level. A policy type that is not enabled (PolicyTypeNotEnabled)
 * means that type does not apply; any other failure propagates (never a silent "no guardrails").
 *
 * <p>Level names are {@code root}, {@code OU <id>} and {@code account <id>} (naming an OU by its name would
 * need a fourth call). The organization id and management account come from the ARN of a customer-managed
 * policy ({@code arn:aws:organizations::<management>:policy/o-<id>/<type>/p-<id>}), when one is attached.
 */
public final class GuardrailCollector {

    private final OrganizationsClient organizations;
    private final Map<String, Parent> parents = new ConcurrentHashMap<>();
    private final Map<String, List<PolicySummary>> attached = new ConcurrentHashMap<>();
    private final Map<String, Guardrails.Policy> documents = new ConcurrentHashMap<>();
    private final Map<PolicyType, Boolean> disabled = new ConcurrentHashMap<>();
    private int calls;

    public GuardrailCollector(OrganizationsClient organizations) {
        this.organizations = Objects.requireNonNull(organizations, "organizations");
    }

    /** The guardrails over one account. */
    public Guardrails collect(String accountId) {
        List<String> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        targets.add(accountId);
        names.add("account " + accountId);
        String child = accountId;
        while (true) {
            Parent p = parent(child);
            targets.add(p.id());
            boolean root = "ROOT".equals(p.typeAsString());
            names.add(root ? "root" : "OU " + p.id());
            if (root) {
                break;
            }
            child = p.id();
            if (targets.size() > 8) { // the root, at most five OU levels, the account (Organizations' limit)
                throw new IllegalStateException("the path of account " + accountId
                        + " to the root is longer than Organizations allows: " + targets);
            }
        }
        Collections.reverse(targets);
        Collections.reverse(names);
        String[] org = {null, null};
        List<List<Guardrails.Policy>> scps = levels(targets, PolicyType.SERVICE_CONTROL_POLICY, org);
        List<List<Guardrails.Policy>> rcps = levels(targets, PolicyType.RESOURCE_CONTROL_POLICY, org);
        return new Guardrails(org[0], org[1], names, scps, rcps);
    }

    /** API calls made so far (for logs and the bench). */
    public synchronized int calls() {
        return calls;
    }

    private synchronized void counted() {
        calls++;
    }

    private Parent parent(String child) {
        Parent cached = parents.get(child);
        if (cached != null) {
            return cached;
        }
        counted();
        List<Parent> ps = organizations.listParents(b -> b.childId(child)).parents();
        if (ps.size() != 1) {
            throw new IllegalStateException(
                    "organizations:ListParents for " + child + " returned " + ps.size() + " parents");
        }
        parents.put(child, ps.get(0));
        return ps.get(0);
    }

    private List<List<Guardrails.Policy>> levels(List<String> targets, PolicyType type, String[] org) {
        if (disabled.containsKey(type)) {
            return List.of();
        }
        List<List<Guardrails.Policy>> out = new ArrayList<>();
        for (String target : targets) {
            List<PolicySummary> summaries;
            try {
                summaries = attached(target, type);
            } catch (PolicyTypeNotEnabledException e) {
                disabled.put(type, true);
                return List.of();
            }
            List<Guardrails.Policy> level = new ArrayList<>();
            for (PolicySummary s : summaries) {
                level.add(document(s, type));
                fromArn(s.arn(), org);
            }
            out.add(level);
        }
        return out;
    }

    private List<PolicySummary> attached(String target, PolicyType type) {
        String key = type + "|" + target;
        List<PolicySummary> cached = attached.get(key);
        if (cached != null) {
            return cached;
        }
        List<PolicySummary> all = new ArrayList<>();
        counted();
        organizations
                .listPoliciesForTargetPaginator(b -> b.targetId(target).filter(type))
                .forEach(page -> {
                    all.addAll(page.policies());
                });
        attached.put(key, List.copyOf(all));
        return all;
    }

    private Guardrails.Policy document(PolicySummary s, PolicyType type) {
        Guardrails.Policy cached = documents.get(s.id());
        if (cached != null) {
            return cached;
        }
        counted();
        String content =
                organizations.describePolicy(b -> b.policyId(s.id())).policy().content();
        String source = "organizations policy " + s.name() + " (" + s.id() + ")";
        Guardrails.Policy p = new Guardrails.Policy(
                s.name(),
                s.id(),
                PolicyParser.parse(
                        content,
                        source,
                        type == PolicyType.RESOURCE_CONTROL_POLICY ? PolicyKind.RESOURCE : PolicyKind.IDENTITY),
                content);
        documents.put(s.id(), p);
        return p;
    }

    /** {@code arn:aws:organizations::<management>:policy/o-<id>/<type>/p-<id>}: AWS-managed ones name "aws". */
    static void fromArn(String arn, String[] org) {
        if (arn == null) {
            return;
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[5].startsWith("policy/o-") || parts[4].isEmpty() || parts[4].equals("aws")) {
            return;
        }
        String[] path = parts[5].split("/");
        org[0] = org[0] == null ? path[1] : org[0];
        org[1] = org[1] == null ? parts[4] : org[1];
    }
}
