package io.iamdrift.audit;

import io.iamdrift.baseline.GroupBaseline;
import io.iamdrift.baseline.TerraformActions;
import io.iamdrift.catalog.ActionCatalog;
import io.iamdrift.catalog.ActionPattern;
import io.iamdrift.diff.CatalogActionSpace;
import io.iamdrift.diff.DiffResult;
import io.iamdrift.diff.PolicyDiff;
import io.iamdrift.escalation.EscalationPath;
import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.OrganizationPolicies;
import io.iamdrift.internal.BoundedCache;
import io.iamdrift.lint.LintFinding;
import io.iamdrift.lint.PolicyLinter;
import io.iamdrift.organization.Guardrails;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.GroupDetail;
import io.iamdrift.snapshot.ManagedPolicyDetail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What every rule of one run shares: the snapshot, the clock, the catalog and the per-run caches. */
final class RunContext {
    final AccountSnapshot snapshot;
    final String accountId;
    final Instant now;
    final ActionCatalog catalog;
    final TerraformActions terraform;
    final PolicyLibrary library = new PolicyLibrary();
    final Guardrails guardrails;
    private final OrganizationPolicies strictOrganization;
    private final OrganizationPolicies optimisticOrganization;
    private final PolicyDiff differ = new PolicyDiff(CatalogActionSpace.defaults());
    private final PolicyLinter linter = new PolicyLinter(CatalogActionSpace.defaults());
    private static final int CACHE_LIMIT = 4_096;
    private final BoundedCache<List<Same>, DiffResult> diffs = new BoundedCache<>(CACHE_LIMIT);
    private final BoundedCache<Same, List<LintFinding>> lints = new BoundedCache<>(CACHE_LIMIT);
    /** Compiled documents per {@link Reading} (by ordinal). */
    private final List<BoundedCache<Same, CompiledPolicy>> compiled =
            List.of(new BoundedCache<>(CACHE_LIMIT), new BoundedCache<>(CACHE_LIMIT), new BoundedCache<>(CACHE_LIMIT));

    private final BoundedCache<Same, List<AllowGrant>> allowGrants = new BoundedCache<>(CACHE_LIMIT);

    /**
     * A cache key by identity: {@link PolicyLibrary} hands out one {@link PolicyDocument} per distinct text, so
     * identity is equality here, and hashing a document deeply on every look-up would cost more than the work.
     */
    private record Same(Object value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Same s && s.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    /** The escalation table the run judges. */
    final List<EscalationPath> escalationPaths;

    /** The expected policies of the groups the applicable baselines' {@code groups} sections name, by group name. */
    private final Map<String, GroupBaseline> expectedGroups;

    RunContext(
            AccountSnapshot snapshot,
            Instant now,
            ActionCatalog catalog,
            TerraformActions terraform,
            Guardrails guardrails,
            List<EscalationPath> escalationPaths,
            Map<String, GroupBaseline> expectedGroups) {
        this.escalationPaths = escalationPaths;
        this.expectedGroups = Map.copyOf(expectedGroups);
        this.snapshot = snapshot;
        this.accountId = snapshot.accountId();
        this.now = now;
        this.catalog = catalog;
        this.terraform = terraform;
        this.guardrails = guardrails;
        this.strictOrganization = organization(false);
        this.optimisticOrganization = organization(true);
    }

    /** The organization's SCPs and RCPs over the account, compiled in the strict or the optimistic reading. */
    OrganizationPolicies organization(boolean optimisticReading) {
        if (guardrails.isEmpty()) {
            return OrganizationPolicies.NONE;
        }
        if (optimisticReading ? optimisticOrganization != null : strictOrganization != null) {
            return optimisticReading ? optimisticOrganization : strictOrganization;
        }
        return new OrganizationPolicies(
                levels(guardrails.serviceControlPolicies(), optimisticReading),
                levels(guardrails.resourceControlPolicies(), optimisticReading),
                guardrails.managementAccountId());
    }

    private List<OrganizationPolicies.Level> levels(List<List<Guardrails.Policy>> levels, boolean optimisticReading) {
        List<OrganizationPolicies.Level> out = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            List<CompiledPolicy> compiled = new ArrayList<>();
            for (Guardrails.Policy p : levels.get(i)) {
                compiled.add(compiled(p.document(), p.name(), optimisticReading ? Reading.OPTIMISTIC : Reading.STRICT));
            }
            out.add(new OrganizationPolicies.Level(guardrails.levelName(i, levels.size()), compiled));
        }
        return out;
    }

