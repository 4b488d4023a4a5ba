package io.iamdrift.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.baseline.Baseline;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.baseline.BaselineSource;
import io.iamdrift.baseline.ExpectedInlinePolicy;
import io.iamdrift.baseline.ExpectedManagedPolicy;
import io.iamdrift.baseline.GroupBaseline;
import io.iamdrift.baseline.PrincipalBaseline;
import io.iamdrift.diff.CatalogActionSpace;
import io.iamdrift.diff.DiffResult;
import io.iamdrift.diff.PolicyDiff;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyParseException;
import io.iamdrift.policy.PolicyParser;
import io.iamdrift.policy.Statement;
import io.iamdrift.snapshot.PrincipalKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who watches the baselines: compares the baseline objects read by this run with those the previous run
 * remembered. A changed, added or removed object is BASELINE_CHANGED (HIGH), so whoever edits a baseline to hide
 * drift is seen; a principal that the new baseline allows more than the old one did (the semantic diff of the
 * union of its expected policies) is BASELINE_WIDENED (CRITICAL). Pure: the caller loads and stores the memory.
 */
public final class BaselineIntegrity {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final PolicyDocument NOTHING = new PolicyDocument(PolicyDocument.VERSION_2012, null, List.of());

    private BaselineIntegrity() {}

    /**
     * What is remembered of one baseline object.
     *
     * @param uri {@code s3://bucket/key}
     * @param versionId the S3 version id read ({@code "null"} on an unversioned bucket)
     * @param sha256 of the content
     * @param text the content, for the next run's semantic diff
     */
    public record Seen(String uri, String versionId, String sha256, String text) {
        public static Seen of(String uri, String versionId, byte[] content) {
            return new Seen(
                    uri, versionId, BaselineIntegrity.sha256(content), new String(content, StandardCharsets.UTF_8));
        }
    }

    /**
     * @param findings BASELINE_CHANGED and BASELINE_WIDENED findings
     * @param remembered what to remember for the next run
     */
    public record Result(List<Finding> findings, Map<String, Seen> remembered) {}

    /**
     * @param previous what the previous run remembered, or {@code null} on the first run (nothing to compare)
     * @param current the readable baseline objects of this run
     * @param unreadable uris of objects this run could not read: their previous memory is kept
     */
    public static Result check(
            String accountId, Map<String, Seen> previous, List<Seen> current, List<String> unreadable) {
        Map<String, Seen> next = new TreeMap<>();
        current.forEach(s -> next.put(s.uri(), s));
        if (previous != null) {
            unreadable.forEach(u -> {
                if (previous.containsKey(u)) {
                    next.put(u, previous.get(u));
                }
            });
        }
        List<Finding> findings = new ArrayList<>();
        if (previous == null) {
            return new Result(findings, next);
        }
        for (Seen now : next.values()) {
            Seen before = previous.get(now.uri());
            if (before == null
                    || !before.sha256().equals(now.sha256())
                    || !before.versionId().equals(now.versionId())) {
                findings.add(changed(accountId, now.uri(), before, now));
                findings.addAll(widened(accountId, before, now));
            }
        }
        for (Seen before : previous.values()) {
            if (!next.containsKey(before.uri())) {
                findings.add(changed(accountId, before.uri(), before, null));
            }
        }
        return new Result(findings, next);
    }

    private static Finding changed(String accountId, String uri, Seen before, Seen now) {
        String what = before == null ? "was added" : now == null ? "was removed" : "was changed";
        String bucket = uri.substring("s3://".length(), uri.indexOf('/', "s3://".length()));
        String key = uri.substring(uri.indexOf('/', "s3://".length()) + 1);
        List<String> commands = new ArrayList<>();
        commands.add("aws s3api list-object-versions --bucket " + Remediations.sh(bucket) + " --prefix "
                + Remediations.sh(key) + " --query 'Versions[].[VersionId,LastModified,IsLatest]' --output table");
        if (before != null && now != null) {
            commands.add("aws s3api get-object --bucket " + Remediations.sh(bucket) + " --key " + Remediations.sh(key)
                    + " --version-id " + Remediations.sh(before.versionId()) + " previous.json");
        }
        return new FindingBuilder(accountId, FindingType.BASELINE_CHANGED, PrincipalRef.account(accountId))
                .identity(uri + "|" + (before == null ? "-" : before.versionId() + "/" + before.sha256()) + "|"
                        + (now == null ? "-" : now.versionId() + "/" + now.sha256()))
                .title("Baseline " + uri + " " + what + " since the last run")
                .detail("The baseline object " + uri + " " + what + " since the previous audit (version "
                        + (before == null ? "none" : before.versionId()) + " -> "
                        + (now == null ? "none" : now.versionId())
                        + "). A baseline edit can hide drift: confirm that the change was reviewed and who made it.")
                .evidence("file", uri)
                .evidence("previousVersionId", before == null ? null : before.versionId())
                .evidence("versionId", now == null ? null : now.versionId())
                .evidence("previousSha256", before == null ? null : before.sha256())
                .evidence("sha256", now == null ? null : now.sha256())
                .fix(Remediation.of(
                        "Find who wrote it: S3 PutObject/DeleteObject are CloudTrail data events, not in "
                                + "lookup-events; search the trail that logs the bucket's data events (or CloudTrail Lake) for "
                                + "eventName PutObject/DeleteObject on this key. If the change was not reviewed, restore the previous "
                                + "version and rotate the writer's credentials.",
                        commands.toArray(String[]::new)))
                .build();
    }

