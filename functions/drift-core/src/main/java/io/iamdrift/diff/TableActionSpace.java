package io.iamdrift.diff;

import io.iamdrift.internal.Glob;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ActionSpace} over a fixed table of actions, each with its resource-level support. Expansion is
 * indexed by service prefix and memoised per (lower-cased) pattern.
 */
public final class TableActionSpace implements ActionSpace {

    private final Map<String, String> canonicalByLower;
    private final Map<String, Boolean> resourceLevel;
    private final Map<String, List<String>> byService;
    private final List<String> all;
    private final Map<String, Set<String>> memo = new ConcurrentHashMap<>();
    private final Map<List<String>, Set<String>> notMemo = new ConcurrentHashMap<>();

    /**
     * @param actions canonical action name -> supports resource-level permissions
     */
    public TableActionSpace(Map<String, Boolean> actions) {
        Map<String, String> canon = new HashMap<>();
        Map<String, Boolean> rl = new HashMap<>();
        Map<String, List<String>> svc = new HashMap<>();
        List<String> list = new ArrayList<>(actions.size());
        actions.forEach((name, supports) -> {
            int colon = name.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not a service:action name: " + name);
            }
            String canonical = name.substring(0, colon).toLowerCase(Locale.ROOT) + name.substring(colon);
            if (canon.putIfAbsent(canonical.toLowerCase(Locale.ROOT), canonical) == null) {
                rl.put(canonical, supports);
                svc.computeIfAbsent(canonical.substring(0, colon), k -> new ArrayList<>())
                        .add(canonical);
                list.add(canonical);
            }
        });
        this.canonicalByLower = canon;
        this.resourceLevel = rl;
        this.byService = svc;
        Collections.sort(list);
        this.all = List.copyOf(list);
    }

    /**
     * Reads lines of {@code service:Action<TAB>R|N} (R: supports resource-level permissions); blank lines and
     * lines starting with {@code #} are skipped.
     */
    public static TableActionSpace read(InputStream in) {
        Map<String, Boolean> actions = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                actions.put(parts[0], parts.length > 1 && parts[1].equalsIgnoreCase("R"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TableActionSpace(actions);
    }

    @Override
    public Set<String> expand(String pattern) {
        String p = pattern.toLowerCase(Locale.ROOT);
        return memo.computeIfAbsent(p, this::compute);
    }

    private Set<String> compute(String p) {
        if (p.equals("*")) {
            return Set.copyOf(all);
        }
        if (!Glob.hasWildcard(p)) {
            String c = canonicalByLower.get(p);
            return c == null ? Set.of() : Set.of(c);
        }
        int colon = p.indexOf(':');
        Collection<String> candidates;
        if (colon > 0 && !Glob.hasWildcard(p.substring(0, colon))) {
            candidates = byService.getOrDefault(p.substring(0, colon), List.of());
        } else {
            candidates = all;
        }
        Glob glob = Glob.compile(p, Glob.Mode.PLAIN, true);
        Set<String> out = new LinkedHashSet<>();
        for (String a : candidates) {
            if (glob.matches(a)) {
                out.add(a);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    @Override
    public Set<String> expandNot(List<String> patterns) {
        List<String> key = patterns.stream()
                .map(p -> p.toLowerCase(Locale.ROOT))
                .sorted()
                .distinct()
                .toList();
        return notMemo.computeIfAbsent(key, k -> Collections.unmodifiableSet(ActionSpace.super.expandNot(k)));
    }

    @Override
    public Collection<String> all() {
        return all;
    }

    @Override
    public Optional<String> canonical(String action) {
        return Optional.ofNullable(canonicalByLower.get(action.toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean supportsResourceLevelPermissions(String action) {
        return canonical(action).map(resourceLevel::get).orElse(false);
    }

    @Override
    public Set<String> service(String prefix) {
        return Set.copyOf(byService.getOrDefault(prefix.toLowerCase(Locale.ROOT), List.of()));
    }
}
