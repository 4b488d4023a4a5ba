package io.iamdrift.evaluation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.evaluation.internal.PrincipalMatcher;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParseException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads requests shaped like IAM's {@code SimulateCustomPolicy} API request and writes responses shaped
 * like its response (IAM API Reference, "SimulateCustomPolicy" and "EvaluationResult").
 *
 * <p>Request members: {@code PolicyInputList} (required; policy documents as JSON strings, URL-encoded
 * strings or JSON objects), {@code PermissionsBoundaryPolicyInputList}, {@code ActionNames} (required),
 * {@code ResourceArns} (default {@code ["*"]}), {@code ResourcePolicy}, {@code ResourceOwner},
 * {@code CallerArn}, {@code ContextEntries} ({@code ContextKeyName}, {@code ContextKeyValues},
 * {@code ContextKeyType}); {@code ResourceHandlingOption}, {@code MaxItems} and {@code Marker} are
 * accepted and ignored. Any other member is an error (it is most likely a typo).
 *
 * <p>Response: {@code {"EvaluationResults": [...], "IsTruncated": false}} with one result per (action,
 * resource), actions outer, resources inner, in request order.
 */
public final class SimulateCustomPolicy {

    static final ObjectMapper MAPPER = Json.MAPPER;

    private static final Set<String> MEMBERS = Set.of(
            "PolicyInputList",
            "PermissionsBoundaryPolicyInputList",
            "ActionNames",
            "ResourceArns",
            "ResourcePolicy",
            "ResourceOwner",
            "CallerArn",
            "ContextEntries",
            "ResourceHandlingOption",
            "MaxItems",
            "Marker",
            "ServiceControlPolicyInputList",
            "ResourceControlPolicyInputList",
            "ManagementAccountId");

    private static final Set<String> CONTEXT_TYPES = Set.of(
            "string",
            "stringlist",
            "numeric",
            "numericlist",
            "boolean",
            "booleanlist",
            "ip",
            "iplist",
            "binary",
            "binarylist",
            "date",
            "datelist");

    private static final PolicyCache DEFAULT_CACHE = new PolicyCache();

    private SimulateCustomPolicy() {}

    /** A parsed, compiled request. */
    public record Input(
            PolicySet policies,
            List<String> actionNames,
            List<String> resourceArns,
            String callerArn,
            String resourceOwner,
            RequestContext context) {

        /** False when ResourceOwner and CallerArn name different accounts. */
        public boolean sameAccount() {
            String caller = PrincipalMatcher.accountOf(callerArn);
            if (resourceOwner == null || caller == null) {
                return true;
            }
            String owner = resourceOwner.startsWith("arn:") ? PrincipalMatcher.accountOf(resourceOwner) : resourceOwner;
            return owner == null || owner.equals(caller);
        }
    }

    /**
     * One evaluated (action, resource) pair.
     *
     * @param organizations whether organization policies were simulated (the response then says whether they
     *     allowed the request, as IAM's {@code OrganizationsDecisionDetail})
     */
    public record Result(String action, String resource, Decision decision, boolean organizations) {
        public Result(String action, String resource, Decision decision) {
            this(action, resource, decision, false);
        }
    }

