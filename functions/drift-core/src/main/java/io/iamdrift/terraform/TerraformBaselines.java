package io.iamdrift.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.audit.AuditResult;
import io.iamdrift.baseline.Baseline;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.baseline.BaselineProblem;
import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.baseline.BaselineSource;
import io.iamdrift.finding.Finding;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Baselines from Terraform/OpenTofu state, merged with hand-written baselines.
 *
 * <p>The merge rule: state is the source of truth for what it declares, the hand-written baselines for what
 * state cannot say.
 * <ul>
 *   <li>For a principal the states declare, {@code managedPolicies}, {@code inlinePolicies}, {@code groups},
 *       {@code permissionsBoundary} and {@code trustPolicy} come from state; {@code requiredActions},
 *       {@code requiredForResourceTypes}, {@code forbiddenActions}, {@code credentials} and
 *       {@code exceptions} come from the hand-written baseline that names the same principal.</li>
 *   <li>A hand-written baseline may repeat a state field only with the same value (policy documents compared
 *       as JSON, lists as sets); a different value is a conflict: a {@link BaselineProblem} (hence a
 *       BASELINE_INVALID finding) that names the hand-written file and pointer and the state resources, and
 *       the state's value is used.</li>
 *   <li>Principals only the hand-written baselines name are kept as written; {@code discovery} rules are
 *       the union of theirs; {@code environment} is the first one given; an {@code accountId} that differs
 *       from the state's is a conflict.</li>
 *   <li>A hand-written file that is not a valid baseline contributes nothing and is reported, as always.</li>
 * </ul>
 */
public final class TerraformBaselines {

    /** The fields a principal's state declares. */
    public static final List<String> STATE_FIELDS =
            List.of("managedPolicies", "inlinePolicies", "groups", "permissionsBoundary", "trustPolicy");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TerraformBaselines() {}

    /**
     * The merged baseline and everything that went wrong on the way.
     *
     * @param name the name the merged baseline is loaded under (its state files)
     * @param document the merged baseline document
     * @param problems unreadable states, state problems, invalid hand-written files and merge conflicts
     * @param provenance per principal ({@code user/NAME}) the state resources that declare it ({@code FILE#ADDRESS})
     * @param notes what the states hold that is not part of the baseline
     */
    public record Result(
            String name,
            ObjectNode document,
            List<BaselineProblem> problems,
            Map<String, List<String>> provenance,
            List<String> notes) {

        /** The merged baseline as loaded by {@link BaselineLoader}, with every problem of the merge added. */
        public BaselineSet toBaselineSet() {
            BaselineSet loaded = new BaselineLoader().load(name, document.toString());
            List<BaselineProblem> all = new ArrayList<>(problems);
            all.addAll(loaded.problems());
            return new BaselineSet(loaded.baselines(), all);
        }

        /** The result with {@code evidence.terraformState} (the declaring resources) on each finding about a state principal. */
        public AuditResult annotate(AuditResult result) {
            List<Finding> findings = new ArrayList<>(result.findings().size());
            for (Finding f : result.findings()) {
                List<String> from = provenance.get(
                        f.principal().type() + "/" + f.principal().name());
                findings.add(from == null ? f : f.withEvidence("terraformState", from));
            }
            return new AuditResult(
                    result.accountId(),
                    result.environment(),
                    findings,
                    result.unaudited(),
                    result.inventory(),
                    result.requiredActions());
        }
    }

    /**
     * Reads the states, builds their baseline and merges the hand-written baselines into it.
     *
     * @param accountId the account to baseline, or {@code null} to take it from the states' ARNs
     */
    public static Result build(List<StateSource> states, List<BaselineSource> handWritten, String accountId) {
        List<BaselineProblem> problems = new ArrayList<>();
        List<StateFile> files = new ArrayList<>();
        for (StateSource s : states) {
            try {
                files.add(StateReader.read(s));
            } catch (StateException e) {
                problems.add(e.problem());
            }
        }
        if (states.isEmpty()) {
            problems.add(new BaselineProblem(
                    "terraform state", "", "no state file given: nothing to build a baseline from"));
        }
        IamStateBaseline.Result fromState = IamStateBaseline.build(files, accountId);
        problems.addAll(fromState.problems());
        ObjectNode merged = fromState.document().deepCopy();
        merge(merged, fromState.provenance(), handWritten, problems);
        String name = states.isEmpty()
                ? "terraform state"
                : "terraform:" + states.get(0).name()
                        + (states.size() > 1 ? " (+" + (states.size() - 1) + " more)" : "");
        return new Result(name, merged, List.copyOf(problems), fromState.provenance(), fromState.notes());
    }

