package io.iamdrift.snapshot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;

/**
 * Turns Jackson's syntax errors into short, located descriptions for people (used for snapshots and
 * baselines alike).
 *
 * @param kind {@code invalid JSON}, {@code truncated JSON}, {@code duplicate key} or
 *     {@code content after the JSON value}
 * @param line 1-based line, or -1 when unknown
 * @param column 1-based column, or -1 when unknown
 * @param pointer the JSON pointer of the enclosing value ({@code ""} at the top level)
 * @param detail Jackson's first message line, without source excerpts
 */
public record JsonErrors(String kind, int line, int column, String pointer, String detail) {

    public static JsonErrors of(JsonProcessingException e) {
        return of(e, null);
    }

    /**
     * As {@link #of(JsonProcessingException)}, locating errors that carry no parser of their own (Jackson's
     * stream constraints: a string, number or nesting over its limits) by the parser that read them.
     */
    public static JsonErrors of(JsonProcessingException e, JsonParser reading) {
        JsonLocation loc = e.getLocation();
        if (loc == null && reading != null) {
            loc = reading.currentLocation();
        }
        String pointer = "";
        JsonParser parser = e.getProcessor() instanceof JsonParser own ? own : reading;
        if (parser != null) {
            JsonStreamContext ctx = parser.getParsingContext();
            if (ctx != null) {
                pointer = ctx.pathAsPointer().toString();
            }
        }
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int cut = msg.indexOf('\n');
        if (cut > 0) {
            msg = msg.substring(0, cut);
        }
        cut = msg.indexOf(" (start marker at");
        if (cut > 0) {
            msg = msg.substring(0, cut);
        }
        String kind;
        if (msg.startsWith("Unexpected end-of-input")) {
            kind = "truncated JSON";
        } else if (msg.startsWith("Duplicate field")) {
            kind = "duplicate key";
        } else if (msg.startsWith("Trailing token")) {
            kind = "content after the JSON value";
            msg = "the file must hold exactly one JSON value";
        } else {
            kind = "invalid JSON";
        }
        int line = loc == null ? -1 : loc.getLineNr();
        int column = loc == null ? -1 : loc.getColumnNr();
        return new JsonErrors(kind, line, column, pointer, msg);
    }

    /** e.g. {@code truncated JSON at line 3, column 17: Unexpected end-of-input: expected close marker for Array}. */
    public String describe() {
        String where = line < 0 ? "" : " at line " + line + ", column " + column;
        return kind + where + ": " + detail;
    }
}
