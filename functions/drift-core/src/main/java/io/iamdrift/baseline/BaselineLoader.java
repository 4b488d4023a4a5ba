package io.iamdrift.baseline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyText;
import io.iamdrift.snapshot.JsonErrors;
import io.iamdrift.snapshot.PrincipalKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
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
 */
public final class BaselineLoader {

    /** Files larger than this are rejected before parsing. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** Where the shipped schema lives on the classpath. */
    public static final String SCHEMA_RESOURCE = "io/iamdrift/baseline/baseline.schema.json";

    private static final Pattern POLICY_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+");

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private static final ObjectReader TREE_READER =
            MAPPER.reader().without(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private static volatile JsonSchema schema;

    private final TerraformActions terraform;

    /** A loader that resolves Terraform types with the shipped table. */
    public BaselineLoader() {
        this(TerraformActions.defaults());
    }

    public BaselineLoader(TerraformActions terraform) {
        this.terraform = terraform;
    }

    static JsonSchema schema() {
        JsonSchema s = schema;
        if (s == null) {
            synchronized (BaselineLoader.class) {
                s = schema;
                if (s == null) {
                    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                            .pathType(PathType.JSON_POINTER)
                            .formatAssertionsEnabled(true)
                            .locale(Locale.ENGLISH)
                            .build();
                    s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                            .getSchema(SchemaLocation.of("classpath:" + SCHEMA_RESOURCE), config);
                    s.initializeValidators();
                    schema = s;
                }
            }
        }
        return s;
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
    private record Loaded(Baseline baseline, List<BaselineProblem> problems) {
        static Loaded failed(BaselineProblem p) {
            return new Loaded(null, List.of(p));
        }
    }

    private Loaded parse(String name, byte[] content) {
        if (content.length > MAX_BYTES) {
            return Loaded.failed(new BaselineProblem(name, "", tooBig(content.length)));
        }
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
            messages = new ArrayList<>(schema().validate(root));
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
        Baseline b = new Mapper(name, problems).baseline(root);
        return problems.isEmpty() ? new Loaded(b, List.of()) : new Loaded(null, problems);
    }

    /**
     * The file as a tree. The tree refuses duplicate keys itself ({@code FAIL_ON_READING_DUP_TREE_KEY}), so the
     * first read skips the parser's own duplicate check (a set of names per object); a file the first read refuses
     * is read again with it, so that every error names the place and reason it always has.
     */
    private static JsonNode readTree(byte[] content) throws IOException {
        try {
            return TREE_READER.readTree(content);
        } catch (JsonProcessingException e) {
            return MAPPER.readTree(content);
        }
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

    /** Maps one schema-valid document to records, reporting what the schema cannot check. */
    private final class Mapper {

        private final String source;
        private final List<BaselineProblem> problems;

        Mapper(String source, List<BaselineProblem> problems) {
            this.source = source;
            this.problems = problems;
        }

        private void problem(String pointer, String reason) {
            problems.add(new BaselineProblem(source, pointer, reason));
        }

        Baseline baseline(JsonNode root) {
            Discovery discovery = Discovery.NONE;
            JsonNode d = root.get("discovery");
            if (d != null) {
                Map<String, String> tags = new LinkedHashMap<>();
                d.path("tags")
                        .properties()
                        .forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
                discovery = new Discovery(
                        strings(d.get("userNamePatterns")),
                        strings(d.get("roleNamePatterns")),
                        strings(d.get("pathPrefixes")),
                        tags);
            }
            List<PrincipalBaseline> principals = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            JsonNode ps = root.path("principals");
            for (int i = 0; i < ps.size(); i++) {
                String at = "/principals/" + i;
                PrincipalBaseline p = principal(ps.get(i), at);
                if (!seen.add(p.type().json() + "/" + p.name())) {
                    problem(at, "principal " + p.type().json() + "/" + p.name() + " is named twice in this file");
                }
                principals.add(p);
            }
            List<GroupBaseline> groups = new ArrayList<>();
            Set<String> groupNames = new HashSet<>();
            JsonNode gs = root.path("groups");
            for (int i = 0; i < gs.size(); i++) {
                String at = "/groups/" + i;
                JsonNode g = gs.get(i);
                String name = g.get("name").asText();
                if (!groupNames.add(name)) {
                    problem(at + "/name", "group " + name + " is named twice in this file");
                }
                groups.add(new GroupBaseline(name, managed(g, at), inline(g, at)));
            }
            return new Baseline(
                    source, text(root.get("accountId")), text(root.get("environment")), discovery, principals, groups);
        }

        /** The {@code managedPolicies} of a principal or group at the pointer. */
        private List<ExpectedManagedPolicy> managed(JsonNode n, String at) {
            List<ExpectedManagedPolicy> managed = new ArrayList<>();
            Set<String> arns = new HashSet<>();
            JsonNode mp = n.path("managedPolicies");
            for (int i = 0; i < mp.size(); i++) {
                JsonNode m = mp.get(i);
                String p = at + "/managedPolicies/" + i;
                String arn = m.get("arn").asText();
                if (!arns.add(arn)) {
                    problem(p + "/arn", "managed policy " + arn + " is listed twice");
                }
                managed.add(new ExpectedManagedPolicy(
                        arn, text(m.get("versionId")), document(m.get("document"), p + "/document")));
            }
            return managed;
        }

        /** The {@code inlinePolicies} of a principal or group at the pointer. */
        private List<ExpectedInlinePolicy> inline(JsonNode n, String at) {
            List<ExpectedInlinePolicy> inline = new ArrayList<>();
            Set<String> inlineNames = new HashSet<>();
            JsonNode ip = n.path("inlinePolicies");
            for (int i = 0; i < ip.size(); i++) {
                JsonNode m = ip.get(i);
                String p = at + "/inlinePolicies/" + i;
                String policyName = m.get("name").asText();
                if (!inlineNames.add(policyName)) {
                    problem(p + "/name", "inline policy " + policyName + " is listed twice");
                }
                String doc = document(m.get("document"), p + "/document");
                inline.add(new ExpectedInlinePolicy(policyName, doc == null ? "" : doc));
            }
            return inline;
        }

        private PrincipalBaseline principal(JsonNode n, String at) {
            PrincipalKind kind = PrincipalKind.fromJson(n.get("type").asText());
            String name = n.get("name").asText();

            List<ExpectedManagedPolicy> managed = managed(n, at);
            List<ExpectedInlinePolicy> inline = inline(n, at);

            List<String> groups = null;
            if (n.has("groups")) {
                if (kind == PrincipalKind.ROLE) {
                    problem(at + "/groups", "groups apply to users only; a role cannot be a group member");
                }
                groups = strings(n.get("groups"));
            }

            BoundaryExpectation boundary = BoundaryExpectation.NOT_CHECKED;
            if (n.has("permissionsBoundary")) {
                JsonNode b = n.get("permissionsBoundary");
                if (b.isNull()) {
                    boundary = BoundaryExpectation.NONE;
                } else {
                    String arn = b.asText();
                    if (!POLICY_ARN.matcher(arn).matches()) {
                        problem(at + "/permissionsBoundary", "not a managed policy ARN: \"" + arn + "\"");
                    }
                    boundary = new BoundaryExpectation.Arn(arn);
                }
            }

            String trust = null;
            if (n.has("trustPolicy")) {
                if (kind == PrincipalKind.USER) {
                    problem(at + "/trustPolicy", "trustPolicy applies to roles only; users have no trust policy");
                }
                trust = document(n.get("trustPolicy"), at + "/trustPolicy");
            }

            AssumableBy assumableBy = null;
            JsonNode ab = n.get("assumableBy");
            if (ab != null) {
                if (kind == PrincipalKind.USER) {
                    problem(at + "/assumableBy", "assumableBy applies to roles only; users are not assumed");
                }
                assumableBy = new AssumableBy(
                        strings(ab.get("repositories")),
                        strings(ab.get("branches")),
                        strings(ab.get("environments")),
                        strings(ab.get("workspaces")),
                        strings(ab.get("awsPrincipals")),
                        strings(ab.get("accounts")));
            }

            List<RequiredAction> required = new ArrayList<>();
            JsonNode ra = n.path("requiredActions");
            for (int i = 0; i < ra.size(); i++) {
                JsonNode r = ra.get(i);
                Map<String, List<String>> context = new LinkedHashMap<>();
                r.path("context")
                        .properties()
                        .forEach(e -> context.put(
                                e.getKey(),
                                e.getValue().isArray()
                                        ? strings(e.getValue())
                                        : List.of(e.getValue().asText())));
                required.add(new RequiredAction(
                        r.get("action").asText(),
                        r.path("resource").asText(RequiredAction.ANY_RESOURCE),
                        context,
                        text(r.get("why"))));
            }

            List<String> types = strings(n.get("requiredForResourceTypes"));
            for (int i = 0; i < types.size(); i++) {
                if (!terraform.knows(types.get(i))) {
                    problem(
                            at + "/requiredForResourceTypes/" + i,
                            new TerraformActions.UnknownResourceTypeException(types.get(i)).getMessage());
                }
            }

            CredentialPolicy credentials = CredentialPolicy.DEFAULT;
            JsonNode c = n.get("credentials");
            if (c != null) {
                credentials = new CredentialPolicy(
                        c.path("consoleAccess").asBoolean(false),
                        c.path("maxAccessKeyAgeDays").asInt(CredentialPolicy.DEFAULT.maxAccessKeyAgeDays()),
                        c.path("maxActiveAccessKeys").asInt(CredentialPolicy.DEFAULT.maxActiveAccessKeys()));
            }

            List<BaselineException> exceptions = new ArrayList<>();
            JsonNode ex = n.path("exceptions");
            for (int i = 0; i < ex.size(); i++) {
                JsonNode e = ex.get(i);
                LocalDate expires;
                try {
                    expires = LocalDate.parse(e.get("expires").asText());
                } catch (DateTimeParseException err) {
                    problem(
                            at + "/exceptions/" + i + "/expires",
                            "not a date (YYYY-MM-DD): " + e.get("expires").asText());
                    continue;
                }
                exceptions.add(new BaselineException(
                        e.get("type").asText(),
                        text(e.get("policy")),
                        text(e.get("statementSid")),
                        e.get("reason").asText(),
                        expires));
            }

            return new PrincipalBaseline(
                    kind,
                    name,
                    managed,
                    inline,
                    groups,
                    boundary,
                    trust,
                    assumableBy,
                    required,
                    types,
                    strings(n.get("forbiddenActions")),
                    credentials,
                    exceptions);
        }

        /** A document as decoded JSON text: objects re-serialised compactly, strings URL-decoded and checked. */
        private String document(JsonNode n, String at) {
            if (n == null || n.isNull()) {
                return null;
            }
            if (n.isObject()) {
                try {
                    return PolicyText.shared(MAPPER.writeValueAsString(n));
                } catch (JsonProcessingException e) {
                    problem(at, "cannot serialise the policy document: " + e.getOriginalMessage());
                    return null;
                }
            }
            String decoded;
            try {
                decoded = PolicyText.decode(n.asText());
            } catch (IllegalArgumentException e) {
                problem(at, e.getMessage());
                return null;
            }
            String invalid = invalidJsonObject(decoded);
            if (invalid != null) {
                problem(at, invalid);
                return null;
            }
            return PolicyText.shared(decoded);
        }
    }

    /**
     * Why a document string is not one JSON object, or {@code null} when it is: one streaming pass (no tree; the
     * parser reads the document again later), with the errors a tree read would give.
     */
    private static String invalidJsonObject(String json) {
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            JsonToken first = p.nextToken();
            p.skipChildren();
            if (first != null && p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                return "the policy document string is not valid JSON: "
                        + new JsonErrors(
                                        "content after the JSON value",
                                        at.getLineNr(),
                                        at.getColumnNr(),
                                        "",
                                        "the file must hold exactly one JSON value")
                                .describe();
            }
            return first == JsonToken.START_OBJECT ? null : "the policy document string is not a JSON object";
        } catch (JsonProcessingException e) {
            return "the policy document string is not valid JSON: "
                    + JsonErrors.of(e).describe();
        } catch (IOException e) {
            return "the policy document string cannot be read: " + e.getMessage();
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<String> strings(JsonNode n) {
        if (n == null || !n.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(n.size());
        n.forEach(v -> out.add(v.asText()));
        return out;
    }
}
