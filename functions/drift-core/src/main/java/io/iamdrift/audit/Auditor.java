package io.iamdrift.audit;

import io.iamdrift.baseline.Baseline;
import io.iamdrift.baseline.BaselineProblem;
import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.baseline.CredentialPolicy;
import io.iamdrift.baseline.Discovery;
import io.iamdrift.baseline.GroupBaseline;
import io.iamdrift.baseline.PrincipalBaseline;
import io.iamdrift.baseline.TerraformActions;
import io.iamdrift.catalog.ActionCatalog;
import io.iamdrift.escalation.EscalationPath;
import io.iamdrift.escalation.EscalationPaths;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.report.Report;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.PrincipalKind;
import io.iamdrift.snapshot.RoleDetail;
import io.iamdrift.snapshot.UserDetail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The audit: a pure function of (snapshot, baselines, clock) to findings. No network, so the offline CLI and
 * the Lambda cannot diverge. Each concern is one small rule class; this class only decides who is audited
 * against what.
 */
public final class Auditor {

    private final ActionCatalog catalog;
    private final TerraformActions terraform;
    private final List<EscalationPath> escalationPaths;

    public Auditor(ActionCatalog catalog, TerraformActions terraform) {
        this(catalog, terraform, EscalationPaths.defaults());
    }

    /** An auditor judging escalation with the given table (the shipped one, or none to measure its cost). */
    public Auditor(ActionCatalog catalog, TerraformActions terraform, List<EscalationPath> escalationPaths) {
        this.catalog = catalog;
        this.terraform = terraform;
        this.escalationPaths = List.copyOf(escalationPaths);
    }

    /** An auditor with the shipped action catalog and Terraform table. */
    public static Auditor withDefaults() {
        return new Auditor(ActionCatalog.defaults(), TerraformActions.defaults());
    }

    public AuditResult audit(AccountSnapshot snapshot, BaselineSet baselines, AuditOptions options) {
        Instant now = options.now() != null
                ? options.now()
                : snapshot.collectedAt() != null ? snapshot.collectedAt() : Instant.now();
        List<Baseline> applicable = new ArrayList<>();
        List<Baseline> mismatched = new ArrayList<>();
        Map<String, GroupBaseline> expectedGroups = new HashMap<>();
        for (Baseline b : baselines.baselines()) {
            if (b.accountId() != null && !b.accountId().equals(snapshot.accountId())) {
                mismatched.add(b);
            } else {
                applicable.add(b);
                b.groups().forEach(g -> expectedGroups.putIfAbsent(g.name(), g));
            }
        }
        RunContext run = new RunContext(
                snapshot, now, catalog, terraform, options.guardrails(), escalationPaths, expectedGroups);
        List<Finding> findings = new ArrayList<>();
        baselines.problems().forEach(p -> findings.add(invalid(run, p)));
        List<CollectionGap> gaps = new ArrayList<>(options.gaps());
        snapshot.missingPages().ifPresent(m -> gaps.add(CollectionGap.of(m)));
        boolean entitiesIncomplete = gaps.stream().anyMatch(CollectionGap::entities);
        gaps.forEach(g -> findings.add(IncompleteRun.gap(run.accountId, g)));
        List<Report.Unaudited> unaudited = new ArrayList<>();

        mismatched.forEach(b -> findings.add(accountMismatch(run, b)));

        List<PrincipalAudit> audits = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (Baseline b : applicable) {
            for (PrincipalBaseline pb : b.principals()) {
                boolean user = isUser(pb);
                named.add((user ? "user/" : "role/") + pb.name());
                if (!options.scope().includes(pb.type(), pb.name())) {
                    continue;
                }
                LivePrincipal live = user
                        ? snapshot.user(pb.name()).map(LivePrincipal::of).orElse(null)
                        : snapshot.role(pb.name()).map(LivePrincipal::of).orElse(null);
                if (live == null && entitiesIncomplete) {
                    Finding f = IncompleteRun.notCollected(run.accountId, pb, gaps);
                    findings.add(f);
                    unaudited.add(new Report.Unaudited(f.principal(), f.detail()));
                } else if (live == null) {
                    findings.add(missing(run, pb, user));
                } else {
                    audits.add(new PrincipalAudit(run, live, pb));
                }
            }
        }
        Map<PrincipalBaseline, String> environments = new IdentityHashMap<>();
        applicable.forEach(b -> b.principals().forEach(pb -> environments.put(pb, b.environment())));
        List<Discovery> rules = applicable.stream()
                .map(Baseline::discovery)
                .filter(d -> d != null)
                .toList();
        for (UserDetail u : snapshot.users()) {
            if (!named.contains("user/" + u.name())
                    && options.scope().includes(PrincipalKind.USER, u.name())
                    && discovered(rules, u.name(), u.path(), u.tags(), true)) {
                audits.add(new PrincipalAudit(run, LivePrincipal.of(u), null));
            }
        }
        DeployerRoles deployerRoles = new DeployerRoles(
                run, audits.stream().filter(a -> a.live.isUser()).toList());
        for (RoleDetail r : snapshot.roles()) {
            if (!named.contains("role/" + r.name())
                    && options.scope().includes(PrincipalKind.ROLE, r.name())
                    && (discovered(rules, r.name(), r.path(), r.tags(), false) || deployerRoles.isDeployer(r))) {
                audits.add(new PrincipalAudit(run, LivePrincipal.of(r), null));
            }
        }

        audits.parallelStream().forEach(a -> {
            auditOne(a);
            a.release();
        });

        credentialsNotAudited(snapshot, audits, gaps).ifPresent(findings::add);

        List<Report.InventoryEntry> inventory = new ArrayList<>();
        int checked = 0;
        int allowed = 0;
        for (PrincipalAudit a : audits) {
            findings.addAll(a.findings);
            checked += a.requiredChecked;
            allowed += a.requiredAllowed;
            if (!a.incomplete.isEmpty()) {
                unaudited.add(new Report.Unaudited(a.live.ref(), String.join("; ", a.incomplete)));
            }
            inventory.add(inventoryEntry(a, a.baseline == null ? null : environments.get(a.baseline)));
        }
        findings.sort(AuditResult.ORDER);
        return new AuditResult(
                snapshot.accountId(),
                environmentOf(applicable),
                findings,
                unaudited,
                inventory,
                new Report.RequiredActions(checked, allowed));
    }