    private static void merge(
            ObjectNode target,
            Map<String, List<String>> provenance,
            List<BaselineSource> handWritten,
            List<BaselineProblem> problems) {
        if (handWritten.isEmpty()) {
            return;
        }
        BaselineSet valid = new BaselineLoader().loadAll(handWritten);
        problems.addAll(valid.problems());
        Map<String, byte[]> content = new HashMap<>();
        handWritten.forEach(s -> content.putIfAbsent(s.name(), s.content()));
        Map<String, ObjectNode> fromState = new LinkedHashMap<>();
        for (JsonNode p : target.withArray("principals")) {
            fromState.put(p.get("type").asText() + "/" + p.get("name").asText(), (ObjectNode) p);
        }
        Discoveries discovery = new Discoveries();
        for (Baseline b : valid.baselines()) {
            JsonNode root = readTree(content.get(b.source()));
            Set<String> kept = new HashSet<>();
            b.principals().forEach(p -> kept.add(p.type().json() + "/" + p.name()));
            top(target, root, b.source(), provenance, problems);
            discovery.add(root.get("discovery"), b.source(), problems);
            JsonNode ps = root.path("principals");
            for (int i = 0; i < ps.size(); i++) {
                ObjectNode hand = (ObjectNode) ps.get(i);
                String key = hand.get("type").asText() + "/" + hand.get("name").asText();
                if (!kept.contains(key)) {
                    continue; // already reported by the loader (named by an earlier file)
                }
                ObjectNode state = fromState.get(key);
                if (state == null) {
                    target.withArray("principals").add(hand.deepCopy());
                } else {
                    principal(state, hand, key, b.source() + "", "/principals/" + i, provenance.get(key), problems);
                }
            }
            groups(target, root, b, problems);
        }
        discovery.writeTo(target);
    }

    private static void top(
            ObjectNode target,
            JsonNode hand,
            String source,
            Map<String, List<String>> provenance,
            List<BaselineProblem> problems) {
        JsonNode account = hand.get("accountId");
        if (account != null) {
            if (!target.has("accountId") || target.get("accountId").equals(account)) {
                target.set("accountId", account);
            } else {
                problems.add(new BaselineProblem(
                        source,
                        "/accountId",
                        "conflicts with the Terraform state: the file says "
                                + account.asText() + ", the state's principals are in "
                                + target.get("accountId").asText()
                                + " (" + firstOrigin(provenance) + "); the state's account is used"));
            }
        }
        JsonNode environment = hand.get("environment");
        if (environment != null && !target.has("environment")) {
            target.set("environment", environment);
        }
    }

    private static String firstOrigin(Map<String, List<String>> provenance) {
        return provenance.values().stream().flatMap(List::stream).findFirst().orElse("state");
    }

    /**
     * The hand-written {@code groups} sections: a group the states describe keeps the state's policies (the same rule
     * as a principal's), any other is added as written.
     */
    private static void groups(ObjectNode target, JsonNode hand, Baseline loaded, List<BaselineProblem> problems) {
        Map<String, ObjectNode> fromState = new LinkedHashMap<>();
        target.path("groups").forEach(g -> fromState.put(g.get("name").asText(), (ObjectNode) g));
        Set<String> kept = new HashSet<>();
        loaded.groups().forEach(g -> kept.add(g.name()));
        JsonNode gs = hand.path("groups");
        for (int i = 0; i < gs.size(); i++) {
            ObjectNode group = (ObjectNode) gs.get(i);
            String name = group.get("name").asText();
            if (!kept.contains(name)) {
                continue; // already reported by the loader (named by an earlier file)
            }
            ObjectNode state = fromState.get(name);
            if (state == null) {
                target.withArray("groups").add(group.deepCopy());
            } else {
                principal(
                        state,
                        group,
                        "group/" + name,
                        loaded.source(),
                        "/groups/" + i,
                        List.of("the state's group policies"),
                        problems);
            }
        }
    }

    /**
     * One hand-written principal (or group, {@code label} {@code group/NAME}) merged into the state's: the state owns
     * {@link #STATE_FIELDS}, the hand-written file the rest.
     */
    private static void principal(
            ObjectNode state,
            ObjectNode hand,
            String label,
            String source,
            String pointer,
            List<String> origin,
            List<BaselineProblem> problems) {
        var fields = hand.properties().iterator();
        while (fields.hasNext()) {
            var e = fields.next();
            String field = e.getKey();
            if (field.equals("type") || field.equals("name")) {
                continue;
            }
            if (!STATE_FIELDS.contains(field)) {
                state.set(field, e.getValue().deepCopy());
            } else if (field.equals("managedPolicies") && sameArns(state.get(field), e.getValue())) {
                pinVersions((ArrayNode) state.get(field), e.getValue());
            } else if (!sameValue(field, state.get(field), e.getValue())) {
                problems.add(
                        new BaselineProblem(
                                source,
                                pointer + "/" + field,
                                "conflicts with the Terraform state, "
                                        + "which declares " + field + " of " + label
                                        + " as "
                                        + (state.get(field) == null
                                                ? "nothing"
                                                : state.get(field).toString()) + " (" + String.join(", ", origin)
                                        + "); the state is the source of truth for " + String.join(", ", STATE_FIELDS)
                                        + ": remove the field here or change the Terraform configuration (the state's value is used)"));
            }
        }
    }