    private volatile AccountGraph graph;

    /** The account's roles and trust relationships for reachability questions, built on first use. */
    AccountGraph graph() {
        AccountGraph g = graph;
        if (g == null) {
            synchronized (this) {
                if (graph == null) {
                    graph = new AccountGraph(this);
                }
                g = graph;
            }
        }
        return g;
    }

    /** A managed policy of the snapshot, or {@code null}. */
    ManagedPolicyDetail policy(String arn) {
        return snapshot.policy(arn).orElse(null);
    }

    /** A group of the snapshot, or {@code null}. */
    GroupDetail group(String name) {
        return snapshot.group(name).orElse(null);
    }

    /** The policies a baseline expects on the group, or {@code null} when no {@code groups} section names it. */
    GroupBaseline expectedGroup(String name) {
        return expectedGroups.get(name);
    }

    /** The semantic diff of two documents, computed once per pair in a run. */
    DiffResult diff(PolicyDocument before, PolicyDocument after) {
        return diffs.get(List.of(new Same(before), new Same(after)), k -> differ.diff(before, after));
    }

    /**
     * Lint findings of one document except PRIVILEGE_ESCALATION (judged on the principal's effective access),
     * computed once per distinct document in a run; {@code awsManaged} for policies nobody can edit.
     */
    List<LintFinding> lint(PolicyDocument doc, boolean awsManaged) {
        return lints.get(new Same(doc), d -> linter.leastPrivilege(doc, null, awsManaged));
    }

    /**
     * The document compiled for the evaluator in the given reading, under the given policy id; memoised per run
     * and per distinct reading (a document without conditions is compiled once for all three; the other readings
     * reuse the strict one's compiled statements that they keep as they are).
     */
    CompiledPolicy compiled(PolicyDocument doc, String policyId, Reading reading) {
        Reading same = reading.sameAs(doc);
        CompiledPolicy c = compiled.get(same.ordinal())
                .get(
                        new Same(doc),
                        k -> same == Reading.STRICT
                                ? CompiledPolicy.compile(doc, policyId)
                                : compiled(doc, policyId, Reading.STRICT).reread(same.of(doc), policyId));
        return c.policyId().equals(policyId) ? c : c.withPolicyId(policyId);
    }

    /** Each Allow statement of a document as (action matcher, resources); memoised per run. */
    List<AllowGrant> allowGrants(PolicyDocument doc) {
        return allowGrants.get(new Same(doc), k -> grantsOf(doc));
    }

    private static List<AllowGrant> grantsOf(PolicyDocument doc) {
        List<AllowGrant> out = new ArrayList<>();
        for (Statement s : doc.statements()) {
            if (s.effect() == Effect.ALLOW) {
                List<String> named = s.actions().patterns();
                ActionPattern[] patterns = new ActionPattern[named.size()];
                for (int i = 0; i < patterns.length; i++) {
                    patterns[i] = ActionPattern.compile(named.get(i));
                }
                List<String> resources = s.resources() == null || s.resources().negated()
                        ? List.of("*")
                        : s.resources().patterns();
                out.add(new AllowGrant(List.of(patterns), s.actions().negated(), resources));
            }
        }
        return List.copyOf(out);
    }

    /** One Allow statement reduced to what answers "could it allow action X, and on which resources?". */
    record AllowGrant(List<ActionPattern> patterns, boolean notAction, List<String> resources) {
        /** True when the statement may apply to the action (NotAction statements are assumed to). */
        boolean mayAllow(String action) {
            if (notAction) {
                return true;
            }
            for (int i = 0, n = patterns.size(); i < n; i++) { // indexed: the audit's hottest loop allocates nothing
                if (patterns.get(i).matches(action)) {
                    return true;
                }
            }
            return false;
        }
    }
}
