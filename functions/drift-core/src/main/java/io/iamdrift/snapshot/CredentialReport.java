package io.iamdrift.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The IAM credential report ({@code GetCredentialReport}), parsed from its CSV text.
 *
 * <p>Columns are found by header name, never by position, so AWS adding or reordering columns does not
 * break parsing. The values {@code N/A}, {@code no_information} and {@code not_supported} (and an empty
 * cell) mean absent.
 */
public final class CredentialReport {

    private final List<CredentialRow> rows;
    private final Map<String, CredentialRow> byUser;

    public CredentialReport(List<CredentialRow> rows) {
        this.rows = List.copyOf(rows);
        Map<String, CredentialRow> m = new HashMap<>(this.rows.size() * 2);
        for (CredentialRow r : this.rows) {
            m.putIfAbsent(r.user(), r);
        }
        this.byUser = m;
    }

    public List<CredentialRow> rows() {
        return rows;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CredentialReport r && rows.equals(r.rows);
    }

    @Override
    public int hashCode() {
        return rows.hashCode();
    }

    @Override
    public String toString() {
        return "CredentialReport[" + rows.size() + " rows]";
    }

    /** The row of a user, by user name. */
    public Optional<CredentialRow> row(String userName) {
        return Optional.ofNullable(byUser.get(userName));
    }

    /**
     * Parses the report. {@code text} is the CSV, or its Base64 form (the API's {@code Content} blob as the
     * CLI prints it).
     *
     * @throws IllegalArgumentException naming the line (1-based) and column name for malformed input
     */
    public static CredentialReport parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("credential report is empty");
        }
        String csv = text;
        if (!text.stripLeading().startsWith("user")) {
            csv = tryBase64(text);
        }
        List<List<String>> records = Csv.parse(csv);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("credential report is empty");
        }
        List<String> header = records.get(0);
        Map<String, Integer> col = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        for (String required : List.of("user", "arn")) {
            if (!col.containsKey(required)) {
                throw new IllegalArgumentException(
                        "credential report line 1: header has no '" + required + "' column (found " + header + ")");
            }
        }
        List<Integer> slots = new ArrayList<>();
        for (int slot = 1; col.containsKey("access_key_" + slot + "_active"); slot++) {
            slots.add(slot);
        }
        List<CredentialRow> rows = new ArrayList<>(records.size());
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.size() == 1 && rec.get(0).isBlank()) {
                continue;
            }
            int line = r + 1;
            Row row = new Row(rec, col, line);
            String user = row.value("user");
            if (user == null) {
                throw new IllegalArgumentException("credential report line " + line + ": 'user' is empty");
            }
            List<AccessKeyStatus> keys = new ArrayList<>(slots.size());
            for (int slot : slots) {
                String p = "access_key_" + slot + "_";
                keys.add(new AccessKeyStatus(
                        slot,
                        row.bool(p + "active"),
                        row.instant(p + "last_rotated"),
                        row.instant(p + "last_used_date")));
            }
            rows.add(new CredentialRow(
                    user,
                    row.value("arn"),
                    row.bool("password_enabled"),
                    row.instant("password_last_used"),
                    row.bool("mfa_active"),
                    keys));
        }
        return new CredentialReport(rows);
    }

    private static String tryBase64(String text) {
        try {
            String decoded = new String(Base64.getMimeDecoder().decode(text.strip()), StandardCharsets.UTF_8);
            if (decoded.startsWith("user")) {
                return decoded;
            }
        } catch (IllegalArgumentException ignored) {
            // not Base64: report the header problem on the text as given
        }
        return text;
    }

    static boolean absent(String v) {
        return v == null || v.isEmpty() || v.equals("N/A") || v.equals("no_information") || v.equals("not_supported");
    }

    private record Row(List<String> cells, Map<String, Integer> col, int line) {

        String value(String column) {
            Integer i = col.get(column);
            if (i == null || i >= cells.size()) {
                return null;
            }
            String v = cells.get(i).trim();
            return absent(v) ? null : v;
        }

        boolean bool(String column) {
            String v = value(column);
            if (v == null) {
                return false;
            }
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException("credential report line " + line + ", column " + column
                    + ": expected true or false, found '" + v + "'");
        }

        Instant instant(String column) {
            String v = value(column);
            if (v == null) {
                return null;
            }
            try {
                return Timestamps.parse(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("credential report line " + line + ", column " + column
                        + ": not an ISO-8601 timestamp: '" + v + "'");
            }
        }
    }

    /** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF). */
    static final class Csv {

        private Csv() {}

        static List<List<String>> parse(String s) {
            List<List<String>> out = new ArrayList<>();
            List<String> rec = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int n = s.length();
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                any = true;
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && s.charAt(i + 1) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    rec.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                    rec.add(cell.toString());
                    cell.setLength(0);
                    out.add(rec);
                    rec = new ArrayList<>();
                    any = false;
                } else {
                    cell.append(c);
                }
            }
            if (quoted) {
                throw new IllegalArgumentException(
                        "credential report line " + (out.size() + 1) + ": unterminated quoted value");
            }
            if (any) {
                rec.add(cell.toString());
                out.add(rec);
            }
            return out;
        }
    }
}
