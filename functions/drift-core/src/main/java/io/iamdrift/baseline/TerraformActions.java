package io.iamdrift.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The table from Terraform resource types (e.g. {@code aws_lambda_function}) to the IAM actions that managing
 * them needs, kept as data in {@code terraform-actions.json} beside this class.
 *
 * <p>An unknown type is never silently "nothing": {@link #actionsFor(String)} throws, {@link #lookup(String)}
 * is empty, and the baseline loader reports it as a problem.
 */
public final class TerraformActions {

    /** Where the shipped table lives on the classpath. */
    public static final String RESOURCE = "/io/iamdrift/baseline/terraform-actions.json";

    private static final Pattern ACTION = Pattern.compile("^[a-z0-9-]+:[A-Za-z0-9]+$");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("^aws_[a-z0-9_]+$");

    private static volatile TerraformActions defaults;

    private final Map<String, List<RequiredAction>> byType;
    private final List<RequiredAction> general;
    private final Map<String, String> seedActionsNotRequired;

    private TerraformActions(
            Map<String, List<RequiredAction>> byType,
            List<RequiredAction> general,
            Map<String, String> seedActionsNotRequired) {
        this.byType = byType;
        this.general = general;
        this.seedActionsNotRequired = seedActionsNotRequired;
    }

    /** The table shipped in the jar (loaded once). */
    public static TerraformActions defaults() {
        TerraformActions d = defaults;
        if (d == null) {
            synchronized (TerraformActions.class) {
                d = defaults;
                if (d == null) {
                    try (InputStream in = TerraformActions.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
                        }
                        d = parse(in.readAllBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + RESOURCE, e);
                    }
                    defaults = d;
                }
            }
        }
        return d;
    }

    /**
     * Parses a table in the shipped format.
     *
     * @throws IllegalArgumentException when the table is malformed (bad action name, unknown group, ...)
     */
    public static TerraformActions parse(byte[] json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("terraform action table is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("terraform action table must be a JSON object");
        }
        JsonNode groups = root.path("groups");
        List<RequiredAction> general =
                entries(root.path("general"), groups, "general", "needed by the Terraform AWS provider on every run");
        Map<String, List<RequiredAction>> byType = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("resourceTypes").properties()) {
            String type = e.getKey();
            if (!RESOURCE_TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("terraform action table: bad resource type name '" + type + "'");
            }
            byType.put(type, entries(e.getValue(), groups, type, "managing Terraform " + type));
        }
        Map<String, String> notRequired = new LinkedHashMap<>();
        root.path("seedActionsNotRequired")
                .properties()
                .forEach(e -> notRequired.put(e.getKey(), e.getValue().asText()));
        return new TerraformActions(
                Collections.unmodifiableMap(byType), general, Collections.unmodifiableMap(notRequired));
    }

    private static List<RequiredAction> entries(JsonNode list, JsonNode groups, String where, String why) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("terraform action table: " + where + " must be an array");
        }
        Map<RequiredAction.Check, RequiredAction> out = new LinkedHashMap<>();
        for (JsonNode e : list) {
            if (e.isTextual() && e.asText().startsWith("@")) {
                String group = e.asText().substring(1);
                JsonNode g = groups.get(group);
                if (g == null) {
                    throw new IllegalArgumentException(
                            "terraform action table: " + where + " names unknown group @" + group);
                }
                for (RequiredAction a : entries(g, groups, where + " @" + group, why)) {
                    out.putIfAbsent(a.check(), a);
                }
                continue;
            }
            RequiredAction a;
            if (e.isTextual()) {
                a = RequiredAction.of(checked(e.asText(), where), why);
            } else if (e.isObject()) {
                Map<String, List<String>> context = new LinkedHashMap<>();
                e.path("context").properties().forEach(c -> {
                    List<String> values = new ArrayList<>();
                    if (c.getValue().isArray()) {
                        c.getValue().forEach(v -> values.add(v.asText()));
                    } else {
                        values.add(c.getValue().asText());
                    }
                    context.put(c.getKey(), values);
                });
                a = new RequiredAction(
                        checked(e.path("action").asText(null), where),
                        e.path("resource").asText(RequiredAction.ANY_RESOURCE),
                        context,
                        why);
            } else {
                throw new IllegalArgumentException("terraform action table: " + where + ": bad entry " + e);
            }
            out.putIfAbsent(a.check(), a);
        }
        return List.copyOf(out.values());
    }

    private static String checked(String action, String where) {
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("terraform action table: " + where + ": bad action '" + action + "'");
        }
        return action;
    }

    /** Whether the table knows the type. */
    public boolean knows(String terraformType) {
        return byType.containsKey(terraformType);
    }

    /** The actions of a type, or empty when the type is unknown. */
    public Optional<List<RequiredAction>> lookup(String terraformType) {
        return Optional.ofNullable(byType.get(terraformType));
    }

    /**
     * The actions that managing resources of the type needs (not including {@link #general()}).
     *
     * @throws UnknownResourceTypeException when the table does not know the type
     */
    public List<RequiredAction> actionsFor(String terraformType) {
        List<RequiredAction> a = byType.get(terraformType);
        if (a == null) {
            throw new UnknownResourceTypeException(terraformType);
        }
        return a;
    }

    /**
     * The union of the actions of every type, plus {@link #general()} when there is at least one type, without
     * duplicates, in table order.
     *
     * @throws UnknownResourceTypeException for the first unknown type
     */
    public List<RequiredAction> actionsForAll(Collection<String> terraformTypes) {
        if (terraformTypes.isEmpty()) {
            return List.of();
        }
        return expansions.computeIfAbsent(List.copyOf(terraformTypes), this::expand);
    }

    /** Expansions by list of types: deployer fleets share a handful of type lists. */
    private final Map<List<String>, List<RequiredAction>> expansions = new java.util.concurrent.ConcurrentHashMap<>();

    private List<RequiredAction> expand(List<String> terraformTypes) {
        Map<RequiredAction.Check, RequiredAction> out = new LinkedHashMap<>();
        for (RequiredAction a : general) {
            out.putIfAbsent(a.check(), a);
        }
        for (String t : terraformTypes) {
            for (RequiredAction a : actionsFor(t)) {
                out.putIfAbsent(a.check(), a);
            }
        }
        return List.copyOf(out.values());
    }

    /** Actions the Terraform AWS provider needs whatever it manages (sts:GetCallerIdentity, ...). */
    public List<RequiredAction> general() {
        return general;
    }

    /** Every known type, sorted. */
    public Set<String> resourceTypes() {
        return Collections.unmodifiableSet(new TreeSet<>(byType.keySet()));
    }

    /**
     * Actions that the audit procedure (seed 002) lists but the table deliberately does not require, with
     * why (e.g. names that are not IAM actions).
     */
    public Map<String, String> seedActionsNotRequired() {
        return seedActionsNotRequired;
    }

    /** A Terraform resource type that the table does not know. */
    public static final class UnknownResourceTypeException extends IllegalArgumentException {

        private final String type;

        public UnknownResourceTypeException(String type) {
            super("unknown Terraform resource type '" + type + "': the action table does not know which IAM actions "
                    + "manage it; list the actions under requiredActions instead");
            this.type = type;
        }

        public String type() {
            return type;
        }
    }
}