    /** One CRITICAL finding per principal whose expected policies, taken together, now allow more. */
    private static List<Finding> widened(String accountId, Seen before, Seen now) {
        Baseline newBaseline = parse(now);
        if (newBaseline == null) {
            return List.of(); // an invalid new baseline is BASELINE_INVALID already
        }
        Baseline oldBaseline = before == null ? null : parse(before);
        Map<String, PrincipalBaseline> old = new LinkedHashMap<>();
        if (oldBaseline != null) {
            oldBaseline.principals().forEach(p -> old.put(p.type() + "/" + p.name(), p));
        }
        PolicyDiff differ = new PolicyDiff(CatalogActionSpace.defaults());
        List<Finding> out = new ArrayList<>();
        for (PrincipalBaseline p : newBaseline.principals()) {
            PrincipalBaseline was = old.get(p.type() + "/" + p.name());
            PolicyDocument after = union(p, newBaseline);
            PolicyDocument beforeDoc = was == null ? NOTHING : union(was, oldBaseline);
            if (after == null || beforeDoc == null) {
                continue;
            }
            DiffResult diff = differ.diff(beforeDoc, after);
            if (!diff.verdict().allowsMore()) {
                continue;
            }
            boolean user = p.type() == PrincipalKind.USER;
            String kind = user ? "user" : "role";
            PrincipalRef ref =
                    new PrincipalRef(kind, p.name(), "arn:aws:iam::" + accountId + ":" + kind + "/" + p.name());
            out.add(new FindingBuilder(accountId, FindingType.BASELINE_WIDENED, ref)
                    .identity(now.uri() + "|" + now.sha256())
                    .title("Baseline " + now.uri() + " now allows " + p.name() + " more than before")
                    .detail("Compared with the previous version of " + now.uri()
                            + (was == null ? " (which did not name " + p.name() + ")" : "")
                            + ", the policies it expects for " + kind + " " + p.name()
                            + " grant more (" + diff.verdict() + "). Drift that matches the new baseline is no longer "
                            + "reported, so a widened baseline must be a reviewed decision.")
                    .evidence("file", now.uri())
                    .evidence("verdict", diff.verdict().name())
                    .evidence("added", diff.added())
                    .evidence("removed", diff.removed())
                    .fix(Remediation.of(
                            "Confirm the baseline change was reviewed; if not, restore the previous version."))
                    .build());
        }
        return out;
    }

    /**
     * The principal's expected identity policies as one document (with those of its groups that the same file's
     * {@code groups} section describes), or null when one of them cannot be read.
     */
    private static PolicyDocument union(PrincipalBaseline p, Baseline file) {
        List<Statement> statements = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        p.managedPolicies().stream()
                .map(ExpectedManagedPolicy::document)
                .filter(d -> d != null)
                .forEach(texts::add);
        p.inlinePolicies().stream()
                .map(ExpectedInlinePolicy::document)
                .filter(d -> d != null)
                .forEach(texts::add);
        for (GroupBaseline g : file.groups()) {
            if (p.groups() != null && p.groups().contains(g.name())) {
                g.managedPolicies().stream()
                        .map(ExpectedManagedPolicy::document)
                        .filter(d -> d != null)
                        .forEach(texts::add);
                g.inlinePolicies().stream()
                        .map(ExpectedInlinePolicy::document)
                        .filter(d -> d != null)
                        .forEach(texts::add);
            }
        }
        try {
            for (String t : texts) {
                statements.addAll(PolicyParser.parse(t, "baseline").statements());
            }
        } catch (PolicyParseException e) {
            return null;
        }
        return new PolicyDocument(PolicyDocument.VERSION_2012, null, statements);
    }

    private static Baseline parse(Seen s) {
        BaselineSet set = new BaselineLoader()
                .loadAll(List.of(new BaselineSource(s.uri(), s.text().getBytes(StandardCharsets.UTF_8))));
        return set.problems().isEmpty() && set.baselines().size() == 1
                ? set.baselines().get(0)
                : null;
    }

    /** The memory as JSON: {@code {"objects": {uri: {versionId, sha256, text}}}}. */
    public static String toJson(Map<String, Seen> remembered) {
        try {
            return JSON.writeValueAsString(Map.of("objects", remembered));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Seen> fromJson(String json) {
        try {
            Map<String, Map<String, Seen>> m = JSON.readValue(json, new TypeReference<>() {});
            return m.getOrDefault("objects", Map.of());
        } catch (IOException e) {
            throw new IllegalArgumentException("the remembered baseline state is not readable: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
