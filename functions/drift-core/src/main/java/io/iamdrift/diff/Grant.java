package io.iamdrift.diff;

import io.iamdrift.catalog.ActionPattern;
import io.iamdrift.evaluation.ArnPattern;
import io.iamdrift.evaluation.RequestContext;
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

    /**
     * Whether the grant covers the request: the action compared case-insensitively (an unknown pattern kept in
     * {@code actions} by glob), the resource by the evaluator's ARN rules ({@link ArnPattern}). Conditions are
     * not consulted. A resource pattern with a policy variable matches nothing here: see the overload.
     */
    public boolean covers(String action, String resource) {
        return covers(action, resource, RequestContext.empty());
    }

    /** Whether the grant covers the request, policy variables in its resources taken from {@code context}. */
    public boolean covers(String action, String resource, RequestContext context) {
        boolean actionMatch =
                actions.stream().anyMatch(a -> ActionPattern.compile(a).matches(action));
        if (!actionMatch) {
            return false;
        }
        if (!notResources.isEmpty()) {
            return notResources.stream().noneMatch(p -> ArnPattern.compile(p).matches(resource, context));
        }
        return resources.stream().anyMatch(p -> ArnPattern.compile(p).matches(resource, context));
    }
}
