package io.iamdrift.evaluation.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.Decision;
import io.iamdrift.evaluation.EvalDecision;
import io.iamdrift.evaluation.Evaluator;
import io.iamdrift.evaluation.MatchedStatement;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.policy.ActionSet;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.ResourceSet;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Properties that must hold for every corpus case whatever its expected decision: they need no oracle, so
 * they also check the requests the generator's simple logic could not decide around.
 */
class CorpusMetamorphicTest {

    private static final int MAX_REPORTED = 40;
    private final Corpus corpus = Corpus.get();
    private final Map<String, CompiledPolicy> variants = new ConcurrentHashMap<>();

    @Test
    void addingADenyStatementNeverGrantsMore() {
        List<Corpus.Case> cases = corpus.cases();
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Corpus.Case c = cases.get(i);
            PolicySet set = corpus.policySet(c);
            EvalDecision before = decide(set, c);

            EvalDecision denied = decide(withIdentity(set, denyPolicy(c.action(), "*")), c);
            if (denied != EvalDecision.EXPLICIT_DENY) {
                violations.add(c + ": a Deny of exactly this action on \"*\" gave " + denied);
            }
            String otherAction = cases.get((i + 7) % cases.size()).action();
            EvalDecision after = decide(withIdentity(set, denyPolicy(otherAction, "*")), c);
            if (grantsMore(before, after)) {
                violations.add(c + ": adding a Deny of " + otherAction + " turned " + before + " into " + after);
            }
        }
        assertNone(violations, "adding a Deny statement granted more");
    }

    @Test
    void removingAnAllowStatementNeverGrantsMore() {
        List<String> violations = new ArrayList<>();
        for (Corpus.Case c : corpus.cases()) {
            PolicySet set = corpus.policySet(c);
            Decision before = Evaluator.evaluate(set, c.request());
            for (int p = 0; p < c.policies().size(); p++) {
                String name = c.policies().get(p);
                int drop = allowToRemove(name, before);
                if (drop < 0) {
                    continue;
                }
                CompiledPolicy reduced = variant(name, "drop" + drop, d -> without(d, drop));
                List<CompiledPolicy> identity = new ArrayList<>(set.identity());
                identity.set(p, reduced);
                EvalDecision after = decide(new PolicySet(identity, set.boundary(), null), c);
                if (grantsMore(before.decision(), after)) {
                    violations.add(c + ": removing statement " + drop + " of " + name + " turned " + before.decision()
                            + " into " + after);
                }
            }
        }
        assertNone(violations, "removing an Allow statement granted more");
    }

    @Test
    void reorderingStatementsAndPoliciesChangesNothing() {
        List<String> violations = new ArrayList<>();
        for (Corpus.Case c : corpus.cases()) {
            PolicySet set = corpus.policySet(c);
            EvalDecision before = decide(set, c);
            List<CompiledPolicy> identity = new ArrayList<>();
            for (String n : c.policies()) {
                identity.add(variant(n, "reversed", CorpusMetamorphicTest::reversed));
            }
            if (c.extraDeny() != null) {
                identity.add(corpus.extraDenyPolicy(c));
            }
            Collections.reverse(identity);
            List<CompiledPolicy> boundary = c.boundary().stream()
                    .map(n -> variant(n, "reversed", CorpusMetamorphicTest::reversed))
                    .toList();
            EvalDecision after = decide(new PolicySet(identity, boundary, null), c);
            if (after != before) {
                violations.add(c + ": reversed statements and policies gave " + after + " instead of " + before);
            }
        }
        assertNone(violations, "reordering changed a decision");
    }

    @Test
    void splittingAMultiActionStatementIntoOneStatementPerActionChangesNothing() {
        List<String> violations = new ArrayList<>();
        for (Corpus.Case c : corpus.cases()) {
            PolicySet set = corpus.policySet(c);
            EvalDecision before = decide(set, c);
            List<CompiledPolicy> identity = new ArrayList<>();
            for (String n : c.policies()) {
                identity.add(variant(n, "split", CorpusMetamorphicTest::split));
            }
            if (c.extraDeny() != null) {
                identity.add(corpus.extraDenyPolicy(c));
            }
            List<CompiledPolicy> boundary = c.boundary().stream()
                    .map(n -> variant(n, "split", CorpusMetamorphicTest::split))
                    .toList();
            EvalDecision after = decide(new PolicySet(identity, boundary, null), c);
            if (after != before) {
                violations.add(c + ": one statement per action gave " + after + " instead of " + before);
            }
        }
        assertNone(violations, "splitting statements changed a decision");
    }

    @Test
    void aBoundaryNeverGrantsBeyondTheIdentityPoliciesOrTheBoundaryItself() {
        List<Corpus.Case> cases = corpus.cases();
        List<String> violations = new ArrayList<>();
        int allowedWithBoundary = 0;
        for (int i = 0; i < cases.size(); i++) {
            Corpus.Case c = cases.get(i);
            PolicySet set = corpus.policySet(c);
            // the case's own boundary, else the policies of a neighbouring case, plus the case's own policies
            List<List<String>> boundaries = new ArrayList<>();
            boundaries.add(
                    c.boundary().isEmpty() ? cases.get((i + 1) % cases.size()).policies() : c.boundary());
            boundaries.add(c.policies());
            for (List<String> b : boundaries) {
                List<CompiledPolicy> boundary = b.stream().map(corpus::compiled).toList();
                EvalDecision with = decide(new PolicySet(set.identity(), boundary, null), c);
                if (with != EvalDecision.ALLOWED) {
                    continue;
                }
                allowedWithBoundary++;
                EvalDecision identityAlone = decide(new PolicySet(set.identity(), List.of(), null), c);
                EvalDecision boundaryAlone = decide(new PolicySet(boundary, List.of(), null), c);
                if (identityAlone != EvalDecision.ALLOWED || boundaryAlone != EvalDecision.ALLOWED) {
                    violations.add(c + ": allowed with boundary " + b + " but identity alone gives " + identityAlone
                            + " and the boundary as identity policy gives " + boundaryAlone);
                }
            }
        }
        assertThat(allowedWithBoundary).as("requests allowed under a boundary").isGreaterThan(1000);
        assertNone(violations, "a boundary granted more than its parts");
    }

    // ------------------------------------------------------------------------------------------------

    private static EvalDecision decide(PolicySet set, Corpus.Case c) {
        return Evaluator.evaluate(set, c.request()).decision();
    }

    /** Whether {@code after} grants what {@code before} did not, or lost an explicit deny. */
    private static boolean grantsMore(EvalDecision before, EvalDecision after) {
        return (after == EvalDecision.ALLOWED && before != EvalDecision.ALLOWED)
                || (before == EvalDecision.EXPLICIT_DENY && after != EvalDecision.EXPLICIT_DENY);
    }

    private static PolicySet withIdentity(PolicySet set, CompiledPolicy extra) {
        List<CompiledPolicy> identity = new ArrayList<>(set.identity());
        identity.add(extra);
        return new PolicySet(identity, set.boundary(), set.resourcePolicy());
    }

    private final Map<String, CompiledPolicy> denies = new ConcurrentHashMap<>();

    private CompiledPolicy denyPolicy(String action, String resource) {
        return denies.computeIfAbsent(
                action + " " + resource,
                k -> CompiledPolicy.compile(
                        new PolicyDocument(
                                PolicyDocument.VERSION_2012,
                                null,
                                List.of(new Statement(
                                        0,
                                        "AddedDeny",
                                        Effect.DENY,
                                        new ActionSet(false, List.of(action)),
                                        new ResourceSet(false, List.of(resource)),
                                        null,
                                        List.of()))),
                        "added-deny"));
    }

    /** The Allow statement to drop: the one that allowed the request when there is one, else the first Allow. */
    private int allowToRemove(String name, Decision before) {
        for (MatchedStatement m : before.matchedStatements()) {
            if (name.equals(m.policyId()) && before.decision() == EvalDecision.ALLOWED) {
                return m.statementIndex();
            }
        }
        List<Statement> st = corpus.policy(name).statements();
        for (Statement s : st) {
            if (s.effect() == Effect.ALLOW) {
                return s.index();
            }
        }
        return -1;
    }

    private CompiledPolicy variant(String name, String tag, Function<PolicyDocument, PolicyDocument> f) {
        return variants.computeIfAbsent(
                name + "#" + tag, k -> CompiledPolicy.compile(f.apply(corpus.policy(name)), name));
    }

    static PolicyDocument withStatements(PolicyDocument d, List<Statement> statements) {
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            out.add(new Statement(
                    out.size(), s.sid(), s.effect(), s.actions(), s.resources(), s.principals(), s.conditions()));
        }
        return new PolicyDocument(d.version(), d.id(), out);
    }

    static PolicyDocument reversed(PolicyDocument d) {
        List<Statement> st = new ArrayList<>(d.statements());
        Collections.reverse(st);
        return withStatements(d, st);
    }

    static PolicyDocument without(PolicyDocument d, int index) {
        List<Statement> st = new ArrayList<>(d.statements());
        st.remove(index);
        return withStatements(d, st);
    }

    static PolicyDocument split(PolicyDocument d) {
        List<Statement> out = new ArrayList<>();
        for (Statement s : d.statements()) {
            if (s.actions().negated() || s.actions().patterns().size() < 2) {
                out.add(s);
                continue;
            }
            int n = 0;
            for (String a : s.actions().patterns()) {
                String sid = s.sid() == null ? null : s.sid() + "Part" + n++;
                out.add(new Statement(
                        0,
                        sid,
                        s.effect(),
                        new ActionSet(false, List.of(a)),
                        s.resources(),
                        s.principals(),
                        s.conditions()));
            }
        }
        return withStatements(d, out);
    }

    private static void assertNone(List<String> violations, String what) {
        String shown = String.join("\n", violations.subList(0, Math.min(MAX_REPORTED, violations.size())));
        assertThat(violations)
                .as(
                        "%s in %d cases%s:%n%s",
                        what,
                        violations.size(),
                        violations.size() > MAX_REPORTED ? " (first " + MAX_REPORTED + " shown)" : "",
                        shown)
                .isEmpty();
    }
}
