package io.iamdrift.baseline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A policy document given as a JSON object, copied by {@link BaselineStream} straight to its compact text (what
 * {@code writeValueAsString} of its tree gives) instead of being built as a tree. To the schema it is an empty
 * object, which is all the schema's {@code policyDocument} rule looks at (its type).
 */
final class CopiedDocument extends ObjectNode {

    private static final long serialVersionUID = 1L;

    private final String text;

    CopiedDocument(String text) {
        super(JsonNodeFactory.instance);
        this.text = text;
    }

    /** The document's compact JSON text. */
    String text() {
        return text;
    }
}