    /**
     * Whether hand-written managed policies name the same ARNs as the state, with no document that differs
     * from the state's (state holds no version id, so a hand-written {@code versionId} adds to it).
     */
    private static boolean sameArns(JsonNode state, JsonNode hand) {
        Map<String, JsonNode> byArn = new HashMap<>();
        state.forEach(m -> byArn.put(m.get("arn").asText(), m));
        if (byArn.size() != state.size() || hand.size() != state.size()) {
            return false;
        }
        for (JsonNode m : hand) {
            JsonNode s = byArn.get(m.get("arn").asText());
            if (s == null
                    || (s.has("document")
                            && m.has("document")
                            && !normalized(s.get("document")).equals(normalized(m.get("document"))))) {
                return false;
            }
        }
        return true;
    }

    /** Copies hand-written {@code versionId}s (and documents the state lacks) onto the state's entries. */
    private static void pinVersions(ArrayNode state, JsonNode hand) {
        Map<String, JsonNode> byArn = new HashMap<>();
        hand.forEach(m -> byArn.put(m.get("arn").asText(), m));
        for (JsonNode s : state) {
            JsonNode m = byArn.get(s.get("arn").asText());
            if (m.has("versionId")) {
                ((ObjectNode) s).set("versionId", m.get("versionId"));
            }
            if (!s.has("document") && m.has("document")) {
                ((ObjectNode) s).set("document", m.get("document"));
            }
        }
    }

    /** Whether a hand-written value equals the state's: documents as JSON, lists in any order. */
    static boolean sameValue(String field, JsonNode state, JsonNode hand) {
        if (state == null) {
            // state declares no trust policy (a user): a hand-written one cannot be checked against anything
            return hand == null || hand.isNull();
        }
        return switch (field) {
            case "trustPolicy" -> normalized(state).equals(normalized(hand));
            case "permissionsBoundary" -> state.equals(hand);
            default -> asSet(field, state).equals(asSet(field, hand));
        };
    }

    private static Set<JsonNode> asSet(String field, JsonNode list) {
        Set<JsonNode> out = new LinkedHashSet<>();
        for (JsonNode item : list) {
            if (item.isObject() && !field.equals("groups")) {
                ObjectNode copy = item.deepCopy();
                if (copy.has("document")) {
                    copy.set("document", normalized(copy.get("document")));
                }
                out.add(copy);
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private static JsonNode normalized(JsonNode document) {
        if (document != null && document.isTextual()) {
            try {
                return Json.EXACT.readTree(PolicyText.decode(document.asText()));
            } catch (Exception e) {
                return document;
            }
        }
        return document;
    }

    private static JsonNode readTree(byte[] content) {
        try {
            return Json.EXACT.readTree(content);
        } catch (Exception e) {
            throw new IllegalStateException("a baseline that loaded cannot be re-read", e);
        }
    }

    /** The union of the hand-written discovery rules. */
    private static final class Discoveries {
        final Map<String, Set<String>> lists = new LinkedHashMap<>();
        final Map<String, String> tags = new LinkedHashMap<>();
        final Map<String, String> tagSource = new HashMap<>();

        void add(JsonNode d, String source, List<BaselineProblem> problems) {
            if (d == null) {
                return;
            }
            for (String f : List.of("userNamePatterns", "roleNamePatterns", "pathPrefixes")) {
                d.path(f)
                        .forEach(v -> lists.computeIfAbsent(f, k -> new LinkedHashSet<>())
                                .add(v.asText()));
            }
            d.path("tags").properties().forEach(e -> {
                String before = tags.putIfAbsent(e.getKey(), e.getValue().asText());
                if (before == null) {
                    tagSource.put(e.getKey(), source);
                } else if (!before.equals(e.getValue().asText())) {
                    problems.add(new BaselineProblem(
                            source,
                            "/discovery/tags/" + e.getKey(),
                            "discovery tag "
                                    + e.getKey() + " is also given as '" + before + "' in " + tagSource.get(e.getKey())
                                    + " (kept from there)"));
                }
            });
        }

        void writeTo(ObjectNode target) {
            if (lists.isEmpty() && tags.isEmpty()) {
                return;
            }
            ObjectNode d = target.putObject("discovery");
            lists.forEach((k, v) -> {
                ArrayNode a = d.putArray(k);
                v.forEach(a::add);
            });
            if (!tags.isEmpty()) {
                ObjectNode t = d.putObject("tags");
                tags.forEach(t::put);
            }
        }
    }
}
