package io.iamdrift.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
            try (InputStream in = EscalationPaths.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                d = read(in, RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaults = d;
        }
        return d;
    }

    /** Reads a table; {@code source} names it in error messages, each with the JSON pointer of the bad row. */
    public static List<EscalationPath> read(InputStream in, String source) throws IOException {
        JsonNode root = Json.MAPPER.readTree(in);
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
                parsed.add(new EscalationPath.Step(text(st, "action", sat, true), on, service));
            }
            JsonNode rhino = r.get("rhino");
            out.add(new EscalationPath(id, text(r, "pathfinding", at, false),
                    rhino == null || rhino.isNull() ? null : rhino.asInt(), text(r, "title", at, true), parsed,
                    r.path("gainsTargetAccess").asBoolean(false), text(r, "fix", at, true)));
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
