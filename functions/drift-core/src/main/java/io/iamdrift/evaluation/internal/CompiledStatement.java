package io.iamdrift.evaluation.internal;

import io.iamdrift.evaluation.ArnPattern;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.policy.Condition;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.Statement;

/** One statement compiled to matchers. Immutable and thread-safe. */
public final class CompiledStatement {

    private final Statement statement;
    private final boolean deny;
    private final ActionMatcher actions;
    private final boolean notAction;
    /** Null: no Resource element (resource-based policies), every resource. */
    private final ArnPattern[] resources;

    private final boolean resourcesAll;
    private final boolean notResource;
    private final PrincipalMatcher principal;
    private final ConditionMatcher[] conditions;

    public CompiledStatement(Statement s, boolean variablesEnabled) {
        this.statement = s;
        this.deny = s.effect() == Effect.DENY;
        this.actions = ActionMatcher.compile(s.actions().patterns()); // interned: each distinct list compiled once
        this.notAction = s.actions().negated();
        if (s.resources() == null) {
            resources = null;
            resourcesAll = true;
            notResource = false;
        } else {
            notResource = s.resources().negated();
            resources = new ArnPattern[s.resources().patterns().size()];
            boolean all = false;
            for (int i = 0; i < resources.length; i++) {
                resources[i] = ArnPattern.compile(s.resources().patterns().get(i), variablesEnabled);
                all |= resources[i].matchesEverything();
            }
            resourcesAll = all;
        }
        this.principal = PrincipalMatcher.compile(s.principals());
        this.conditions = new ConditionMatcher[s.conditions().size()];
        int i = 0;
        for (Condition c : s.conditions()) {
            conditions[i++] = ConditionMatcher.compile(c, variablesEnabled);
        }
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
        if (resources == null) {
            return true;
        }
        boolean any = resourcesAll;
        if (!any) {
            for (ArnPattern p : resources) {
                if (p.matches(resource, ctx, missing)) {
                    any = true;
                    break;
                }
            }
        }
        return any != notResource;
    }

    /**
     * Whether every condition holds (AND). All conditions are looked at even after one fails, so that every
     * absent key is reported in {@code missing}.
     */
    public boolean conditionsHold(RequestContext ctx, MissingKeys missing) {
        boolean ok = true;
        for (ConditionMatcher c : conditions) {
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
        return conditions.length > 0;
    }
}
