package io.iamdrift.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.baseline.AssumableBy;
import io.iamdrift.baseline.BaselineProblem;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParseException;
import io.iamdrift.policy.PolicyParser;
import io.iamdrift.policy.PolicyText;
import io.iamdrift.policy.PrincipalType;
import io.iamdrift.snapshot.Arns;
import io.iamdrift.trust.AssumableByCapture;
import io.iamdrift.trust.CiProviders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a baseline document (valid against baseline.schema.json) from the IAM resources of state files.
 *
 * <p>Every {@code aws_iam_user} and {@code aws_iam_role} becomes a principal whose managed policies, inline
 * policies, group membership (users), permissions boundary and trust policy (roles) are exactly what the
 * state declares: the standalone attachment, inline-policy and membership resources ({@code
 * aws_iam_*_policy_attachment}, {@code aws_iam_policy_attachment}, {@code aws_iam_user_policy}, {@code
 * aws_iam_role_policy}, {@code aws_iam_user_group_membership}, {@code aws_iam_group_membership}) and the
 * role's deprecated {@code inline_policy} / {@code managed_policy_arns} attributes, joined by principal name
 * or ARN. A managed policy declared by an {@code aws_iam_policy} in the states carries its document (state
 * holds no version id, so drift of a policy's default version shows as a changed document).
 *
 * <p>What cannot be used is a {@link BaselineProblem} (file and JSON pointer), never a silent skip: a
 * principal declared twice, two different documents for one inline policy, a policy that is not JSON.
 * References to principals the states do not declare (e.g. a role created elsewhere) are not baselined and
 * are listed in {@link Result#notes()}. The policies of the groups baselined users belong to ({@code
 * aws_iam_group_policy}, {@code aws_iam_group_policy_attachment}, the groups of {@code aws_iam_policy_attachment})
 * become the baseline's {@code groups} section for every group the states declare.
 */
