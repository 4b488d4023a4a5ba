package io.iamdrift.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the catalog resource written by {@code scripts/generate-catalog.mjs}: gzip-compressed UTF-8 lines of
 * tab-separated fields, {@code H} (header: {@code key=value} fields), then per service an {@code S} line
 * (prefix, name), its {@code R} lines (resource type, ARN format) and its {@code A} lines (action name,
 * access level code, resource types with a {@code *} suffix when required).
 * Hand-written scanning (no regex, no JSON) keeps the load of ~22,000 actions fast.
 */
final class CatalogReader {

    static final int FORMAT = 1;

    record Result(CatalogVersion version, List<ServiceInfo> services) {}

    private CatalogReader() {}

    static Result read(InputStream gzipped, String origin) throws IOException {
        byte[] bytes;
        try (InputStream in = new GZIPInputStream(gzipped, 1 << 16)) {
            bytes = in.readAllBytes();
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), origin);
    }

    static Result parse(String text, String origin) {
        return new Parser(text, origin).parse();
    }

    private static final class Parser {
        private final String text;
        private final String origin;
        private int lineNumber;

        private CatalogVersion version;
        private final List<ServiceInfo> services = new ArrayList<>(512);
        private String prefix;
        private String serviceName;
        private final List<ResourceType> resourceTypes = new ArrayList<>();
        private final List<ActionInfo> actions = new ArrayList<>();
        private final Map<String, ActionResourceType> refs = new HashMap<>();
        private final List<ActionResourceType> scratch = new ArrayList<>();

        Parser(String text, String origin) {
            this.text = text;
            this.origin = origin;
        }

        Result parse() {
            int start = 0;
            int length = text.length();
            while (start < length) {
                int end = text.indexOf('\n', start);
                if (end < 0) {
                    end = length;
                }
                lineNumber++;
                if (end > start) {
                    line(start, end);
                }
                start = end + 1;
            }
            finishService();
            if (version == null) {
                throw error("no header line");
            }
            return new Result(version, List.copyOf(services));
        }

        private void line(int start, int end) {
            if (end - start < 2 || text.charAt(start + 1) != '\t') {
                throw error("malformed line");
            }
            char type = text.charAt(start);
            if (type != 'H' && version == null) {
                throw error("the first line must be the header");
            }
            switch (type) {
                case 'H' -> header(start + 2, end);
                case 'S' -> service(start + 2, end);
                case 'R' -> resourceType(start + 2, end);
                case 'A' -> action(start + 2, end);
                default -> throw error("unknown record type '" + type + "'");
            }
        }

        private void header(int start, int end) {
            Map<String, String> fields = new HashMap<>();
            for (String field : text.substring(start, end).split("\t")) {
                int eq = field.indexOf('=');
                if (eq > 0) {
                    fields.put(field.substring(0, eq), field.substring(eq + 1));
                }
            }
            if (!String.valueOf(FORMAT).equals(fields.get("format"))) {
                throw error("unsupported catalog format " + fields.get("format") + " (this code reads " + FORMAT + ")");
            }
            String source = fields.get("source");
            String ver = fields.get("version");
            String updatedAt = fields.get("updatedAt");
            if (source == null || ver == null || updatedAt == null) {
                throw error("the header needs source, version and updatedAt");
            }
            try {
                version = new CatalogVersion(source, ver, Instant.parse(updatedAt));
            } catch (DateTimeParseException e) {
                throw error("bad updatedAt " + updatedAt);
            }
        }

        private void service(int start, int end) {
            finishService();
            int tab = tab(start, end);
            prefix = text.substring(start, tab);
            serviceName = text.substring(tab + 1, end);
        }

        private void resourceType(int start, int end) {
            requireService();
            int tab = tab(start, end);
            resourceTypes.add(new ResourceType(prefix, text.substring(start, tab), text.substring(tab + 1, end)));
        }

        private void action(int start, int end) {
            requireService();
            int tab = tab(start, end);
            String name = text.substring(start, tab);
            int levelStart = tab + 1;
            int levelEnd = text.indexOf('\t', levelStart);
            if (levelEnd < 0 || levelEnd > end) {
                levelEnd = end;
            }
            AccessLevel level = levelEnd - levelStart == 1 ? AccessLevel.fromCode(text.charAt(levelStart)) : null;
            if (level == null) {
                throw error("bad access level of " + prefix + ':' + name);
            }
            List<ActionResourceType> types = List.of();
            if (levelEnd < end) {
                scratch.clear();
                int from = levelEnd + 1;
                while (from <= end) {
                    int to = text.indexOf('\t', from);
                    if (to < 0 || to > end) {
                        to = end;
                    }
                    scratch.add(ref(from, to));
                    from = to + 1;
                }
                types = List.copyOf(scratch);
            }
            actions.add(new ActionInfo(prefix, name, level, types));
        }

        private ActionResourceType ref(int from, int to) {
            String token = text.substring(from, to);
            ActionResourceType ref = refs.get(token);
            if (ref == null) {
                boolean required = token.endsWith("*");
                String name = required ? token.substring(0, token.length() - 1) : token;
                if (name.isEmpty()) {
                    throw error("empty resource type name");
                }
                ref = new ActionResourceType(name, required);
                refs.put(token, ref);
            }
            return ref;
        }

        private void finishService() {
            if (prefix != null) {
                services.add(new ServiceInfo(prefix, serviceName, resourceTypes, actions));
            }
            prefix = null;
            resourceTypes.clear();
            actions.clear();
            refs.clear();
        }

        private void requireService() {
            if (prefix == null) {
                throw error("a resource type or action before any service");
            }
        }

        private int tab(int start, int end) {
            int tab = text.indexOf('\t', start);
            if (tab < 0 || tab >= end || tab == start) {
                throw error("missing field");
            }
            return tab;
        }

        private IllegalStateException error(String message) {
            return new IllegalStateException("action catalog " + origin + ", line " + lineNumber + ": " + message);
        }
    }
}
