package io.iamdrift.evaluation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.catalog.ActionCatalog;
import io.iamdrift.catalog.ActionInfo;
import io.iamdrift.evaluation.corpus.Corpus;
import io.iamdrift.internal.Glob;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionMatcherTest {

    /** The reference: some pattern, as one case-insensitive glob over the whole action name, matches. */
    private static boolean anyGlobMatches(List<String> patterns, String action) {
        for (String p : patterns) {
            if (Glob.compile(p, Glob.Mode.PLAIN, true).matches(action)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aListOfNamesMatchesExactlyTheNamesInAnyCaseAndNothingElse() {
        ActionMatcher m = ActionMatcher.compile(List.of("lambda:CreateFunction", "lambda:GetFunction", "s3:Get*"));

        assertThat(m.matches("lambda:CreateFunction")).isTrue();
        assertThat(m.matches("LAMBDA:createfunction")).isTrue();
        assertThat(m.matches("lambda:GetFunction")).isTrue();
        assertThat(m.matches("lambda:GetFunctionConfiguration")).isFalse();
        assertThat(m.matches("lambda:CreateFunctio")).isFalse();
        assertThat(m.matches("s3:GetObject")).isTrue();
        assertThat(m.matches("s3:PutObject")).isFalse();
        assertThat(m.matches("iam:GetFunction")).isFalse();
    }

    @Test
    void everyActionElementOfTheCorpusMatchesTheCatalogAsOneGlobPerPatternDoes() {
        List<String> actions = new ArrayList<>();
        for (ActionInfo a : ActionCatalog.defaults().actions()) {
            String name = a.fullName();
            actions.add(name);
            actions.add(name.toUpperCase(Locale.ROOT));
        }
        Set<List<String>> elements = new LinkedHashSet<>();
        for (PolicyDocument d : Corpus.get().policies().values()) {
            for (Statement s : d.statements()) {
                if (s.actions() != null) {
                    elements.add(s.actions().patterns());
                }
            }
        }
        int matched = 0;
        for (List<String> patterns : elements) {
            ActionMatcher m = ActionMatcher.compile(patterns);
            for (String action : actions) {
                boolean expected = anyGlobMatches(patterns, action);
                assertThat(m.matches(action))
                        .as("%s against %s", action, patterns)
                        .isEqualTo(expected);
                matched += expected ? 1 : 0;
            }
        }
        assertThat(elements).hasSizeGreaterThan(100);
        assertThat(matched).isPositive();
    }
}
