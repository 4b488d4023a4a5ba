package io.iamdrift.diff;

import java.util.List;
import java.util.Map;

/**
 * A set of (action, resource) requests that one document allows and the other does not, under conditions.
 *
 * @param actions concrete action names from the catalog, sorted (an action pattern the catalog does not know
 *     is kept as its lower-cased text)
 * @param resources ARN patterns; the grant covers a resource matching any of them
 * @param notResources when non-empty, the grant comes from a {@code NotResource} statement and covers every
 *     resource matching none of these patterns ({@code resources} is then empty)
 * @param conditions canonical {@code operator -> key -> values}; empty when unconditional
 */
public record Grant(
        List<String> actions,
        List<String> resources,
        List<String> notResources,
        Map<String, Map<String, List<String>>> conditions) {

    public Grant {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        notResources = List.copyOf(notResources);
        conditions = Map.copyOf(conditions);
    }

    public Grant(List<String> actions, List<String> resources, Map<String, Map<String, List<String>>> conditions) {
        this(actions, resources, List.of(), conditions);
    }

    /** Whether the grant covers the request (action compared case-insensitively, resource by glob). */
    public boolean covers(String action, String resource) {
        boolean actionMatch = actions.stream().anyMatch(a -> a.equalsIgnoreCase(action)
                || (Glob.hasWildcard(a) && Glob.matches(a, action, true)));
        if (!actionMatch) {
            return false;
        }
        if (!notResources.isEmpty()) {
            return notResources.stream().noneMatch(p -> Glob.matches(p, resource, false));
        }
        return resources.stream().anyMatch(p -> Glob.matches(p, resource, false));
    }
}