    private static void auditOne(PrincipalAudit a) {
        if (a.baseline == null) {
            a.add(a.finding(FindingType.UNBASELINED_DEPLOYER)
                    .title(a.live.name() + " looks like a deployer but no baseline names it")
                    .detail(a.live.ref().key()
                            + " matches a discovery rule, its trust admits a CI/CD OIDC provider, or a "
                            + "deployer user may assume it, so it is treated as a deployer, but no baseline says what it "
                            + "should have: drift on it cannot be detected.")
                    .evidence("path", a.live.path())
                    .evidence("tags", a.live.tags())
                    .fix(Remediation.of(
                            "Capture a baseline for it, review it, and store it with the others.",
                            "java -jar drift-auditor.jar capture --snapshot snapshot.json --principal "
                                    + Remediations.sh(a.live.name()) + " > " + Remediations.sh(a.live.name())
                                    + ".json"))
                    .build());
            PostureRules.check(a);
            TrustRules.check(a);
            CredentialRules.check(a, CredentialPolicy.DEFAULT);
        } else {
            PolicyRules.check(a);
            MembershipRules.check(a);
            GroupPolicyRules.check(a);
            TrustRules.check(a);
            AccessRules.check(a);
            PostureRules.check(a);
            CredentialRules.check(a, a.baseline.credentials());
            ExceptionRules.apply(a);
        }
        if (!a.incomplete.isEmpty()) {
            a.add(a.finding(FindingType.AUDIT_INCOMPLETE)
                    .identity(String.join("; ", a.incomplete))
                    .title(a.live.name() + " could not be audited in full")
                    .detail("Some checks could not run, so silence about them means nothing: "
                            + String.join("; ", a.incomplete))
                    .evidence("reasons", List.copyOf(a.incomplete))
                    .fix(Remediation.of("Fix the cause (a complete snapshot, a readable policy) and audit again."))
                    .build());
        }
    }

    /**
     * One account-level finding when users were audited without a credential report, unless the live collection
     * already reported the report as a gap.
     */
    private static Optional<Finding> credentialsNotAudited(
            AccountSnapshot snapshot, List<PrincipalAudit> audits, List<CollectionGap> gaps) {
        if (snapshot.credentialReport() != null
                || gaps.stream().anyMatch(g -> g.what().equals(CollectionGap.CREDENTIAL_REPORT))) {
            return Optional.empty();
        }
        List<String> users = audits.stream()
                .filter(a -> a.live.isUser())
                .map(a -> a.live.name())
                .toList();
        return users.isEmpty()
                ? Optional.empty()
                : Optional.of(IncompleteRun.credentialsNotAudited(snapshot.accountId(), users));
    }

    private static boolean isUser(PrincipalBaseline pb) {
        return pb.type() == PrincipalKind.USER;
    }

