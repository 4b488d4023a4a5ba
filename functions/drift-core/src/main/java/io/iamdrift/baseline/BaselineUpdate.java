package io.iamdrift.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a captured baseline goes among the baseline files that exist already, so that the set stays valid: a
 * principal that a file names is updated inside that file; principals no file names go into one new file. Writing
 * a second file that names a principal again would make the set invalid (a principal in two files) and leave the
 * capture unused.
 *
 * <p>For a principal that is updated, the capture supplies what it observes (managed and inline policies, groups,
 * boundary, trust policy, the credential fields it writes) and the existing entry keeps what a person wrote and the
 * account cannot show (required and forbidden actions, Terraform resource types, other credential limits); the
 * existing exceptions are kept, and the capture's new ones added. A captured group ({@code groups} section) replaces
 * its entry in the file that names it, or goes into the new file. Nothing is written when the existing files have
 * problems, or when the result would have any: the caller gets an exception naming them.
 */
public final class BaselineUpdate {

    /** The principal fields a capture observes, replaced as a whole when present in the capture, dropped when not. */
    private static final List<String> OBSERVED =
            List.of("managedPolicies", "inlinePolicies", "groups", "permissionsBoundary", "trustPolicy");

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private BaselineUpdate() {}

    /**
     * One file to write.
     *
     * @param source the existing file it replaces, or {@code null} for a new file
     * @param json   the content to write
     */
    public record Change(String source, byte[] json) {}

    /** The baseline files could not be updated; nothing was planned. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * @param existing the account's baseline files as stored
     * @param captured a captured baseline ({@code BaselineCapture}): its principals are placed, the rest of it is
     *                 the new file's header (its {@code discovery} only when no file exists yet)
     * @param newName  the name a new file gets, used in problems
     * @return the files to write: each changed existing file, then the new one if any principal or group was not named
     */
    public static List<Change> plan(List<BaselineSource> existing, ObjectNode captured, String newName) {
        BaselineLoader loader = new BaselineLoader();
        refuseOnProblems(
                "the existing baselines have problems; fix them before capturing into them",
                loader.loadAll(existing).problems());
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        Map<String, String> namedIn = new LinkedHashMap<>();
        Map<String, String> groupIn = new LinkedHashMap<>();
        for (BaselineSource s : existing) {
            ObjectNode doc = (ObjectNode) read(s);
            documents.put(s.name(), doc);
            doc.withArray("principals").forEach(p -> namedIn.putIfAbsent(key(p), s.name()));
            doc.path("groups").forEach(g -> groupIn.putIfAbsent(g.path("name").asText(), s.name()));
        }
        Set<String> changed = new HashSet<>();
        ArrayNode fresh = MAPPER.createArrayNode();
        for (JsonNode p : captured.withArray("principals")) {
            String source = namedIn.get(key(p));
            if (source == null) {
                fresh.add(p);
                continue;
            }
            ArrayNode principals = documents.get(source).withArray("principals");
            for (int i = 0; i < principals.size(); i++) {
                if (key(principals.get(i)).equals(key(p))) {
                    principals.set(i, merge((ObjectNode) principals.get(i), (ObjectNode) p));
                }
            }
            changed.add(source);
        }
        // a group's observed policies replace its entry where a file names it (a group is named in one file only)
        ArrayNode freshGroups = MAPPER.createArrayNode();
        for (JsonNode g : captured.path("groups")) {
            String source = groupIn.get(g.path("name").asText());
            if (source == null) {
                freshGroups.add(g);
                continue;
            }
            ArrayNode groups = documents.get(source).withArray("groups");
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i).path("name").asText().equals(g.path("name").asText())) {
                    groups.set(i, g);
                }
            }
            changed.add(source);
        }
        List<Change> out = new ArrayList<>();
        documents.forEach((source, doc) -> {
            if (changed.contains(source)) {
                out.add(new Change(source, bytes(doc)));
            }
        });
        if (!fresh.isEmpty() || !freshGroups.isEmpty()) {
            ObjectNode doc = captured.deepCopy();
            if (!existing.isEmpty()) {
                doc.remove("discovery"); // the existing files say which principals are deployers
            }
            doc.set("principals", fresh);
            if (freshGroups.isEmpty()) {
                doc.remove("groups");
            } else {
                doc.set("groups", freshGroups);
            }
            out.add(new Change(null, bytes(doc)));
        }
        check(existing, out, newName);
        return out;
    }

    private static ObjectNode merge(ObjectNode old, ObjectNode captured) {
        ObjectNode merged = old.deepCopy();
        merged.set("name", captured.get("name"));
        for (String field : OBSERVED) {
            if (captured.has(field)) {
                merged.set(field, captured.get(field));
            } else {
                merged.remove(field);
            }
        }
        if (captured.has("credentials")) {
            merged.withObject("credentials").setAll((ObjectNode) captured.get("credentials"));
        }
        Set<String> excepted = new HashSet<>();
        old.path("exceptions").forEach(e -> excepted.add(exceptionKey(e)));
        for (JsonNode e : captured.path("exceptions")) {
            if (excepted.add(exceptionKey(e))) {
                merged.withArray("exceptions").add(e);
            }
        }
        return merged;
    }

    /** The written set must load without a problem in any file written. */
    private static void check(List<BaselineSource> existing, List<Change> changes, String newName) {
        Map<String, BaselineSource> after = new LinkedHashMap<>();
        existing.forEach(s -> after.put(s.name(), s));
        Set<String> written = new HashSet<>();
        for (Change c : changes) {
            String name = c.source() == null ? newName : c.source();
            after.put(name, new BaselineSource(name, c.json()));
            written.add(name);
        }
        refuseOnProblems(
                "the updated baselines would have problems",
                new BaselineLoader()
                        .loadAll(List.copyOf(after.values())).problems().stream()
                                .filter(p -> written.contains(p.source()))
                                .toList());
    }

    private static void refuseOnProblems(String what, List<BaselineProblem> problems) {
        if (!problems.isEmpty()) {
            throw new Refused(what + ": "
                    + problems.stream().map(BaselineProblem::toString).collect(Collectors.joining("; ")));
        }
    }

    private static String key(JsonNode principal) {
        return principal.path("type").asText() + "/"
                + principal.path("name").asText().toLowerCase(Locale.ROOT);
    }

    private static String exceptionKey(JsonNode e) {
        return e.path("type").asText() + "|" + e.path("policy").asText("") + "|"
                + e.path("statementSid").asText("");
    }

    private static JsonNode read(BaselineSource s) {
        try {
            return MAPPER.readTree(s.content());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // loaded without a problem above, so it is JSON
        }
    }

    private static byte[] bytes(ObjectNode doc) {
        return (doc.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