public final class IamStateBaseline {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * @param document the baseline document (schemaVersion 1)
     * @param problems what could not be used
     * @param provenance for each principal ({@code user/NAME}, {@code role/NAME}) the resources that declare
     *     it, as {@code FILE#ADDRESS}
     * @param notes what was read but is not part of the baseline, for people
     */
    public record Result(
            ObjectNode document,
            List<BaselineProblem> problems,
            Map<String, List<String>> provenance,
            List<String> notes) {}

    private record Origin(String file, String address, String pointer) {
        @Override
        public String toString() {
            return file + "#" + address;
        }
    }

    private record Document(JsonNode json, Origin origin) {}

    private static final class Principal {
        final String kind;
        final String name;
        final String account;
        final Origin origin;
        String boundary;
        JsonNode trust;
        final Map<String, Origin> managed = new LinkedHashMap<>();
        final Map<String, Document> inline = new LinkedHashMap<>();
        final Set<String> groups = new TreeSet<>();
        final Set<String> provenance = new LinkedHashSet<>();

        Principal(String kind, String name, String account, Origin origin) {
            this.kind = kind;
            this.name = name;
            this.account = account;
            this.origin = origin;
            provenance.add(origin.toString());
        }

        String key() {
            return kind + "/" + name;
        }
    }

    private final String accountFilter;
    private final List<BaselineProblem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Principal> principals = new LinkedHashMap<>();
    private final Map<String, Document> policies = new LinkedHashMap<>();
    private final Map<String, Origin> groups = new LinkedHashMap<>();
    /** The policies the states attach to or put on each group, by group name. */
    private final Map<String, GroupPolicies> groupPolicies = new LinkedHashMap<>();

    /** A group's managed policy ARNs and inline policies, and the resources that declare them. */
    private static final class GroupPolicies {
        final Set<String> managed = new LinkedHashSet<>();
        final Map<String, Document> inline = new LinkedHashMap<>();
        final Set<String> provenance = new LinkedHashSet<>();
    }
    /** OIDC providers the states declare ({@code aws_iam_openid_connect_provider}), by ARN. */
    private final Map<String, OidcProvider> oidcProviders = new LinkedHashMap<>();

    /** An OIDC identity provider as the state declares it: its URL and the audiences (client ids) it accepts. */
    private record OidcProvider(String url, List<String> clientIds, Origin origin) {}

    private IamStateBaseline(String accountFilter) {
        this.accountFilter = accountFilter;
    }

    /**
     * @param accountId when not {@code null}, only principals of this account (by their ARN) are baselined;
     *     when {@code null} and the states hold principals of several accounts, that is a problem
     */
    public static Result build(List<StateFile> states, String accountId) {
        IamStateBaseline b = new IamStateBaseline(accountId);
        for (StateFile s : states) {
            for (ResourceInstance r : s.instances()) {
                b.declare(s, r);
            }
        }
        for (StateFile s : states) {
            for (ResourceInstance r : s.instances()) {
                b.relate(s, r);
            }
        }
        return b.result();
    }

    private void problem(Origin o, String attribute, String reason) {
        problems.add(new BaselineProblem(
                o.file(),
                o.pointer() + (attribute == null ? "" : "/attributes/" + attribute),
                o.address() + ": " + reason));
    }

    /** Pass 1: users, roles, groups and policies. */
    private void declare(StateFile s, ResourceInstance r) {
        Origin o = new Origin(s.source(), r.address(), r.pointer());
        JsonNode a = r.attributes();
        switch (r.type()) {
            case "aws_iam_user", "aws_iam_role" -> {
                String kind = r.type().equals("aws_iam_user") ? "user" : "role";
                String name = text(o, a, "name");
                if (name == null) {
                    return;
                }
                String account = Arns.account(a.path("arn").asText(null));
                if (accountFilter != null && account != null && !accountFilter.equals(account)) {
                    notes.add(o + ": " + kind + " " + name + " is in account " + account + ", not " + accountFilter
                            + "; not baselined here");
                    return;
                }
                Principal p = new Principal(kind, name, account, o);
                Principal first = principals.putIfAbsent(p.key(), p);
                if (first != null) {
                    problem(
                            o,
                            "name",
                            kind + " " + name + " is also declared by " + first.origin + "; a principal may be "
                                    + "declared once (kept from " + first.origin + ")");
                    return;
                }
                p.boundary = blankToNull(a.path("permissions_boundary").asText(""));
                if (kind.equals("role")) {
                    p.trust = document(o, a, "assume_role_policy");
                }
            }
            case "aws_iam_group" -> {
                String name = text(o, a, "name");
                if (name != null) {
                    groups.putIfAbsent(name, o);
                }
            }
            case "aws_iam_policy" -> {
                String arn = text(o, a, "arn");
                JsonNode doc = document(o, a, "policy");
                if (arn != null && doc != null) {
                    Document first = policies.putIfAbsent(arn, new Document(doc, o));
                    if (first != null && !first.json().equals(doc)) {
                        problem(
                                o,
                                "policy",
                                "policy " + arn + " is also declared by " + first.origin()
                                        + " with another document (kept from " + first.origin() + ")");
                    }
                }
            }
            case "aws_iam_openid_connect_provider" -> {
                String arn = text(o, a, "arn");
                if (arn != null) {
                    List<String> ids = new ArrayList<>();
                    a.path("client_id_list").forEach(id -> ids.add(id.asText()));
                    oidcProviders.putIfAbsent(
                            arn, new OidcProvider(a.path("url").asText(""), List.copyOf(ids), o));
                }
            }
            default -> {
                // other resource types say nothing about IAM principals
            }
        }
    }

    /** Pass 2: inline policies, attachments, memberships and the role's deprecated blocks. */
    private void relate(StateFile s, ResourceInstance r) {
        Origin o = new Origin(s.source(), r.address(), r.pointer());
        JsonNode a = r.attributes();
        switch (r.type()) {
            case "aws_iam_role" -> roleBlocks(o, a);
            case "aws_iam_user_policy" -> inline(o, a, "user", "user");
            case "aws_iam_role_policy" -> inline(o, a, "role", "role");
            case "aws_iam_group_policy" -> {
                String group = text(o, a, "group");
                String name = text(o, a, "name");
                JsonNode doc = document(o, a, "policy");
                if (group != null && name != null && doc != null) {
                    GroupPolicies g = groupPolicies(group);
                    g.provenance.add(o.toString());
                    Document first = g.inline.putIfAbsent(name, new Document(doc, o));
                    if (first != null && !first.json().equals(doc)) {
                        problem(
                                o,
                                "policy",
                                "inline policy " + name + " of group " + group + " has another document in "
                                        + first.origin() + " (kept from " + first.origin() + ")");
                    }
                }
            }
            case "aws_iam_user_policy_attachment" -> attach(o, a, "user", "user");
            case "aws_iam_role_policy_attachment" -> attach(o, a, "role", "role");
            case "aws_iam_group_policy_attachment" -> {
                String group = text(o, a, "group");
                String arn = text(o, a, "policy_arn");
                if (group != null && arn != null) {
                    attachToGroup(o, group, arn);
                }
            }
            case "aws_iam_policy_attachment" -> {
                String arn = text(o, a, "policy_arn");
                if (arn == null) {
                    return;
                }
                for (String user : strings(o, a, "users")) {
                    attachTo(o, "user", user, arn);
                }
                for (String role : strings(o, a, "roles")) {
                    attachTo(o, "role", role, arn);
                }
                for (String group : strings(o, a, "groups")) {
                    attachToGroup(o, group, arn);
                }
            }
            case "aws_iam_user_group_membership" -> {
                String user = text(o, a, "user");
                if (user != null) {
                    for (String g : strings(o, a, "groups")) {
                        member(o, user, g);
                    }
                }
            }
            case "aws_iam_group_membership" -> {
                String group = text(o, a, "group");
                if (group != null) {
                    for (String u : strings(o, a, "users")) {
                        member(o, u, group);
                    }
                }
            }
            default -> {
                // declared in pass 1 or not about IAM principals
            }
        }
    }

    private void roleBlocks(Origin o, JsonNode a) {
        Principal p = principals.get("role/" + a.path("name").asText());
        if (p == null || !p.origin.equals(o)) {
            return;
        }
        JsonNode inline = a.get("inline_policy");
        if (inline != null && inline.isArray()) {
            for (int i = 0; i < inline.size(); i++) {
                JsonNode block = inline.get(i);
                String name = block.path("name").asText("");
                String policy = block.path("policy").asText("");
                if (name.isEmpty() && policy.isEmpty()) {
                    continue; // the provider writes an empty block when the role declares none
                }
                Origin at = new Origin(o.file(), o.address(), o.pointer() + "/attributes/inline_policy/" + i);
                JsonNode doc = document(at, block, "policy");
                if (name.isEmpty()) {
                    problem(o, "inline_policy/" + i + "/name", "inline policy without a name");
                } else if (doc != null) {
                    addInline(p, name, new Document(doc, o), o, "inline_policy/" + i + "/policy");
                }
            }
        }
        for (String arn : strings(o, a, "managed_policy_arns")) {
            p.managed.putIfAbsent(arn, o);
        }
    }

    private void inline(Origin o, JsonNode a, String kind, String attribute) {
        String target = text(o, a, attribute);
        String name = text(o, a, "name");
        JsonNode doc = document(o, a, "policy");
        if (target == null || name == null || doc == null) {
            return;
        }
        Principal p = resolve(o, kind, target, "inline policy " + name);
        if (p != null) {
            addInline(p, name, new Document(doc, o), o, "policy");
        }
    }

    private void addInline(Principal p, String name, Document doc, Origin o, String attribute) {
        p.provenance.add(o.toString());
        Document first = p.inline.putIfAbsent(name, doc);
        if (first != null && !first.json().equals(doc.json())) {
            problem(
                    o,
                    attribute,
                    "inline policy " + name + " of " + p.key() + " has another document in " + first.origin()
                            + " (kept from " + first.origin() + ")");
        }
    }

    private void attach(Origin o, JsonNode a, String kind, String attribute) {
        String target = text(o, a, attribute);
        String arn = text(o, a, "policy_arn");
        if (target != null && arn != null) {
            attachTo(o, kind, target, arn);
        }
    }

    private void attachTo(Origin o, String kind, String target, String arn) {
        Principal p = resolve(o, kind, target, "attachment of " + arn);
        if (p != null) {
            p.provenance.add(o.toString());
            p.managed.putIfAbsent(arn, o);
        }
    }

    private GroupPolicies groupPolicies(String group) {
        return groupPolicies.computeIfAbsent(nameOf(group), k -> new GroupPolicies());
    }

    private void attachToGroup(Origin o, String group, String arn) {
        GroupPolicies g = groupPolicies(group);
        g.provenance.add(o.toString());
        g.managed.add(arn);
    }

    private void member(Origin o, String user, String group) {
        Principal p = resolve(o, "user", user, "membership of group " + group);
        if (p != null) {
            p.provenance.add(o.toString());
            p.groups.add(nameOf(group));
        }
    }

    /** The principal a name or ARN refers to, or {@code null} (with a note) when the states do not declare it. */
    private Principal resolve(Origin o, String kind, String nameOrArn, String what) {
        Principal p = principals.get(kind + "/" + nameOf(nameOrArn));
        if (p == null) {
            notes.add(o + ": " + what + " for " + kind + " " + nameOrArn + ", which these states do not declare "
                    + "(in this account); not baselined");
        }
        return p;
    }

    /** {@code deployer} for {@code deployer} or {@code arn:aws:iam::123456789012:user/ci/deployer}. */
    private static String nameOf(String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
        }
        return nameOrArn;
    }