    private static boolean discovered(
            List<Discovery> rules, String name, String path, Map<String, String> tags, boolean user) {
        for (Discovery d : rules) {
            if (d.matches(user ? PrincipalKind.USER : PrincipalKind.ROLE, name, path, tags)) {
                return true;
            }
        }
        return false;
    }

    private static String environmentOf(List<Baseline> baselines) {
        return baselines.stream()
                .map(Baseline::environment)
                .filter(e -> e != null)
                .findFirst()
                .orElse(null);
    }

    private static Report.InventoryEntry inventoryEntry(PrincipalAudit a, String environment) {
        return new Report.InventoryEntry(
                a.live.ref(),
                environment,
                a.baseline == null ? "discovery" : "baseline",
                a.live.attached().stream().map(p -> p.arn()).toList(),
                a.live.inline().stream().map(p -> p.name()).toList(),
                a.live.groups(),
                a.live.boundaryArn());
    }

    private static Finding invalid(RunContext run, BaselineProblem p) {
        return new FindingBuilder(run.accountId, FindingType.BASELINE_INVALID, PrincipalRef.account(run.accountId))
                .identity(p.source() + "|" + p.pointer() + "|" + p.reason())
                .title("Baseline " + p.source() + " is invalid: " + p.reason())
                .detail("The baseline file " + p.source() + " could not be used ("
                        + (p.pointer() == null || p.pointer().isEmpty() ? "" : "at " + p.pointer() + ": ") + p.reason()
                        + "). Principals it describes are not checked "
                        + "against it until it is fixed.")
                .evidence("file", p.source())
                .evidence("pointer", p.pointer())
                .evidence("reason", p.reason())
                .fix(Remediation.of("Fix the file and validate it against baseline.schema.json."))
                .build();
    }

    private static Finding accountMismatch(RunContext run, Baseline b) {
        return new FindingBuilder(
                        run.accountId, FindingType.BASELINE_ACCOUNT_MISMATCH, PrincipalRef.account(run.accountId))
                .identity(b.source() + "|" + b.accountId())
                .title("Baseline " + b.source() + " is for account " + b.accountId() + ", not " + run.accountId)
                .detail("The baseline names account " + b.accountId() + " but the audited account is " + run.accountId
                        + "; its " + b.principals().size() + " principal(s) were not checked.")
                .evidence("expected", run.accountId)
                .evidence("found", b.accountId())
                .evidence("file", b.source())
                .fix(Remediation.of("Move the file under the right account's prefix, or correct its accountId."))
                .build();
    }

    private static Finding missing(RunContext run, PrincipalBaseline pb, boolean user) {
        String kind = user ? "user" : "role";
        List<String> similar = new ArrayList<>();
        List<String> names = user
                ? run.snapshot.users().stream().map(UserDetail::name).toList()
                : run.snapshot.roles().stream().map(RoleDetail::name).toList();
        for (String n : names) {
            if (n.equalsIgnoreCase(pb.name()) || similar(n, pb.name())) {
                similar.add(n);
            }
        }
        PrincipalRef ref =
                new PrincipalRef(kind, pb.name(), "arn:aws:iam::" + run.accountId + ":" + kind + "/" + pb.name());
        return new FindingBuilder(run.accountId, FindingType.PRINCIPAL_MISSING, ref)
                .title("Baseline " + kind + " " + pb.name() + " does not exist"
                        + (similar.isEmpty() ? "" : " (did you mean " + similar + "?)"))
                .detail("The baseline describes " + kind + " " + pb.name() + ", but the account has no such " + kind
                        + ": it was deleted, renamed, or the baseline's name is wrong. Pipelines using it fail.")
                .evidence("expected", pb.name())
                .evidence("similarNames", similar)
                .fix(Remediation.of("Recreate the " + kind + ", or fix the name in the baseline if it was renamed."))
                .build();
    }

    /** The name lower-cased, without {@code -}, {@code _} and {@code .} (compared once per live name). */
    private static String withoutSeparators(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_' && c != '.') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /** Names that differ only by case, separators or one edit are likely renames or typos. */
    private static boolean similar(String a, String b) {
        String x = withoutSeparators(a);
        String y = withoutSeparators(b);
        if (x.equals(y)) {
            return true;
        }
        if (Math.abs(x.length() - y.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < Math.min(x.length(), y.length()) && x.charAt(i) == y.charAt(i)) {
            i++;
        }
        return x.substring(Math.min(i + 1, x.length())).equals(y.substring(Math.min(i + 1, y.length())))
                || x.substring(i).equals(y.substring(Math.min(i + 1, y.length())))
                || x.substring(Math.min(i + 1, x.length())).equals(y.substring(i));
    }
}
