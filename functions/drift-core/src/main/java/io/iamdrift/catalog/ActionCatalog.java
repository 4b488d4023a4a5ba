package io.iamdrift.catalog;

import io.iamdrift.internal.BoundedCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every AWS action with its access level and resource types, every resource type's ARN format, and IAM action
 * wildcard expansion against them.
 *
 * <p>{@link #defaults()} is the catalog shipped in the jar, loaded lazily and once. Immutable and thread-safe;
 * expansions are memoised per pattern (case-insensitively), so a pattern is expanded once, never per request.
 * Action names come back in the catalog's spelling ({@code s3:GetObject}), ordered by service prefix, then by
 * name; every lookup is case-insensitive.
 */
public final class ActionCatalog {

    /** The classpath resource holding the shipped catalog. */
    public static final String RESOURCE = "/io/iamdrift/catalog/actions.tsv.gz";

    private static volatile ActionCatalog defaults;

    private final CatalogVersion version;
    private final List<ServiceInfo> services;
    private final Map<String, ServiceInfo> servicesByPrefix;
    private final Map<String, Integer> serviceStart;
    private final ActionInfo[] actions;
    private final String[] fullNames;
    private final Map<String, ActionInfo> actionsByName;
    private final Set<String> all;
    private final List<ActionInfo> actionList;
    private final BoundedCache<String, Set<String>> expansions = new BoundedCache<>(32_768);
    /** The same, by the pattern as written (spellings repeat across a fleet: no case folding per lookup). */
    private final BoundedCache<String, Set<String>> expansionsAsWritten = new BoundedCache<>(32_768);

    private final BoundedCache<String, Optional<UnknownAction>> checks = new BoundedCache<>(32_768);
    private final ConcurrentHashMap<List<String>, Set<String>> complements = new ConcurrentHashMap<>();

    private ActionCatalog(CatalogVersion version, List<ServiceInfo> services) {
        this.version = version;
        this.services = services;
        int count = 0;
        for (ServiceInfo service : services) {
            count += service.actions().size();
        }
        this.actions = new ActionInfo[count];
        this.fullNames = new String[count];
        this.servicesByPrefix = new HashMap<>(services.size() * 2);
        this.serviceStart = new HashMap<>(services.size() * 2);
        this.actionsByName = new HashMap<>(count * 2);
        LinkedHashSet<String> names = new LinkedHashSet<>(count * 2);
        int i = 0;
        for (ServiceInfo service : services) {
            String key = ActionPattern.fold(service.prefix());
            servicesByPrefix.put(key, service);
            serviceStart.put(key, i);
            for (ActionInfo action : service.actions()) {
                String fullName = action.fullName();
                actions[i] = action;
                fullNames[i] = fullName;
                actionsByName.put(ActionPattern.fold(fullName), action);
                names.add(fullName);
                i++;
            }
        }
        this.all = Collections.unmodifiableSet(names);
        this.actionList = List.of(actions);
    }

    /** The catalog shipped in the jar; loaded on first use, once, then shared. */
    public static ActionCatalog defaults() {
        ActionCatalog catalog = defaults;
        if (catalog == null) {
            synchronized (ActionCatalog.class) {
                catalog = defaults;
                if (catalog == null) {
                    catalog = loadResource();
                    defaults = catalog;
                }
            }
        }
        return catalog;
    }

    /**
     * Reads a catalog in the shipped format (gzip-compressed; see {@code scripts/generate-catalog.mjs}).
     *
     * @throws IllegalStateException when the data is malformed, naming the line
     */
    public static ActionCatalog read(InputStream gzipped) throws IOException {
        CatalogReader.Result result = CatalogReader.read(gzipped, "stream");
        return new ActionCatalog(result.version(), result.services());
    }

    private static ActionCatalog loadResource() {
        try (InputStream in = ActionCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "action catalog resource " + RESOURCE + " is missing from the classpath");
            }
            CatalogReader.Result result = CatalogReader.read(in, RESOURCE);
            return new ActionCatalog(result.version(), result.services());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the action catalog " + RESOURCE, e);
        }
    }

    /** The data's source package, version and date. */
    public CatalogVersion dataVersion() {
        return version;
    }

    /** Every service, sorted by prefix. */
    public Collection<ServiceInfo> services() {
        return services;
    }

    /** The service with this prefix (case-insensitive), e.g. {@code s3}. */
    public Optional<ServiceInfo> service(String prefix) {
        return Optional.ofNullable(servicesByPrefix.get(ActionPattern.fold(prefix)));
    }

    /** Every action, ordered by service prefix, then name. */
    public List<ActionInfo> actions() {
        return actionList;
    }

    /** The number of actions. */
    public int size() {
        return actions.length;
    }

    /** The action with this full name, case-insensitively: {@code S3:getobject} finds {@code s3:GetObject}. */
    public Optional<ActionInfo> find(String action) {
        return Optional.ofNullable(actionsByName.get(ActionPattern.fold(action)));
    }

    /** True when {@code action} is a concrete (wildcard-free) action of the catalog, in any case. */
    public boolean isKnown(String action) {
        return actionsByName.containsKey(ActionPattern.fold(action));
    }

    /** A service's resource type (both names case-insensitive). */
    public Optional<ResourceType> resourceType(String servicePrefix, String resourceTypeName) {
        return service(servicePrefix).flatMap(s -> s.resourceType(resourceTypeName));
    }

    /**
     * The ARN format of a service's resource type, e.g. {@code arnFormat("s3", "object")} is
     * {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}.
     */
    public Optional<String> arnFormat(String servicePrefix, String resourceTypeName) {
        return resourceType(servicePrefix, resourceTypeName).map(ResourceType::arnFormat);
    }

    /**
     * Every action an IAM Action pattern matches, as canonical full names. {@code *} and {@code ?} are wildcards,
     * matching is case-insensitive, {@code *} alone is every action. Unknown names give an empty set.
     * Memoised: each distinct pattern is expanded once.
     *
     * @return an unmodifiable set in catalog order
     */
    public Set<String> expand(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return expansionsAsWritten.get(pattern, p -> expansions.get(ActionPattern.fold(p), this::computeExpansion));
    }

    private Set<String> computeExpansion(String folded) {
        ActionPattern compiled = ActionPattern.compile(folded);
        if (compiled.matchesEverything()) {
            return all;
        }
        if (!compiled.hasWildcard()) {
            ActionInfo action = actionsByName.get(folded);
            return action == null ? Set.of() : Set.of(action.fullName());
        }
        int from = 0;
        int to = actions.length;
        Optional<String> service = compiled.literalService();
        if (service.isPresent()) {
            Integer start = serviceStart.get(service.get());
            if (start == null) {
                return Set.of();
            }
            from = start;
            to = start + servicesByPrefix.get(service.get()).actions().size();
        }
        LinkedHashSet<String> matched = new LinkedHashSet<>();
        for (int i = from; i < to; i++) {
            if (compiled.matches(fullNames[i])) {
                matched.add(fullNames[i]);
            }
        }
        return matched.isEmpty() ? Set.of() : Collections.unmodifiableSet(matched);
    }

    /**
     * Every catalog action that none of the patterns matches: what a {@code NotAction} element covers.
     * Memoised per (case-insensitive) list of patterns.
     *
     * @return an unmodifiable set in catalog order
     */
    public Set<String> expandNot(List<String> patterns) {
        List<String> key = patterns.stream().map(ActionPattern::fold).toList();
        return complements.computeIfAbsent(key, this::computeComplement);
    }

    private Set<String> computeComplement(List<String> folded) {
        List<ActionPattern> compiled =
                folded.stream().map(ActionPattern::compile).toList();
        LinkedHashSet<String> rest = new LinkedHashSet<>(actions.length * 2);
        outer:
        for (String name : fullNames) {
            for (ActionPattern pattern : compiled) {
                if (pattern.matches(name)) {
                    continue outer;
                }
            }
            rest.add(name);
        }
        return rest.isEmpty() ? Set.of() : Collections.unmodifiableSet(rest);
    }

    /**
     * The patterns that name nothing in the catalog, as written: a concrete action the catalog lacks, a pattern
     * whose (wildcard-free) service prefix is unknown, a wildcard pattern matching no action, or a pattern not of
     * the form {@code service:action}.
     */
    public List<String> unknownActions(List<String> patterns) {
        List<String> unknown = new ArrayList<>();
        for (String pattern : patterns) {
            if (check(pattern).isPresent()) {
                unknown.add(pattern);
            }
        }
        return List.copyOf(unknown);
    }

    /** Why a pattern names nothing in the catalog; empty when it names at least one action. */
    public Optional<UnknownAction> check(String pattern) {
        return checks.get(Objects.requireNonNull(pattern, "pattern"), this::computeCheck);
    }

    private Optional<UnknownAction> computeCheck(String pattern) {
        ActionPattern compiled = ActionPattern.compile(pattern);
        if (compiled.matchesEverything()) {
            return Optional.empty();
        }
        int colon = pattern.indexOf(':');
        if (colon <= 0 || colon == pattern.length() - 1) {
            return Optional.of(new UnknownAction(pattern, UnknownAction.Reason.MALFORMED));
        }
        Optional<String> service = compiled.literalService();
        if (service.isPresent() && !servicesByPrefix.containsKey(service.get())) {
            return Optional.of(new UnknownAction(pattern, UnknownAction.Reason.UNKNOWN_SERVICE));
        }
        if (!expand(pattern).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UnknownAction(
                pattern,
                compiled.hasWildcard() ? UnknownAction.Reason.MATCHES_NOTHING : UnknownAction.Reason.UNKNOWN_ACTION));
    }

    @Override
    public String toString() {
        return "ActionCatalog[" + services.size() + " services, " + actions.length + " actions, " + version + ']';
    }
}
