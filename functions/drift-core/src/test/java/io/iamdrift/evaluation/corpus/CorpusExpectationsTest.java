package io.iamdrift.evaluation.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.evaluation.Decision;
import io.iamdrift.evaluation.EvalDecision;
import io.iamdrift.evaluation.Evaluator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every case of the generated corpus evaluates to the decision the generator derived by its own simple
 * logic (scripts/generate-evaluation-corpus.mjs), which never consults this engine.
 */
class CorpusExpectationsTest {

    private final Corpus corpus = Corpus.get();

    @Test
    void corpusIsLargeAndCoversEveryDecisionBoundariesConditionsAndManyServices() {
        List<Corpus.Case> cases = corpus.cases();
        Map<EvalDecision, Long> byDecision = cases.stream()
                .collect(Collectors.groupingBy(
                        Corpus.Case::expected, () -> new EnumMap<>(EvalDecision.class), Collectors.counting()));
        Set<String> services = cases.stream().map(Corpus.Case::service).collect(Collectors.toSet());

        assertThat(cases).hasSizeGreaterThanOrEqualTo(3000);
        assertThat(byDecision).containsOnlyKeys(EvalDecision.values());
        assertThat(byDecision.values()).allMatch(n -> n >= 500);
        assertThat(services).hasSizeGreaterThanOrEqualTo(200);
        assertThat(cases)
                .filteredOn(c -> !c.boundary().isEmpty())
                .extracting(Corpus.Case::expected)
                .contains(EvalDecision.values());
        assertThat(cases)
                .filteredOn(c -> !c.context().isEmpty())
                .extracting(Corpus.Case::expected)
                .contains(EvalDecision.values());
        assertThat(cases).filteredOn(c -> c.policies().size() > 1).isNotEmpty();
    }

    @Test
    void everyCaseEvaluatesToTheIndependentlyDerivedDecision() {
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> mismatchesByKind = new TreeMap<>();
        for (Corpus.Case c : corpus.cases()) {
            Decision d;
            try {
                d = Evaluator.evaluate(corpus.policySet(c), c.request());
            } catch (RuntimeException e) {
                mismatches.add(c + ": threw " + e);
                mismatchesByKind.merge(c.kind(), 1, Integer::sum);
                continue;
            }
            if (d.decision() != c.expected()) {
                mismatches.add(c + "\n    expected " + c.expected() + " because " + c.why()
                        + "\n    engine   " + d.decision() + " matched " + d.matchedStatements()
                        + (d.missingContextValues().isEmpty() ? "" : " missing " + d.missingContextValues()));
                mismatchesByKind.merge(c.kind(), 1, Integer::sum);
            }
        }
        assertThat(mismatches)
                .as(
                        "%d of %d corpus cases disagree with the engine (by kind %s):%n%s",
                        mismatches.size(), corpus.cases().size(), mismatchesByKind, String.join("\n", mismatches))
                .isEmpty();
    }
}
