package io.iamdrift.baseline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyText;
import io.iamdrift.snapshot.JsonErrors;
import io.iamdrift.snapshot.PrincipalKind;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Maps one file's schema-valid baseline JSON to records, reporting what the schema cannot check (known Terraform
 * types, well-formed policy documents, user-only and role-only fields, duplicates). Fed either the whole file's
 * tree or its principals and groups one at a time ({@link BaselineStream}). One per file; not thread-safe.
 */
final class BaselineMapper {

    private static final Pattern POLICY_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+");

    private final String source;
    private final TerraformActions terraform;
    private final List<BaselineProblem> problems = new ArrayList<>();
    private final List<PrincipalBaseline> principals = new ArrayList<>();
    private final Set<String> principalKeys = new HashSet<>();
    private final List<GroupBaseline> groups = new ArrayList<>();
    private final Set<String> groupNames = new HashSet<>();

    BaselineMapper(String source, TerraformActions terraform) {
        this.source = source;
        this.terraform = terraform;
    }

    /** What the schema cannot check, found so far (in the order found). */
    List<BaselineProblem> problems() {
        return problems;
    }

    private void problem(String pointer, String reason) {
        problems.add(new BaselineProblem(source, pointer, reason));
    }

    /** The whole file's baseline, from its schema-valid tree. */
    Baseline baseline(JsonNode root) {
        JsonNode ps = root.path("principals");
        for (int i = 0; i < ps.size(); i++) {
            principal(ps.get(i), i);
        }
        JsonNode gs = root.path("groups");
        for (int i = 0; i < gs.size(); i++) {
            group(gs.get(i), i);
        }
        return mapped(root);
    }

    /** The baseline of the file's top-level fields ({@code root}'s) with the principals and groups mapped so far. */
    Baseline mapped(JsonNode root) {
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
        return new Baseline(
                source, text(root.get("accountId")), text(root.get("environment")), discovery, principals, groups);
    }

    /** Maps the schema-valid principal at {@code /principals/i}. */
    void principal(JsonNode n, int i) {
        String at = "/principals/" + i;
        PrincipalBaseline p = principal(n, at);
        if (!principalKeys.add(p.type().json() + "/" + p.name())) {
            problem(at, "principal " + p.type().json() + "/" + p.name() + " is named twice in this file");
        }
        principals.add(p);
    }

    /** Maps the schema-valid group at {@code /groups/i}. */
    void group(JsonNode g, int i) {
        String at = "/groups/" + i;
        String name = g.get("name").asText();
        if (!groupNames.add(name)) {
            problem(at + "/name", "group " + name + " is named twice in this file");
        }
        groups.add(new GroupBaseline(name, managed(g, at), inline(g, at)));
    }

    /** The {@code managedPolicies} of a principal or group at the pointer. */
    private List<ExpectedManagedPolicy> managed(JsonNode n, String at) {
        return policies(
                n,
                at,
                "managedPolicies",
                "arn",
                "managed policy",
                (m, p) -> new ExpectedManagedPolicy(
                        m.get("arn").asText(), text(m.get("versionId")), document(m.get("document"), p + "/document")));
    }

    /** The {@code inlinePolicies} of a principal or group at the pointer. */
    private List<ExpectedInlinePolicy> inline(JsonNode n, String at) {
        return policies(n, at, "inlinePolicies", "name", "inline policy", (m, p) -> {
            String doc = document(m.get("document"), p + "/document");
            return new ExpectedInlinePolicy(m.get("name").asText(), doc == null ? "" : doc);
        });
    }

    /**
     * The items of the {@code field} array at the pointer, each mapped with its own pointer; an item whose
     * {@code key} repeats an earlier item's is a problem ("... is listed twice").
     */
    private <T> List<T> policies(
            JsonNode n, String at, String field, String key, String what, BiFunction<JsonNode, String, T> map) {
        List<T> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        JsonNode items = n.path(field);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String p = at + "/" + field + "/" + i;
            String k = item.get(key).asText();
            if (!keys.add(k)) {
                problem(p + "/" + key, what + " " + k + " is listed twice");
            }
            out.add(map.apply(item, p));
        }
        return out;
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
        if (n instanceof CopiedDocument copied) {
            return PolicyText.shared(copied.text());
        }
        if (n.isObject()) {
            try {
                return PolicyText.shared(Json.MAPPER.writeValueAsString(n));
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

    /**
     * Why a document string is not one JSON object, or {@code null} when it is: one streaming pass (no tree; the
     * parser reads the document again later), with the errors a tree read would give.
     */
    private static String invalidJsonObject(String json) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
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
