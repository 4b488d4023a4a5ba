package io.iamdrift.diff;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.internal.Json;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link PolicyDiff#compare}.
 *
 * @param verdict EQUIVALENT, WIDENED, NARROWED or CHANGED
 * @param added what the new document allows and the old one did not (with no request context)
 * @param removed what the old document allowed and the new one does not
 */
public record DiffResult(Verdict verdict, List<Grant> added, List<Grant> removed) {

    private static final ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();

    public DiffResult {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    /** {@code {"verdict", "added": [grant...], "removed": [grant...]}} as a Jackson tree. */
    public ObjectNode toJsonNode() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("verdict", verdict.name());
        root.set("added", grants(added));
        root.set("removed", grants(removed));
        return root;
    }

    /** The contract's JSON rendering, pretty-printed. */
    public String toJson() {
        try {
            return PRETTY.writeValueAsString(toJsonNode());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode grants(List<Grant> grants) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (Grant g : grants) {
            ObjectNode o = arr.addObject();
            strings(o.putArray("actions"), g.actions());
            strings(o.putArray("resources"), g.resources());
            if (!g.notResources().isEmpty()) {
                strings(o.putArray("notResources"), g.notResources());
            }
            ObjectNode cond = o.putObject("conditions");
            for (Map.Entry<String, Map<String, List<String>>> op : g.conditions().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .toList()) {
                ObjectNode keys = cond.putObject(op.getKey());
                op.getValue().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(k -> strings(keys.putArray(k.getKey()), k.getValue()));
            }
        }
        return arr;
    }

    private static void strings(ArrayNode arr, List<String> values) {
        values.forEach(arr::add);
    }
}
