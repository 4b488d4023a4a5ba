package io.iamdrift.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.iamdrift.policy.PolicyText;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One streaming pass over one snapshot file: typed reads of the current value, object and array walks, and
 * errors that name the file and the JSON pointer.
 */
final class JsonCursor {

    /** Reads one field of an object (its value is the current token); false when the field is not wanted. */
    @FunctionalInterface
    interface FieldReader {
        boolean read(String key, JsonPointer at) throws IOException, SnapshotException;
    }

    /** Reads one element of an array (the current token). */
    @FunctionalInterface
    interface ElementReader {
        void read(JsonPointer at) throws IOException, SnapshotException;
    }

    private final String file;
    private final JsonParser p;
    private final JsonFactory factory;
    private int rootValue;

    /**
     * Where an embedded document object is written compactly: one buffer for all of the file's documents (read one
     * at a time), so a document's text costs its String only.
     */
    private final StringBuilder documentText = new StringBuilder(8_192);

    private final Writer documentWriter = new Writer() {
        @Override
        public void write(char[] chars, int offset, int length) {
            documentText.append(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            documentText.append(text, offset, offset + length);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    JsonCursor(String file, JsonParser p, JsonFactory factory) {
        this.file = file;
        this.p = p;
        this.factory = factory;
    }

    String file() {
        return file;
    }

    /** Moves to the next top-level value (concatenated pages); null at the end of the file. */
    JsonToken nextRoot() throws IOException {
        JsonToken t = p.nextToken();
        if (t != null) {
            rootValue++;
        }
        return t;
    }

    JsonToken current() {
        return p.currentToken();
    }

    /** Walks an object (the current token must be START_OBJECT), skipping the fields {@code fields} does not want. */
    void object(JsonPointer at, String what, FieldReader fields) throws IOException, SnapshotException {
        expectObject(at, what);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            if (!fields.read(k, at.field(k))) {
                p.skipChildren();
            }
        }
    }

    /** Walks an array (the current token START_ARRAY, or null for none); returns the number of elements. */
    int array(JsonPointer at, ElementReader element) throws IOException, SnapshotException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (t != JsonToken.START_ARRAY) {
            throw shape(at, "expected an array, found " + describe(t));
        }
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            element.read(at.at(i++));
        }
        return i;
    }

    void expectObject(JsonPointer at, String what) throws SnapshotException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.START_OBJECT) {
            throw shape(at, "expected " + what + " (a JSON object), found " + describe(t));
        }
    }

    String string(JsonPointer at) throws IOException, SnapshotException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw shape(at, "expected a string, found " + describe(t));
    }

    List<String> strings(JsonPointer at) throws IOException, SnapshotException {
        List<String> out = new ArrayList<>(2);
        array(at, el -> {
            String s = string(el);
            if (s == null) {
                throw shape(el, "expected a string, found null");
            }
            out.add(s);
        });
        return out;
    }

    int integer(JsonPointer at) throws IOException, SnapshotException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return 0;
        }
        throw shape(at, "expected an integer, found " + describe(t));
    }

    boolean bool(JsonPointer at) throws SnapshotException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw shape(at, "expected true or false, found " + describe(t));
    }

    /** An ISO-8601 or boto3 timestamp ({@link Timestamps}), or epoch seconds. */
    Instant instant(JsonPointer at) throws IOException, SnapshotException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return Instant.ofEpochMilli((long) (p.getDoubleValue() * 1000));
        }
        String s = string(at);
        try {
            return Timestamps.parse(s);
        } catch (IllegalArgumentException e) {
            throw shape(at, e.getMessage());
        }
    }

    /** A policy document: URL-encoded or plain JSON string, or a JSON object; returns decoded JSON text. */
    String document(JsonPointer at) throws IOException, SnapshotException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return PolicyText.shared(
                        PolicyText.decode(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
            } catch (IllegalArgumentException e) {
                throw shape(at, e.getMessage());
            }
        }
        if (t == JsonToken.START_OBJECT) {
            documentText.setLength(0);
            try (JsonGenerator g = factory.createGenerator(documentWriter)) {
                copyStructure(g);
            }
            return PolicyText.shared(documentText.toString());
        }
        throw shape(at, "expected a policy document (a JSON object or a URL-encoded string), found " + describe(t));
    }

    /**
     * {@link JsonGenerator#copyCurrentStructure}, writing each string value from the parser's buffer instead of
     * making a String of it first (the generator escapes both alike).
     */
    private void copyStructure(JsonGenerator g) throws IOException {
        int depth = 0;
        do {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            } else {
                g.copyCurrentEvent(p);
                depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
            }
        } while (depth > 0 && p.nextToken() != null);
    }

    <T> T required(JsonPointer at, String field, T value) throws SnapshotException {
        if (value == null) {
            throw shape(at.field(field), "required string is missing");
        }
        return value;
    }

    SnapshotException shape(JsonPointer at, String reason) {
        String where = rootValue > 1 ? "JSON value " + rootValue + " " + at : at.toString();
        return new SnapshotException(file, at.toString(), file + ": " + where + ": " + reason);
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> Objects.toString(t.asString(), t.name());
        };
    }
}
