package io.iamdrift.catalog;

import io.iamdrift.internal.BoundedCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Long lists of action names told briefly, per service with counts: {@code iam:*} for every action of a service,
 * {@code s3: 12 of 160 actions (GetObject, PutObject, ...)} for some, and the names themselves when a service has
 * only a few. For evidence and messages a person reads; never used to decide access.
 */
public final class ActionSummary {

    /** Lists of at most this many names are left as they are. */
    public static final int KEEP_UP_TO = 20;

    private static final int NAMES_SHOWN = 3;

    private final ActionCatalog catalog;
    /** Findings across a fleet carry the same long lists (a wildcard's expansion): each is collapsed once. */
    private final BoundedCache<List<String>, List<String>> collapsed = new BoundedCache<>(1_024);

    public ActionSummary(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    /** The summary over the shipped catalog, shared. */
    public static ActionSummary defaults() {
        return Shipped.SUMMARY;
    }

    private static final class Shipped {
        static final ActionSummary SUMMARY = new ActionSummary(ActionCatalog.defaults());
    }

    /**
     * The list collapsed per service when it is longer than {@link #KEEP_UP_TO} (shorter lists come back as they
     * are); {@code ["*"]} when it names every action of the catalog.
     */
    public List<String> collapse(List<String> actions) {
        if (actions.size() <= KEEP_UP_TO) {
            return actions;
        }
        return collapsed.get(List.copyOf(actions), this::byService);
    }

    private List<String> byService(List<String> actions) {
        Map<String, List<String>> byService = new TreeMap<>();
        for (String a : actions) {
            int colon = a.indexOf(':');
            String service = colon < 0 ? a : a.substring(0, colon);
            byService
                    .computeIfAbsent(service.toLowerCase(Locale.ROOT), s -> new ArrayList<>())
                    .add(colon < 0 ? a : a.substring(colon + 1));
        }
        List<String> out = new ArrayList<>(byService.size());
        int wholeServices = 0;
        for (Map.Entry<String, List<String>> e : byService.entrySet()) {
            int known = catalog.service(e.getKey()).map(s -> s.actions().size()).orElse(0);
            List<String> names = e.getValue();
            if (names.contains("*") || (known > 0 && names.size() >= known)) {
                out.add(e.getKey() + ":*");
                wholeServices++;
            } else if (names.size() <= NAMES_SHOWN) {
                names.forEach(n -> out.add(e.getKey() + ":" + n));
            } else {
                out.add(e.getKey() + ": " + names.size() + (known > 0 ? " of " + known : "") + " actions ("
                        + String.join(", ", names.subList(0, NAMES_SHOWN)) + ", ...)");
            }
        }
        if (wholeServices == byService.size()
                && wholeServices >= catalog.services().size()) {
            return List.of("*");
        }
        return List.copyOf(out);
    }

    /**
     * One short phrase for a set of actions: {@code every action}, the names themselves, or the collapsed
     * services (at most {@code maxParts}, then {@code and N more services}).
     */
    public String phrase(List<String> actions, int maxParts) {
        List<String> parts = collapse(actions);
        if (parts.equals(List.of("*"))) {
            return "every action";
        }
        if (parts.size() <= maxParts) {
            return String.join(", ", parts);
        }
        return String.join(", ", parts.subList(0, maxParts)) + " and " + (parts.size() - maxParts) + " more";
    }
}
