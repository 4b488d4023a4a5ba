package io.iamdrift.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The evaluation corpus of drift-core's tests (functions/drift-core/src/test/resources/corpus), read from
 * disk: {@code -Dcorpus.dir=...} or the default path relative to the repository root.
 */
final class BenchCorpus {

    static final ObjectMapper MAPPER = Json.MAPPER;
    static final String DEFAULT_DIR = "functions/drift-core/src/test/resources/corpus";

    /** A corpus case as raw JSON, plus the managed policy documents it names. */
    record Raw(List<JsonNode> cases, Map<String, JsonNode> documents) {}

    static Path dir() {
        return Path.of(System.getProperty("corpus.dir", DEFAULT_DIR));
    }

    static Raw read(Path dir) {
        Map<String, JsonNode> docs = new HashMap<>();
        try (InputStream in = gz(dir.resolve("managed-policies.json.gz"))) {
            MAPPER.readTree(in)
                    .get("policies")
                    .fields()
                    .forEachRemaining(e -> docs.put(e.getKey(), e.getValue().get("document")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(gz(dir.resolve("evaluation-cases.jsonl.gz")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    cases.add(MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Raw(cases, docs);
    }

    /** Compiled policy sets and requests of every case, each distinct document compiled once. */
    static Compiled compile(Raw raw) {
        Map<String, CompiledPolicy> compiled = new HashMap<>();
        List<PolicySet> sets = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        for (JsonNode c : raw.cases()) {
            List<CompiledPolicy> identity = new ArrayList<>();
            c.get("policies")
                    .forEach(n -> identity.add(compiled.computeIfAbsent(
                            n.asText(),
                            k -> CompiledPolicy.compile(
                                    PolicyParser.parse(raw.documents().get(k), k, PolicyKind.IDENTITY), k))));
            if (c.has("extraDeny")) {
                String doc = extraDenyDocument(c.get("extraDeny"));
                identity.add(compiled.computeIfAbsent(
                        doc, k -> CompiledPolicy.compile(PolicyParser.parse(k, "extraDeny"), "extraDeny")));
            }
            List<CompiledPolicy> boundary = new ArrayList<>();
            if (c.has("boundary")) {
                c.get("boundary")
                        .forEach(n -> boundary.add(compiled.computeIfAbsent(
                                n.asText(),
                                k -> CompiledPolicy.compile(
                                        PolicyParser.parse(raw.documents().get(k), k, PolicyKind.IDENTITY), k))));
            }
            sets.add(new PolicySet(identity, boundary, null));
            requests.add(new Request(c.get("action").asText(), c.get("resource").asText(), null, context(c)));
        }
        return new Compiled(sets.toArray(PolicySet[]::new), requests.toArray(Request[]::new), compiled.size());
    }

    record Compiled(PolicySet[] sets, Request[] requests, int distinctPolicies) {}

    static String extraDenyDocument(JsonNode statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    static RequestContext context(JsonNode c) {
        if (!c.has("context")) {
            return RequestContext.empty();
        }
        Map<String, List<String>> m = new LinkedHashMap<>();
        c.get("context").fields().forEachRemaining(e -> {
            List<String> vals = new ArrayList<>();
            e.getValue().forEach(v -> vals.add(v.asText()));
            m.put(e.getKey(), vals);
        });
        return RequestContext.of(m);
    }

    private static InputStream gz(Path p) throws IOException {
        return new GZIPInputStream(Files.newInputStream(p), 1 << 16);
    }

    private BenchCorpus() {}
}