    private String text(Origin o, JsonNode a, String attribute) {
        JsonNode v = a.get(attribute);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            problem(
                    o,
                    attribute,
                    "expected a non-empty string, found "
                            + (v == null ? "nothing" : v.isTextual() ? "an empty string" : StateReader.kind(v)));
            return null;
        }
        return v.asText();
    }

    private List<String> strings(Origin o, JsonNode a, String attribute) {
        JsonNode v = a.get(attribute);
        if (v == null || v.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (!v.isArray()) {
            problem(o, attribute, "expected a list of strings, found " + StateReader.kind(v));
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual() || v.get(i).asText().isEmpty()) {
                problem(o, attribute + "/" + i, "expected a non-empty string, found " + StateReader.kind(v.get(i)));
            } else {
                out.add(v.get(i).asText());
            }
        }
        return out;
    }

    /** A policy document attribute (a JSON string in state), parsed; {@code null} with a problem when it is not. */
    private JsonNode document(Origin o, JsonNode a, String attribute) {
        String raw = text(o, a, attribute);
        if (raw == null) {
            return null;
        }
        try {
            JsonNode doc = Json.EXACT.readTree(PolicyText.decode(raw));
            if (doc != null && doc.isObject()) {
                return doc;
            }
            problem(o, attribute, "policy document is not a JSON object");
        } catch (Exception e) {
            problem(o, attribute, "policy document is not JSON: " + firstLine(e.getMessage()));
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int cut = s.indexOf('\n');
        return cut < 0 ? s : s.substring(0, cut);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private Result result() {
        ObjectNode root = JSON.objectNode();
        root.put("schemaVersion", 1);
        Set<String> accounts = new TreeSet<>();
        principals.values().stream()
                .map(p -> p.account)
                .filter(Arns::isAccountId)
                .forEach(accounts::add);
        if (accountFilter != null) {
            root.put("accountId", accountFilter);
        } else if (accounts.size() == 1) {
            root.put("accountId", accounts.iterator().next());
        } else if (accounts.size() > 1) {
            String file = principals.values().iterator().next().origin.file();
            problems.add(new BaselineProblem(
                    file,
                    "",
                    "the states declare principals of several accounts " + accounts
                            + "; a baseline describes one account: choose one (--account)"));
        }
        ArrayNode out = root.putArray("principals");
        Map<String, List<String>> provenance = new LinkedHashMap<>();
        for (Principal p : principals.values()) {
            out.add(principal(p));
            provenance.put(p.key(), List.copyOf(p.provenance));
        }
        groups(root);
        return new Result(root, List.copyOf(problems), provenance, List.copyOf(notes));
    }

    /**
     * The {@code groups} section: each group a baselined user belongs to that the states declare, with exactly the
     * policies they attach to it or put on it. Group policies of groups no baselined user belongs to, or of groups
     * the states do not declare, are listed in the notes.
     */
    private void groups(ObjectNode root) {
        Set<String> memberOf = new TreeSet<>();
        principals.values().forEach(p -> memberOf.addAll(p.groups));
        ArrayNode out = JSON.arrayNode();
        for (String g : memberOf) {
            if (!groups.containsKey(g)) {
                if (groupPolicies.containsKey(g)) {
                    notes.add(String.join(", ", groupPolicies.get(g).provenance) + ": policies of group " + g
                            + ", which these states do not declare (aws_iam_group); its policies are not baselined");
                }
                continue;
            }
            GroupPolicies declared = groupPolicies.getOrDefault(g, new GroupPolicies());
            ObjectNode o = out.addObject().put("name", g);
            ArrayNode managed = o.putArray("managedPolicies");
            for (String arn : declared.managed) {
                managedEntry(managed, arn);
            }
            ArrayNode inline = o.putArray("inlinePolicies");
            declared.inline.forEach(
                    (name, d) -> inline.addObject().put("name", name).set("document", d.json()));
        }
        groupPolicies.forEach((g, declared) -> {
            if (!memberOf.contains(g)) {
                notes.add(String.join(", ", declared.provenance) + ": policies of group " + g
                        + ", of which no user these " + "states declare is a member; not baselined");
            }
        });
        if (!out.isEmpty()) {
            root.set("groups", out);
        }
    }

    /** A managed policy entry, with the state's document when an {@code aws_iam_policy} declares it. */
    private void managedEntry(ArrayNode managed, String arn) {
        ObjectNode m = managed.addObject().put("arn", arn);
        Document d = policies.get(arn);
        if (d != null) {
            m.set("document", d.json());
        }
    }

    private ObjectNode principal(Principal p) {
        ObjectNode o = JSON.objectNode();
        o.put("type", p.kind);
        o.put("name", p.name);
        ArrayNode managed = o.putArray("managedPolicies");
        for (String arn : p.managed.keySet()) {
            managedEntry(managed, arn);
        }
        ArrayNode inline = o.putArray("inlinePolicies");
        p.inline.forEach((name, d) -> inline.addObject().put("name", name).set("document", d.json()));
        if (p.kind.equals("user")) {
            ArrayNode g = o.putArray("groups");
            p.groups.forEach(g::add);
        }
        if (p.boundary == null) {
            o.putNull("permissionsBoundary");
        } else {
            o.put("permissionsBoundary", p.boundary);
        }
        if (p.trust != null) {
            o.set("trustPolicy", p.trust);
            assumableBy(p).ifPresent(ab -> o.set("assumableBy", ab));
        }
        return o;
    }

    /**
     * Who the state's trust policy admits, as the baseline's assumableBy (a hand-written one replaces it), and
     * notes on the OIDC providers it names: one the states do not declare, or an audience its provider does not
     * accept (AWS refuses such tokens, so that trust admits nobody).
     */
    private Optional<JsonNode> assumableBy(Principal p) {
        PolicyDocument trust;
        try {
            trust = PolicyParser.parse(p.trust, p.origin.toString(), PolicyKind.TRUST);
        } catch (PolicyParseException e) {
            return Optional.empty(); // the baseline loader reports the document
        }
        for (var st : trust.statements()) {
            if (st.principals() == null
                    || !(st.principals().principal() instanceof io.iamdrift.policy.Principal.Named n)) {
                continue;
            }
            for (String federated : n.byType().getOrDefault(PrincipalType.FEDERATED, List.of())) {
                String issuer = CiProviders.issuerOf(federated);
                if (issuer == null) {
                    continue;
                }
                OidcProvider provider = oidcProviders.get(federated);
                if (provider == null) {
                    notes.add(p.origin + ": the trust of role " + p.name + " names the OIDC provider " + federated
                            + ", which these states do not declare (aws_iam_openid_connect_provider)");
                    continue;
                }
                st.conditions().stream()
                        .filter(c -> c.key().equalsIgnoreCase(issuer + ":aud"))
                        .flatMap(c -> c.values().stream())
                        .filter(aud -> !provider.clientIds().contains(aud))
                        .distinct()
                        .forEach(aud -> notes.add(p.origin + ": the trust of role " + p.name + " requires audience "
                                + aud + ", which " + provider.origin() + " does not accept (client_id_list "
                                + provider.clientIds() + ")"));
            }
        }
        String arn = "arn:aws:iam::" + (p.account != null ? p.account : "000000000000") + ":role/" + p.name;
        AssumableBy ab = AssumableByCapture.of(trust, arn);
        return ab == null ? Optional.empty() : Optional.of(Json.MAPPER.valueToTree(ab.nonEmpty()));
    }
}
