package io.iamdrift.baseline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;
import io.iamdrift.internal.Json;
import io.iamdrift.snapshot.JsonErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads and validates baseline files.
 *
 * <p>Each file is checked on its own: size (at most {@value #MAX_BYTES} bytes, checked before parsing), JSON
 * syntax (duplicate keys and trailing content are errors), the JSON schema {@code baseline.schema.json}
 * (shipped in the jar; 2020-12, with {@code date} format assertions), then the rules the schema cannot express
 * (known Terraform types, well-formed policy documents, user-only and role-only fields, duplicates). Every
 * problem is a {@link BaselineProblem} with the file, the JSON pointer and the reason; nothing throws. A file
 * with any problem contributes no principals; a bad file never stops the others. A principal (type and name)
 * named by two files is kept from the first and reported on the second.
 *
 * <p>A file is first read by {@link BaselineStream} (one principal's tree at a time, documents copied as text),
 * which accepts only files without any problem; any other file is read again as a whole tree, so that every
 * problem is named exactly as this read names it.
 */
public final class BaselineLoader {

    /** Files larger than this are rejected before parsing. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** Where the shipped schema lives on the classpath. */
    public static final String SCHEMA_RESOURCE = "io/iamdrift/baseline/baseline.schema.json";

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final TerraformActions terraform;

    /** A loader that resolves Terraform types with the shipped table. */
    public BaselineLoader() {
        this(TerraformActions.defaults());
    }

    public BaselineLoader(TerraformActions terraform) {
        this.terraform = terraform;
    }

    /**
     * Loads one file, or every {@code *.json} file directly inside a directory (sorted by name; read in parallel,
     * combined in that order). A missing path or a directory without baseline files is a problem (nothing to
     * compare with is never a pass).
     */
    public BaselineSet load(Path path) {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                        .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .toList();
            } catch (IOException e) {
                return problem(name, "cannot list directory: " + e.getMessage());
            }
            if (files.isEmpty()) {
                return problem(name, "no baseline files (*.json) in directory");
            }
            return combine(files.parallelStream().map(this::readFile).toList());
        }
        if (!Files.exists(path)) {
            return problem(name, "baseline file or directory does not exist");
        }
        return combine(List.of(readFile(path)));
    }

    /** Loads baselines given as content, e.g. S3 objects, in the order given. */
    public BaselineSet loadAll(List<BaselineSource> sources) {
        return combine(
                sources.parallelStream().map(s -> parse(s.name(), s.content())).toList());
    }

    /** Loads one baseline given as text. */
    public BaselineSet load(String name, String text) {
        return loadAll(List.of(BaselineSource.of(name, text)));
    }

    private static BaselineSet problem(String source, String reason) {
        return new BaselineSet(List.of(), List.of(new BaselineProblem(source, "", reason)));
    }

    private Loaded readFile(Path f) {
        String name = f.toString();
        try {
            long size = Files.size(f);
            if (size > MAX_BYTES) {
                return Loaded.failed(new BaselineProblem(name, "", tooBig(size)));
            }
            return parse(name, Files.readAllBytes(f));
        } catch (IOException e) {
            return Loaded.failed(new BaselineProblem(name, "", "cannot read file: " + e));
        }
    }

    private static String tooBig(long size) {
        return "file is " + size + " bytes, over the " + MAX_BYTES + "-byte (64 MB) limit for a baseline; not read";
    }

    /** One file's outcome. */
    record Loaded(Baseline baseline, List<BaselineProblem> problems) {
        static Loaded failed(BaselineProblem p) {
            return new Loaded(null, List.of(p));
        }
    }

    private Loaded parse(String name, byte[] content) {
        if (content.length > MAX_BYTES) {
            return Loaded.failed(new BaselineProblem(name, "", tooBig(content.length)));
        }
        Baseline streamed = BaselineStream.read(name, content, terraform);
        return streamed != null ? new Loaded(streamed, List.of()) : treeRead(name, content);
    }

    /** Reads the file as one tree: every problem named exactly (a file the fast read refused). */
    Loaded treeRead(String name, byte[] content) {
        JsonNode root;
        try {
            root = readTree(content);
        } catch (JsonProcessingException e) {
            return Loaded.failed(syntax(name, e));
        } catch (IOException e) {
            return Loaded.failed(new BaselineProblem(name, "", "cannot read: " + e.getMessage()));
        } catch (NumberFormatException e) {
            return Loaded.failed(new BaselineProblem(name, "", "a number is out of range: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            return Loaded.failed(new BaselineProblem(name, "", "file is empty (expected a baseline JSON object)"));
        }
        List<BaselineProblem> problems = new ArrayList<>();
        List<ValidationMessage> messages;
        try {
            messages = new ArrayList<>(BaselineSchema.get().file().validate(root));
        } catch (NumberFormatException e) {
            // a number too large for a double (1E999) cannot be compared by the schema validator (HostileInputTest)
            return Loaded.failed(new BaselineProblem(name, "", "a number is out of range: " + e.getMessage()));
        }
        for (ValidationMessage m : messages) {
            problems.add(fromSchema(name, m));
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(BaselineProblem::pointer).thenComparing(BaselineProblem::reason));
            return new Loaded(null, dedupe(problems));
        }
        BaselineMapper mapper = new BaselineMapper(name, terraform);
        Baseline b = mapper.baseline(root);
        return mapper.problems().isEmpty()
                ? new Loaded(b, List.of())
                : new Loaded(null, List.copyOf(mapper.problems()));
    }

    /**
     * The file as a tree. The tree refuses duplicate keys itself ({@code FAIL_ON_READING_DUP_TREE_KEY}), so the
     * first read skips the parser's own duplicate check (a set of names per object); a file the first read refuses
     * (bad JSON, a duplicate key, content after the value) is read again with it, so that every error names the
     * place and reason it always has.
     */
    private static JsonNode readTree(byte[] content) throws IOException {
        try (JsonParser p = MAPPER.createParser(content)) {
            p.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
            JsonNode root = MAPPER.readTree(p);
            if (p.nextToken() == null) {
                return root;
            }
        } catch (JsonProcessingException e) {
            // read again below, with the parser's duplicate check, for the error's exact place
        }
        return MAPPER.readTree(content);
    }

    private static List<BaselineProblem> dedupe(List<BaselineProblem> problems) {
        return List.copyOf(new LinkedHashSet<>(problems));
    }

    private static BaselineProblem syntax(String name, JsonProcessingException e) {
        JsonErrors err = JsonErrors.of(e);
        return new BaselineProblem(name, err.pointer(), err.describe());
    }

    private static BaselineProblem fromSchema(String name, ValidationMessage m) {
        String pointer =
                m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
        String type = m.getType();
        String property = m.getProperty();
        if (property != null && ("required".equals(type) || "additionalProperties".equals(type))) {
            pointer = pointer + "/" + property.replace("~", "~0").replace("/", "~1");
        }
        String reason = m.getError();
        if (reason == null || reason.isBlank()) {
            reason = m.getMessage();
        }
        if ("additionalProperties".equals(type)) {
            reason = "unknown property '" + property + "' (not in the baseline schema; check the spelling)";
        } else if ("required".equals(type)) {
            reason = "required property '" + property + "' is missing";
        }
        return new BaselineProblem(name, pointer, reason);
    }

    /** Cross-file checks: a principal named twice is kept from the first file and reported on the later one. */
    private static BaselineSet combine(List<Loaded> loaded) {
        List<Baseline> baselines = new ArrayList<>();
        List<BaselineProblem> problems = new ArrayList<>();
        Map<String, String> firstSource = new HashMap<>();
        for (Loaded l : loaded) {
            problems.addAll(l.problems());
            Baseline b = l.baseline();
            if (b == null) {
                continue;
            }
            List<PrincipalBaseline> kept = new ArrayList<>(b.principals().size());
            for (int i = 0; i < b.principals().size(); i++) {
                PrincipalBaseline p = b.principals().get(i);
                String key = p.type().json() + "/" + p.name();
                String first = firstSource.putIfAbsent(key, b.source());
                if (first != null) {
                    problems.add(new BaselineProblem(
                            b.source(),
                            "/principals/" + i,
                            "principal " + key + " is also named in " + first + "; a principal may appear in one "
                                    + "baseline file only (kept from " + first + ", ignored here)"));
                } else {
                    kept.add(p);
                }
            }
            List<GroupBaseline> keptGroups = new ArrayList<>(b.groups().size());
            for (int i = 0; i < b.groups().size(); i++) {
                GroupBaseline g = b.groups().get(i);
                String first = firstSource.putIfAbsent("group/" + g.name(), b.source());
                if (first != null) {
                    problems.add(new BaselineProblem(
                            b.source(),
                            "/groups/" + i,
                            "group " + g.name() + " is also named in " + first + "; a group may appear in one "
                                    + "baseline file only (kept from " + first + ", ignored here)"));
                } else {
                    keptGroups.add(g);
                }
            }
            baselines.add(
                    kept.size() == b.principals().size()
                                    && keptGroups.size() == b.groups().size()
                            ? b
                            : new Baseline(
                                    b.source(), b.accountId(), b.environment(), b.discovery(), kept, keptGroups));
        }
        return new BaselineSet(baselines, problems);
    }
}
