package io.iamdrift.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes N SimulateCustomPolicy requests as JSON Lines, cycling through the evaluation corpus: the managed
 * policies and the extra Deny of each case as {@code PolicyInputList} strings, its boundary as
 * {@code PermissionsBoundaryPolicyInputList}, one action, one resource, its context as {@code ContextEntries}.
 * Usage: GenerateSimulateRequests OUT_FILE [N=100000]
 */
public final class GenerateSimulateRequests {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        BenchCorpus.Raw raw = BenchCorpus.read(BenchCorpus.dir());
        Map<String, String> text = new HashMap<>();
        raw.documents().forEach((k, v) -> text.put(k, v.toString()));
        List<JsonNode> cases = raw.cases();
        JsonFactory f = BenchCorpus.MAPPER.getFactory();
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
                JsonGenerator g = f.createGenerator(os)) {
            g.setRootValueSeparator(null);
            for (int i = 0; i < n; i++) {
                JsonNode c = cases.get(i % cases.size());
                g.writeStartObject();
                g.writeArrayFieldStart("PolicyInputList");
                for (JsonNode p : c.get("policies")) {
                    g.writeString(text.get(p.asText()));
                }
                if (c.has("extraDeny")) {
                    g.writeString(BenchCorpus.extraDenyDocument(c.get("extraDeny")));
                }
                g.writeEndArray();
                if (c.has("boundary")) {
                    g.writeArrayFieldStart("PermissionsBoundaryPolicyInputList");
                    for (JsonNode p : c.get("boundary")) {
                        g.writeString(text.get(p.asText()));
                    }
                    g.writeEndArray();
                }
                g.writeArrayFieldStart("ActionNames");
                g.writeString(c.get("action").asText());
                g.writeEndArray();
                g.writeArrayFieldStart("ResourceArns");
                g.writeString(c.get("resource").asText());
                g.writeEndArray();
                if (c.has("context")) {
                    g.writeArrayFieldStart("ContextEntries");
                    var it = c.get("context").fields();
                    while (it.hasNext()) {
                        var e = it.next();
                        g.writeStartObject();
                        g.writeStringField("ContextKeyName", e.getKey());
                        g.writeArrayFieldStart("ContextKeyValues");
                        for (JsonNode v : e.getValue()) {
                            g.writeString(v.asText());
                        }
                        g.writeEndArray();
                        String type = e.getKey().equalsIgnoreCase("aws:SecureTransport")
                                ? "boolean"
                                : e.getValue().size() > 1 ? "stringList" : "string";
                        g.writeStringField("ContextKeyType", type);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    private GenerateSimulateRequests() {}
}
