package io.iamdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.catalog.ActionSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a finding's written evidence small (contract section 4): lists of action names longer than
 * {@link ActionSummary#KEEP_UP_TO} are collapsed per service with counts, and evidence still over
 * {@link #MAX_BYTES} has its longest lists cut, each ending with a string saying how many entries were left out.
 * Presentation only: the audit keeps what the diff returned; what is written is bounded.
 */
public final class EvidenceBounds {

    /** No finding's evidence is written larger than this (UTF-8 bytes of its compact JSON). */
    public static final int MAX_BYTES = 16 * 1024;

    private static final Set<String> ACTION_KEYS = Set.of("actions", "notActions", "allowedActions");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EvidenceBounds() {}

    /**
     * The evidence tree with action lists collapsed and, if still needed, its longest lists cut to fit. The tree is
     * bounded in place (callers pass the one {@link FindingJson#toNode} just built): copying it cost more than the
     * bounding.
     */
    public static JsonNode bound(JsonNode evidence) {
        JsonNode out = collapse(evidence, null);
        int rounds = 0;
        while (size(out) > MAX_BYTES && rounds++ < 64) {
            ArrayNode longest = longestArray(out);
            if (longest == null || longest.size() <= 1) {
                ObjectNode cut = NODES.objectNode();
                cut.put("cut", "the evidence was larger than " + MAX_BYTES + " bytes: see the policy documents");
                return cut;
            }
            cutInHalf(longest);
        }
        return out;
    }

    private static JsonNode collapse(JsonNode node, String key) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                e.setValue(collapse(e.getValue(), e.getKey()));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            if (key != null && ACTION_KEYS.contains(key) && array.size() > ActionSummary.KEEP_UP_TO && allText(array)) {
                List<String> names = new ArrayList<>(array.size());
                array.forEach(n -> names.add(n.asText()));
                ArrayNode collapsed = NODES.arrayNode();
                ActionSummary.defaults().collapse(names).forEach(collapsed::add);
                return collapsed;
            }
            for (int i = 0; i < array.size(); i++) {
                array.set(i, collapse(array.get(i), key));
            }
            return array;
        }
        return node;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static ArrayNode longestArray(JsonNode node) {
        ArrayNode best = null;
        int bestSize = -1;
        List<JsonNode> stack = new ArrayList<>(List.of(node));
        while (!stack.isEmpty()) {
            JsonNode n = stack.remove(stack.size() - 1);
            if (n.isArray()) {
                int s = size(n);
                if (s > bestSize && n.size() > 1) {
                    best = (ArrayNode) n;
                    bestSize = s;
                }
            }
            if (n.isContainerNode()) {
                n.forEach(stack::add);
            }
        }
        return best;
    }

    private static void cutInHalf(ArrayNode array) {
        int before = array.size();
        int previouslyCut = 0;
        JsonNode last = array.get(before - 1);
        if (last.isTextual() && last.asText().startsWith(CUT_PREFIX)) {
            previouslyCut = Integer.parseInt(
                    last.asText().substring(CUT_PREFIX.length()).split(" ")[0]);
            array.remove(before - 1);
            before--;
        }
        int keep = Math.max(1, before / 2);
        while (array.size() > keep) {
            array.remove(array.size() - 1);
        }
        array.add(CUT_PREFIX + (before - keep + previouslyCut) + " more (evidence is limited to 16 KB)");
    }

    private static final String CUT_PREFIX = "... ";

    /** The UTF-8 length of the node's compact JSON, counted as it is written (no text is kept). */
    static int size(JsonNode node) {
        ByteCounter counter = new ByteCounter();
        try {
            FindingJson.MAPPER.writeValue(counter, node);
        } catch (IOException e) {
            throw new UncheckedIOException("counting never fails", e);
        }
        return counter.count;
    }

    private static final class ByteCounter extends OutputStream {
        private int count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
