package io.iamdrift.evaluation.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.diff.TableActionSpace;
import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.EvalDecision;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * The evaluation corpus under {@code src/test/resources/corpus/}, written by
 * {@code scripts/generate-evaluation-corpus.mjs} from the AWS managed policies and the action catalog. The
 * expected decisions in it come from the generator's own, deliberately simple logic, not from this engine.
 */
public final class Corpus {

    /** One corpus case: identity policies (managed policy names), optional boundary and extra Deny, a request. */
    public record Case(
            String id,
            String kind,
            List<String> policies,
            List<String> boundary,
            JsonNode extraDeny,
            String action,
            String resource,
            Map<String, List<String>> context,
            EvalDecision expected,
            String why) {

        public Request request() {
            return new Request(
                    action, resource, null, context.isEmpty() ? RequestContext.empty() : RequestContext.of(context));
        }

        public String service() {
            return action.substring(0, action.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String toString() {
            return id + " [" + kind + "] " + policies + (boundary.isEmpty() ? "" : " boundary " + boundary)
                    + (extraDeny == null ? "" : " extraDeny " + extraDeny) + " " + action + " on " + resource
                    + (context.isEmpty() ? "" : " context " + context);
        }
    }

    /** One version of a managed policy with a kept history. */
    public record Version(String versionId, PolicyDocument document) {}

    /** One consecutive version pair and the actions the generator shows to be newly allowed. */
    public record DiffPair(
            String policy, String oldVersion, String newVersion, List<String> newlyAllowedLiteralActions) {}

    static final ObjectMapper MAPPER = Json.MAPPER;
    private static volatile Corpus instance;

    private final Map<String, PolicyDocument> policies = new LinkedHashMap<>();
    private final Map<String, List<Version>> histories = new LinkedHashMap<>();
    private final List<Case> cases;
    private final List<DiffPair> diffPairs;
    private final Map<String, CompiledPolicy> compiled = new ConcurrentHashMap<>();
    private volatile TableActionSpace actionSpace;
    private volatile List<String> catalogActions;

    private Corpus() {
        JsonNode managed = readJson(gz("managed-policies.json.gz"));
        managed.get("policies")
                .fields()
                .forEachRemaining(
                        e -> policies.put(e.getKey(), parse(e.getValue().get("document"), e.getKey())));
        managed.get("histories").fields().forEachRemaining(e -> {
            List<Version> versions = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                String vid = v.get("versionId").asText();
                versions.add(new Version(vid, parse(v.get("document"), e.getKey() + "@" + vid)));
            }
            histories.put(e.getKey(), List.copyOf(versions));
        });
        cases = readCases();
        List<DiffPair> pairs = new ArrayList<>();
        for (JsonNode p : readJson(resource("diff-expectations.json")).get("pairs")) {
            List<String> actions = new ArrayList<>();
            p.get("newlyAllowedLiteralActions").forEach(a -> actions.add(a.asText()));
            pairs.add(new DiffPair(
                    p.get("policy").asText(),
                    p.get("oldVersion").asText(),
                    p.get("newVersion").asText(),
                    List.copyOf(actions)));
        }
        diffPairs = List.copyOf(pairs);
    }

    public static Corpus get() {
        Corpus c = instance;
        if (c == null) {
            synchronized (Corpus.class) {
                c = instance;
                if (c == null) {
                    c = new Corpus();
                    instance = c;
                }
            }
        }
        return c;
    }

    public List<Case> cases() {
        return cases;
    }

    /** Latest (default) version of every managed policy the cases use. */
    public Map<String, PolicyDocument> policies() {
        return policies;
    }

    public PolicyDocument policy(String name) {
        PolicyDocument d = policies.get(name);
        if (d == null) {
            throw new IllegalArgumentException("managed policy not in the corpus: " + name);
        }
        return d;
    }

    /** Whole version histories (oldest first) of the policies kept for diff tests. */
    public Map<String, List<Version>> histories() {
        return histories;
    }

    public List<DiffPair> diffPairs() {
        return diffPairs;
    }

    public CompiledPolicy compiled(String name) {
        return compiled.computeIfAbsent(name, n -> CompiledPolicy.compile(policy(n), n));
    }

    /** The policy set of a case as written: managed policies, then the extra Deny as its own inline policy. */
    public PolicySet policySet(Case c) {
        List<CompiledPolicy> identity = new ArrayList<>();
        c.policies().forEach(n -> identity.add(compiled(n)));
        if (c.extraDeny() != null) {
            identity.add(extraDenyPolicy(c));
        }
        List<CompiledPolicy> boundary =
                c.boundary().stream().map(this::compiled).toList();
        return new PolicySet(identity, boundary, null);
    }

    public CompiledPolicy extraDenyPolicy(Case c) {
        return compiled.computeIfAbsent("extraDeny:" + c.extraDeny(), id -> {
            ObjectNode doc = MAPPER.createObjectNode();
            doc.put("Version", PolicyDocument.VERSION_2012);
            ArrayNode st = doc.putArray("Statement");
            st.add(c.extraDeny());
            return CompiledPolicy.compile(parse(doc, "extraDeny"), "extraDeny");
        });
    }

    /** Every action of the catalog data the corpus was generated from ({@code service:Action}). */
    public List<String> catalogActions() {
        List<String> a = catalogActions;
        if (a == null) {
            List<String> out = new ArrayList<>();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(gz("catalog-actions.txt.gz"), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        out.add(line.strip());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            a = List.copyOf(out);
            catalogActions = a;
        }
        return a;
    }

    /** An action space over {@link #catalogActions()} for {@code PolicyDiff}. */
    public TableActionSpace actionSpace() {
        TableActionSpace s = actionSpace;
        if (s == null) {
            Map<String, Boolean> m = new LinkedHashMap<>();
            catalogActions().forEach(a -> m.put(a, true));
            s = new TableActionSpace(m);
            actionSpace = s;
        }
        return s;
    }

    static PolicyDocument parse(JsonNode doc, String source) {
        return PolicyParser.parse(doc, source, PolicyKind.IDENTITY);
    }

    private List<Case> readCases() {
        List<Case> out = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(gz("evaluation-cases.jsonl.gz"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = MAPPER.readTree(line);
                Map<String, List<String>> ctx = new LinkedHashMap<>();
                if (n.has("context")) {
                    for (Iterator<Map.Entry<String, JsonNode>> it =
                                    n.get("context").fields();
                            it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        List<String> vals = new ArrayList<>();
                        e.getValue().forEach(v -> vals.add(v.asText()));
                        ctx.put(e.getKey(), List.copyOf(vals));
                    }
                }
                out.add(new Case(
                        n.get("id").asText(),
                        n.get("kind").asText(),
                        strings(n.get("policies")),
                        strings(n.get("boundary")),
                        n.get("extraDeny"),
                        n.get("action").asText(),
                        n.get("resource").asText(),
                        ctx,
                        decision(n.get("expected").asText()),
                        n.get("why").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    static EvalDecision decision(String json) {
        return switch (json) {
            case "allowed" -> EvalDecision.ALLOWED;
            case "explicitDeny" -> EvalDecision.EXPLICIT_DENY;
            case "implicitDeny" -> EvalDecision.IMPLICIT_DENY;
            default -> throw new IllegalArgumentException("unknown decision " + json);
        };
    }

    private static List<String> strings(JsonNode n) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    private static InputStream resource(String name) {
        InputStream in = Corpus.class.getResourceAsStream("/corpus/" + name);
        if (in == null) {
            throw new IllegalStateException(
                    "missing test resource /corpus/" + name + " (run scripts/generate-evaluation-corpus.mjs)");
        }
        return in;
    }

    private static InputStream gz(String name) {
        try {
            return new GZIPInputStream(resource(name), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(InputStream in) {
        try (in) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
