package io.iamdrift.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loads the escalation table ({@value #RESOURCE}): the rules are data, this class only reads them. */
public final class EscalationPaths {

    public static final String RESOURCE = "/io/iamdrift/escalation/escalation-paths.json";
    private static volatile List<EscalationPath> defaults;

    private EscalationPaths() {}

    /** The shipped table. */
    public static List<EscalationPath> defaults() {
        List<EscalationPath> d = defaults;
        if (d == null) {
            try {
                d = read(shipped(), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaults = d;
        }
        return d;
    }

    /** The shipped table's record of which pathfinding.cloud files it covers. */
    public static CatalogueCoverage coverage() {
        JsonNode c = shipped().path("catalogues").path("pathfinding.cloud");
        List<String> files = new ArrayList<>();
        c.path("files").forEach(f -> files.add(f.asText()));
        return new CatalogueCoverage(
                files, strings(c.path("earlierLayout")), strings(c.path("sameRowAs")), strings(c.path("notCovered")));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static JsonNode shipped() {
        try (InputStream in = EscalationPaths.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(InputStream in) throws IOException {
        return Json.MAPPER.readTree(in);
    }

    /** Reads a table; {@code source} names it in error messages, each with the JSON pointer of the bad row. */
    public static List<EscalationPath> read(InputStream in, String source) throws IOException {
        return read(parse(in), source);
    }

    private static List<EscalationPath> read(JsonNode root, String source) throws IOException {
        JsonNode rows = root == null ? null : root.get("paths");
        if (rows == null || !rows.isArray()) {
            throw new IOException(source + ": /paths must be an array");
        }
        List<EscalationPath> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String at = source + " at /paths/" + i;
            JsonNode r = rows.get(i);
            String id = text(r, "id", at, true);
            if (!ids.add(id)) {
                throw new IOException(at + "/id: duplicate id " + id);
            }
            JsonNode steps = r.get("steps");
            if (steps == null || !steps.isArray() || steps.isEmpty()) {
                throw new IOException(at + "/steps: must be a non-empty array");
            }
            List<EscalationPath.Step> parsed = new ArrayList<>();
            for (int s = 0; s < steps.size(); s++) {
                String sat = at + "/steps/" + s;
                JsonNode st = steps.get(s);
                Target on;
                try {
                    on = Target.valueOf(text(st, "on", sat, true));
                } catch (IllegalArgumentException e) {
                    throw new IOException(sat + "/on: unknown target " + st.get("on"), e);
                }
                String service = text(st, "service", sat, false);
                if ((on == Target.PASSABLE_ROLE || on == Target.SERVICE_ROLE) && service == null) {
                    throw new IOException(sat + "/service: required for " + on);
                }
                String passedTo = text(st, "passedTo", sat, false);
                if (passedTo != null && on != Target.PASSABLE_ROLE) {
                    throw new IOException(sat + "/passedTo: only for PASSABLE_ROLE");
                }
                parsed.add(new EscalationPath.Step(text(st, "action", sat, true), on, service, passedTo));
            }
            JsonNode rhino = r.get("rhino");
            out.add(new EscalationPath(
                    id,
                    text(r, "pathfinding", at, false),
                    rhino == null || rhino.isNull() ? null : rhino.asInt(),
                    text(r, "title", at, true),
                    parsed,
                    r.path("gainsTargetAccess").asBoolean(false),
                    text(r, "fix", at, true)));
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode n, String field, String at, boolean required) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IOException(at + "/" + field + ": required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IOException(at + "/" + field + ": must be a non-empty string");
        }
        return v.asText();
    }
}
