package io.iamdrift.evaluation.internal;

import io.iamdrift.evaluation.ArnPattern;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.policy.Condition;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.Statement;

/**
 * One statement compiled to matchers. The Action element is compiled at once; the Resource and Condition elements
 * when a request's action first reaches them (most statements of a principal's documents are never asked about
 * an action they name). Immutable in behaviour and thread-safe.
 */
public final class CompiledStatement {

    private final Statement statement;
    private final boolean variablesEnabled;
    private final boolean deny;
    private final ActionMatcher actions;
    private final boolean notAction;
    private final PrincipalMatcher principal;
    /** Compiled on first use; two threads racing compile equal matchers. */
    private volatile Matchers matchers;

    /**
     * @param resources null: no Resource element (resource-based policies), every resource
     */
    private record Matchers(
            ArnPattern[] resources, boolean resourcesAll, boolean notResource, ConditionMatcher[] conditions) {}

    public CompiledStatement(Statement s, boolean variablesEnabled) {
        this.statement = s;
        this.variablesEnabled = variablesEnabled;
        this.deny = s.effect() == Effect.DENY;
        this.actions = ActionMatcher.compile(s.actions().patterns()); // interned: each distinct list compiled once
        this.notAction = s.actions().negated();
        this.principal = PrincipalMatcher.compile(s.principals());
    }

    private Matchers matchers() {
        Matchers m = matchers;
        if (m == null) {
            matchers = m = compileMatchers();
        }
        return m;
    }

    private Matchers compileMatchers() {
        ConditionMatcher[] conditions =
                new ConditionMatcher[statement.conditions().size()];
        int i = 0;
        for (Condition c : statement.conditions()) {
            conditions[i++] = ConditionMatcher.compile(c, variablesEnabled);
        }
        if (statement.resources() == null) {
            return new Matchers(null, true, false, conditions);
        }
        ArnPattern[] resources = new ArnPattern[statement.resources().patterns().size()];
        boolean all = false;
        for (int r = 0; r < resources.length; r++) {
            resources[r] = ArnPattern.compile(statement.resources().patterns().get(r), variablesEnabled);
            all |= resources[r].matchesEverything();
        }
        return new Matchers(resources, all, statement.resources().negated(), conditions);
    }

    public Statement statement() {
        return statement;
    }

    public boolean deny() {
        return deny;
    }

    public PrincipalMatcher principal() {
        return principal;
    }

    public boolean actionMatches(String action) {
        return actions.matches(action) != notAction;
    }

    /** Resource/NotResource against the request's resource; unresolved variables go to {@code missing}. */
    public boolean resourceMatches(String resource, RequestContext ctx, MissingKeys missing) {
        Matchers m = matchers();
        if (m.resources() == null) {
            return true;
        }
        boolean any = m.resourcesAll();
        if (!any) {
            for (ArnPattern p : m.resources()) {
                if (p.matches(resource, ctx, missing)) {
                    any = true;
                    break;
                }
            }
        }
        return any != m.notResource();
    }

    /**
     * Whether every condition holds (AND). All conditions are looked at even after one fails, so that every
     * absent key is reported in {@code missing}.
     */
    public boolean conditionsHold(RequestContext ctx, MissingKeys missing) {
        boolean ok = true;
        for (ConditionMatcher c : matchers().conditions()) {
            if (ok) {
                ok = c.test(ctx, missing);
            }
            if (missing != null && c.keyMissing(ctx)) {
                missing.add(c.key());
            }
        }
        return ok;
    }

    public boolean hasConditions() {
        return !statement.conditions().isEmpty();
    }
}