    /** Reads a request object, compiling its documents through the cache. */
    public static Input read(JsonNode request, PolicyCache cache) {
        if (request == null || !request.isObject()) {
            throw new SimulateInputException("a SimulateCustomPolicy request must be a JSON object");
        }
        for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!MEMBERS.contains(name)) {
                String hint = null;
                for (String m : MEMBERS) {
                    if (m.equalsIgnoreCase(name)) {
                        hint = m;
                    }
                }
                throw new SimulateInputException(name + ": unknown request member"
                        + (hint != null
                                ? " (did you mean \"" + hint + "\"?)"
                                : " (expected one of " + new TreeSet<>(MEMBERS) + ")"));
            }
        }
        JsonNode policyList = request.get("PolicyInputList");
        if (policyList == null || policyList.isNull()) {
            throw new SimulateInputException("PolicyInputList: required (an array of policy documents)");
        }
        List<CompiledPolicy> identity = policies(policyList, "PolicyInputList", cache);
        JsonNode boundaryList = request.get("PermissionsBoundaryPolicyInputList");
        List<CompiledPolicy> boundary = boundaryList == null || boundaryList.isNull()
                ? List.of()
                : policies(boundaryList, "PermissionsBoundaryPolicyInputList", cache);
        CompiledPolicy resourcePolicy = null;
        JsonNode rp = request.get("ResourcePolicy");
        if (rp != null && !rp.isNull()) {
            resourcePolicy = policy(rp, "ResourcePolicy", "ResourcePolicy", PolicyKind.RESOURCE, cache);
        }
        JsonNode actions = request.get("ActionNames");
        if (actions == null || actions.isNull()) {
            throw new SimulateInputException("ActionNames: required (an array of actions such as \"s3:GetObject\")");
        }
        List<String> actionNames = strings(actions, "ActionNames");
        if (actionNames.isEmpty()) {
            throw new SimulateInputException("ActionNames: must name at least one action");
        }
        for (int i = 0; i < actionNames.size(); i++) {
            String a = actionNames.get(i);
            int colon = a.indexOf(':');
            if (colon <= 0 || colon == a.length() - 1) {
                throw new SimulateInputException("ActionNames[" + i + "]: \"" + a
                        + "\" is not an action of the form service:Action (e.g. s3:GetObject)");
            }
        }
        JsonNode res = request.get("ResourceArns");
        List<String> resourceArns = res == null || res.isNull() ? List.of("*") : strings(res, "ResourceArns");
        if (resourceArns.isEmpty()) {
            resourceArns = List.of("*");
        }
        String caller = optionalString(request, "CallerArn");
        String owner = optionalString(request, "ResourceOwner");
        RequestContext ctx = context(request.get("ContextEntries"));
        OrganizationPolicies org = new OrganizationPolicies(
                levels(
                        request.get("ServiceControlPolicyInputList"),
                        "ServiceControlPolicyInputList",
                        PolicyKind.IDENTITY,
                        cache),
                levels(
                        request.get("ResourceControlPolicyInputList"),
                        "ResourceControlPolicyInputList",
                        PolicyKind.RESOURCE,
                        cache),
                optionalString(request, "ManagementAccountId"));
        return new Input(
                new PolicySet(identity, boundary, resourcePolicy, org), actionNames, resourceArns, caller, owner, ctx);
    }

    /** A list of levels (root first), each a list of documents; ids {@code Name.level.n}, both from 1. */
    private static List<OrganizationPolicies.Level> levels(
            JsonNode list, String name, PolicyKind kind, PolicyCache cache) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new SimulateInputException(
                    name + ": must be an array of levels (root first), each an array of policy documents");
        }
        List<OrganizationPolicies.Level> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode level = list.get(i);
            String at = name + "[" + (i + 1) + "]";
            if (!level.isArray()) {
                throw new SimulateInputException(at + ": a level must be an array of policy documents");
            }
            List<CompiledPolicy> docs = new ArrayList<>(level.size());
            for (int j = 0; j < level.size(); j++) {
                String id = name + "." + (i + 1) + "." + (j + 1);
                docs.add(policy(level.get(j), id, at + "[" + (j + 1) + "]", kind, cache));
            }
            out.add(new OrganizationPolicies.Level(OrganizationPolicies.levelName(i, list.size()), docs));
        }
        return out;
    }

    private static List<CompiledPolicy> policies(JsonNode list, String name, PolicyCache cache) {
        if (!list.isArray()) {
            throw new SimulateInputException(name + ": must be an array of policy documents");
        }
        List<CompiledPolicy> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            int n = i + 1; // IAM numbers the documents from 1: PolicyInputList.1
            out.add(policy(list.get(i), name + "." + n, name + "[" + n + "]", PolicyKind.IDENTITY, cache));
        }
        return out;
    }

    private static CompiledPolicy policy(JsonNode node, String id, String source, PolicyKind kind, PolicyCache cache) {
        String text;
        if (node.isTextual()) {
            text = node.asText();
        } else if (node.isObject()) {
            text = node.toString();
        } else {
            throw new SimulateInputException(source + ": a policy document must be a JSON string or object");
        }
        try {
            return cache.compile(text, id, kind, source);
        } catch (PolicyParseException e) {
            throw new SimulateInputException(e.getMessage(), 0, e);
        }
    }

    private static List<String> strings(JsonNode node, String name) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw new SimulateInputException(name + ": must be an array of strings");
        }
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (!v.isTextual() || v.asText().isEmpty()) {
                throw new SimulateInputException(name + "[" + i + "]: must be a non-empty string");
            }
            out.add(v.asText());
        }
        return out;
    }

    private static String optionalString(JsonNode request, String name) {
        JsonNode v = request.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new SimulateInputException(name + ": must be a string");
        }
        return v.asText();
    }

    private static RequestContext context(JsonNode entries) {
        if (entries == null || entries.isNull()) {
            return RequestContext.empty();
        }
        if (!entries.isArray()) {
            throw new SimulateInputException(
                    "ContextEntries: must be an array of {ContextKeyName, ContextKeyValues, ContextKeyType}");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "ContextEntries[" + i + "]";
            JsonNode e = entries.get(i);
            if (!e.isObject()) {
                throw new SimulateInputException(at + ": must be an object");
            }
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("ContextKeyName") && !f.equals("ContextKeyValues") && !f.equals("ContextKeyType")) {
                    throw new SimulateInputException(at + "." + f
                            + ": unknown member (expected ContextKeyName, ContextKeyValues, ContextKeyType)");
                }
            }
            JsonNode name = e.get("ContextKeyName");
            if (name == null || !name.isTextual() || name.asText().isEmpty()) {
                throw new SimulateInputException(at + ".ContextKeyName: required string");
            }
            JsonNode type = e.get("ContextKeyType");
            if (type != null
                    && !type.isNull()
                    && (!type.isTextual()
                            || !CONTEXT_TYPES.contains(type.asText().toLowerCase(Locale.ROOT)))) {
                throw new SimulateInputException(
                        at + ".ContextKeyType: unknown type " + type
                                + " (expected string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date or dateList)");
            }
            JsonNode vs = e.get("ContextKeyValues");
            List<String> list = new ArrayList<>();
            if (vs != null && !vs.isNull()) {
                if (vs.isArray()) {
                    for (int j = 0; j < vs.size(); j++) {
                        JsonNode v = vs.get(j);
                        if (!v.isValueNode() || v.isNull()) {
                            throw new SimulateInputException(at + ".ContextKeyValues[" + j + "]: must be a string");
                        }
                        list.add(v.asText());
                    }
                } else if (vs.isValueNode()) {
                    list.add(vs.asText());
                } else {
                    throw new SimulateInputException(at + ".ContextKeyValues: must be an array of strings");
                }
            }
            values.merge(name.asText().toLowerCase(Locale.ROOT), list, (a, b) -> {
                List<String> m = new ArrayList<>(a);
                m.addAll(b);
                return m;
            });
        }
        return RequestContext.of(values);
    }

    /** Evaluates every (action, resource) pair: actions outer, resources inner. */
    public static List<Result> evaluate(Input in) {
        List<Result> out =
                new ArrayList<>(in.actionNames().size() * in.resourceArns().size());
        boolean same = in.sameAccount();
        boolean org = !in.policies().organization().isEmpty();
        for (String action : in.actionNames()) {
            for (String resource : in.resourceArns()) {
                Request r = new Request(action, resource, in.callerArn(), in.context());
                out.add(new Result(action, resource, Evaluator.evaluate(in.policies(), r, same), org));
            }
        }
        return out;
    }

    /** Writes one response object (no trailing newline). */
    public static void write(JsonGenerator g, List<Result> results) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("EvaluationResults");
        for (Result r : results) {
            Decision d = r.decision();
            g.writeStartObject();
            g.writeStringField("EvalActionName", r.action());
            g.writeStringField("EvalResourceName", r.resource());
            g.writeStringField("EvalDecision", d.decision().json());
            g.writeArrayFieldStart("MatchedStatements");
            for (MatchedStatement m : d.matchedStatements()) {
                g.writeStartObject();
                g.writeStringField("SourcePolicyId", m.policyId());
                g.writeStringField("SourcePolicyType", m.sourceType().simulatorName());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("MissingContextValues");
            for (String k : d.missingContextValues()) {
                g.writeString(k);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("EvalDecisionDetails");
            g.writeEndObject();
            g.writeObjectFieldStart("PermissionsBoundaryDecisionDetail");
            g.writeBooleanField("AllowedByPermissionsBoundary", d.allowedByBoundary());
            g.writeEndObject();
            if (r.organizations()) {
                g.writeObjectFieldStart("OrganizationsDecisionDetail");
                g.writeBooleanField("AllowedByOrganizations", d.allowedByOrganizations());
                if (d.organizationDenial() != null) {
                    g.writeStringField("DecidedBy", d.organizationDenial().describe(r.action()));
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("IsTruncated", false);
        g.writeEndObject();
    }

    /** Simulates one request (a JSON object) and returns the response as a tree. */
    public static JsonNode simulate(JsonNode request) {
        return readTreeOf(simulateToString(request, false));
    }

    /** Simulates one request given as JSON text and returns the response JSON text (compact). */
    public static String simulate(String requestJson) {
        JsonNode node;
        try {
            node = MAPPER.readTree(requestJson);
        } catch (IOException e) {
            throw new SimulateInputException("not valid JSON: " + e.getMessage().split("\n")[0]);
        }
        return simulateToString(node, false);
    }

    private static String simulateToString(JsonNode request, boolean pretty) {
        List<Result> results = evaluate(read(request, DEFAULT_CACHE));
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(sw)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(g, results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    private static JsonNode readTreeOf(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
