package io.iamdrift.baseline;

import io.iamdrift.snapshot.PrincipalDetail;
import io.iamdrift.snapshot.PrincipalKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every baseline that loaded, and every problem found on the way. A file with a problem contributes no
 * principals (it is not trusted in part), except that a principal already named by an earlier file is dropped
 * from a later one and reported, while the rest of that later file is kept.
 */
public final class BaselineSet {

    private final List<Baseline> baselines;
    private final List<BaselineProblem> problems;
    private final Map<String, PrincipalBaseline> principals = new HashMap<>();
    private final Map<String, Baseline> owners = new HashMap<>();

    public BaselineSet(List<Baseline> baselines, List<BaselineProblem> problems) {
        this.baselines = List.copyOf(baselines);
        this.problems = List.copyOf(problems);
        for (Baseline b : this.baselines) {
            for (PrincipalBaseline p : b.principals()) {
                principals.putIfAbsent(key(p.type(), p.name()), p);
                owners.putIfAbsent(key(p.type(), p.name()), b);
            }
        }
    }

    private static String key(PrincipalKind kind, String name) {
        return kind.json() + "/" + name;
    }

    public List<Baseline> baselines() {
        return baselines;
    }

    public List<BaselineProblem> problems() {
        return problems;
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The baseline of the user or role of that name. */
    public Optional<PrincipalBaseline> principal(PrincipalKind kind, String name) {
        return Optional.ofNullable(principals.get(key(kind, name)));
    }

    /** The file that names the user or role. */
    public Optional<Baseline> baselineOf(PrincipalKind kind, String name) {
        return Optional.ofNullable(owners.get(key(kind, name)));
    }

    /** Every principal baseline, in file order. */
    public List<PrincipalBaseline> principals() {
        List<PrincipalBaseline> out = new ArrayList<>();
        baselines.forEach(b -> out.addAll(b.principals()));
        return out;
    }

    /** The non-empty discovery rules of every file. */
    public List<Discovery> discoveryRules() {
        return baselines.stream()
                .map(Baseline::discovery)
                .filter(d -> !d.isEmpty())
                .toList();
    }

    /** Whether any file's discovery rules match the principal. */
    public boolean discovers(PrincipalDetail principal) {
        for (Discovery d : discoveryRules()) {
            if (d.matches(principal)) {
                return true;
            }
        }
        return false;
    }
}
