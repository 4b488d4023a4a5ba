package io.iamdrift.audit;

import io.iamdrift.baseline.TerraformActions;
import io.iamdrift.catalog.ActionCatalog;
import io.iamdrift.diff.CatalogActionSpace;
import io.iamdrift.diff.DiffResult;
import io.iamdrift.diff.PolicyDiff;
import io.iamdrift.lint.LintFinding;
import io.iamdrift.lint.PolicyLinter;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.snapshot.AccountSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What every rule of one run shares: the snapshot, the clock, the catalog and the per-run caches. */
final class RunContext {
    final AccountSnapshot snapshot;
    final String accountId;
    final Instant now;
    final ActionCatalog catalog;
    final TerraformActions terraform;
    final PolicyLibrary library = new PolicyLibrary();
    private final PolicyDiff differ = new PolicyDiff(CatalogActionSpace.defaults());
    private final PolicyLinter linter = new PolicyLinter(CatalogActionSpace.defaults());
    private final Map<List<Object>, DiffResult> diffs = new ConcurrentHashMap<>();
    private final Map<PolicyDocument, List<LintFinding>> lints = new ConcurrentHashMap<>();

    RunContext(AccountSnapshot snapshot, Instant now, ActionCatalog catalog, TerraformActions terraform) {
        this.snapshot = snapshot;
        this.accountId = snapshot.accountId();
        this.now = now;
        this.catalog = catalog;
        this.terraform = terraform;
    }

    /** A managed policy of the snapshot, or {@code null}. */
    io.iamdrift.snapshot.ManagedPolicyDetail policy(String arn) {
        return snapshot.policy(arn).orElse(null);
    }

    /** A group of the snapshot, or {@code null}. */
    io.iamdrift.snapshot.GroupDetail group(String name) {
        return snapshot.group(name).orElse(null);
    }

    /** The semantic diff of two documents, computed once per pair in a run. */
    DiffResult diff(PolicyDocument before, PolicyDocument after) {
        return diffs.computeIfAbsent(List.of(before, after), k -> differ.diff(before, after));
    }

    /** Lint findings of one document, computed once per distinct document in a run. */
    List<LintFinding> lint(PolicyDocument doc) {
        return lints.computeIfAbsent(doc, d -> linter.lint(d, null));
    }
}
