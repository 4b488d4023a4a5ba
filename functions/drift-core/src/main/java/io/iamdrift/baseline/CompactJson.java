package io.iamdrift.baseline;

/**
 * Whether a span of a file that holds one well-formed JSON value (checked by the parser) is already written as
 * Jackson writes that value compactly, so that the span itself is the compact text: ASCII only, no whitespace
 * between tokens, no escape in a string and no number (whose written form may differ: {@code 1e3},
 * {@code -0}, {@code 1.50}). Literals, brackets, colons and commas are written as read.
 */
final class CompactJson {

    private CompactJson() {}

    static boolean isCompact(byte[] bytes, int start, int end) {
        boolean inString = false;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b < 0x20) { // non-ASCII (negative), or a control character
                return false;
            }
            if (b == '"') {
                inString = !inString;
            } else if (inString ? b == '\\' : b == ' ' || b == '-' || (b >= '0' && b <= '9')) {
                return false;
            }
        }
        return true;
    }
}
