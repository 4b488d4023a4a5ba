package io.iamdrift.evaluation.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.diff.DiffResult;
import io.iamdrift.diff.Grant;
import io.iamdrift.diff.PolicyDiff;
import io.iamdrift.diff.Verdict;
import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.EvalDecision;
import io.iamdrift.evaluation.Evaluator;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import io.iamdrift.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The semantic diff on real AWS managed policies and their real version histories. */
class ManagedPolicyDiffTest {

    /** Histories small enough to brute-force over the whole catalog in a unit test. */
    private static final Set<String> BRUTE_FORCED = Set.of(
            "PowerUserAccess",
            "AWSLambda_FullAccess",
            "AmazonEC2FullAccess",
            "AmazonS3FullAccess",
            "AWSDenyAll",
            "ViewOnlyAccess");

    private final Corpus corpus = Corpus.get();
    private final PolicyDiff diff = new PolicyDiff(corpus.actionSpace());

    @Test
    void everyManagedPolicyAndEveryKeptVersionIsEquivalentToItself() {
        List<String> failures = new ArrayList<>();
        corpus.policies().forEach((name, doc) -> check(name, doc, doc, failures));
        corpus.histories()
                .forEach((name, versions) ->
                        versions.forEach(v -> check(name + "@" + v.versionId(), v.document(), v.document(), failures)));
        assertThat(failures)
                .as("policies not EQUIVALENT to themselves:%n%s", String.join("\n", failures))
                .isEmpty();
    }

    @Test
    void everyManagedPolicyIsEquivalentToItsStatementsInReverseOrder() {
        List<String> failures = new ArrayList<>();
        corpus.policies().forEach((name, doc) -> check(name, doc, CorpusMetamorphicTest.reversed(doc), failures));
        assertThat(failures)
                .as("policies not EQUIVALENT to their reordering:%n%s", String.join("\n", failures))
                .isEmpty();
    }

    @Test
    void powerUserAccessHistoryIsComplete() {
        assertThat(corpus.histories().get("PowerUserAccess"))
                .extracting(Corpus.Version::versionId)
                .startsWith("v1")
                .endsWith("v12");
        assertThat(corpus.diffPairs())
                .filteredOn(p -> p.policy().equals("PowerUserAccess"))
                .filteredOn(p -> !p.newlyAllowedLiteralActions().isEmpty())
                .hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void aVersionThatNewlyAllowsALiteralActionIsNeverEquivalentAndItsAddedGrantsCoverTheAction() {
        List<String> failures = new ArrayList<>();
        for (Corpus.DiffPair pair : corpus.diffPairs()) {
            if (pair.newlyAllowedLiteralActions().isEmpty()) {
                continue;
            }
            DiffResult r =
                    diff.diff(version(pair.policy(), pair.oldVersion()), version(pair.policy(), pair.newVersion()));
            String label = pair.policy() + " " + pair.oldVersion() + " -> " + pair.newVersion();
            if (r.verdict() == Verdict.EQUIVALENT || r.verdict() == Verdict.NARROWED) {
                failures.add(label + ": verdict " + r.verdict() + " though it newly allows "
                        + pair.newlyAllowedLiteralActions());
            }
            for (String action : pair.newlyAllowedLiteralActions()) {
                if (!covered(r.added(), action)) {
                    failures.add(label + ": newly allowed " + action + " is not in `added`");
                }
            }
        }
        assertThat(failures).as("%s", String.join("\n", failures)).isEmpty();
    }

    @Test
    void everyWideningOrNarrowingFoundByBruteForceOverTheCatalogIsCoveredByTheDiff() {
        List<String> catalog = corpus.catalogActions();
        List<String> failures = new ArrayList<>();
        int pairs = 0;
        int widened = 0;
        for (Map.Entry<String, List<Corpus.Version>> h : corpus.histories().entrySet()) {
            if (!BRUTE_FORCED.contains(h.getKey())) {
                continue;
            }
            List<Corpus.Version> versions = h.getValue();
            for (int i = 1; i < versions.size(); i++) {
                Corpus.Version oldV = versions.get(i - 1);
                Corpus.Version newV = versions.get(i);
                String label = h.getKey() + " " + oldV.versionId() + " -> " + newV.versionId();
                PolicySet oldSet = PolicySet.of(CompiledPolicy.compile(oldV.document(), "old"));
                PolicySet newSet = PolicySet.of(CompiledPolicy.compile(newV.document(), "new"));
                DiffResult r = diff.diff(oldV.document(), newV.document());
                pairs++;
                List<String> missedAdded = new ArrayList<>();
                List<String> missedRemoved = new ArrayList<>();
                for (String action : catalog) {
                    Request req = Request.of(action, "*");
                    boolean before = Evaluator.evaluate(oldSet, req).decision() == EvalDecision.ALLOWED;
                    boolean after = Evaluator.evaluate(newSet, req).decision() == EvalDecision.ALLOWED;
                    if (after && !before) {
                        widened++;
                        if (!covered(r.added(), action)) {
                            missedAdded.add(action);
                        }
                    } else if (before && !after && !covered(r.removed(), action)) {
                        missedRemoved.add(action);
                    }
                }
                if (!missedAdded.isEmpty()) {
                    failures.add(label + " (" + r.verdict() + "): newly allowed on \"*\" but not in `added`: "
                            + head(missedAdded));
                }
                if (!missedRemoved.isEmpty()) {
                    failures.add(label + " (" + r.verdict() + "): no longer allowed on \"*\" but not in `removed`: "
                            + head(missedRemoved));
                }
            }
        }
        assertThat(pairs).isGreaterThanOrEqualTo(9);
        assertThat(widened)
                .as("actions newly allowed across the brute-forced histories")
                .isPositive();
        assertThat(failures).as("%s", String.join("\n", failures)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------

    private void check(String label, PolicyDocument oldDoc, PolicyDocument newDoc, List<String> failures) {
        try {
            DiffResult r = diff.diff(oldDoc, newDoc);
            if (r.verdict() != Verdict.EQUIVALENT) {
                failures.add(label + ": " + r.verdict() + " added " + r.added().size() + " removed "
                        + r.removed().size()
                        + (r.added().isEmpty()
                                ? ""
                                : " first added " + r.added().get(0))
                        + (r.removed().isEmpty()
                                ? ""
                                : " first removed " + r.removed().get(0)));
            }
        } catch (RuntimeException e) {
            failures.add(label + ": threw " + e);
        }
    }

    private PolicyDocument version(String policy, String versionId) {
        return corpus.histories().get(policy).stream()
                .filter(v -> v.versionId().equals(versionId))
                .findFirst()
                .orElseThrow()
                .document();
    }

    private static boolean covered(List<Grant> grants, String action) {
        return grants.stream().anyMatch(g -> g.covers(action, "*"));
    }

    private static String head(List<String> xs) {
        return xs.size() <= 20 ? xs.toString() : xs.subList(0, 20) + " ... (" + xs.size() + " in all)";
    }
}
