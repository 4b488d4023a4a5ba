package io.iamdrift.evaluation;

import io.iamdrift.evaluation.internal.CompiledStatement;
import io.iamdrift.evaluation.internal.PrincipalMatcher;
import io.iamdrift.internal.BoundedCache;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import java.util.List;
import java.util.Objects;

/**
 * A policy document compiled for evaluation: actions to per-service matchers, resources to globs,
 * conditions to typed predicates. Compile once, evaluate many times. Immutable and thread-safe.
 *
 * <p>Equal statements share one compiled form: a fleet's documents are specialised per principal (its own
 * resources) but repeat most statements, and a document's readings (strict, optimistic) keep its unconditional
 * statements as they are.
 */
public final class CompiledPolicy {

    /**
     * A statement as compiled: equal statements (index and Sid included) under the same Version compile alike. The
     * deep hash of the statement is taken once (a look-up that misses hashes again to insert).
     */
    private record StatementKey(Statement statement, boolean variablesEnabled, int hash) {
        StatementKey(Statement statement, boolean variablesEnabled) {
            this(statement, variablesEnabled, 31 * statement.hashCode() + Boolean.hashCode(variablesEnabled));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StatementKey k
                    && k.hash == hash
                    && k.variablesEnabled == variablesEnabled
                    && k.statement.equals(statement);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final BoundedCache<StatementKey, CompiledStatement> STATEMENTS = new BoundedCache<>(65_536);

    private final PolicyDocument document;
    private final String policyId;
    private final CompiledStatement[] statements;

    private CompiledPolicy(PolicyDocument document, String policyId, CompiledStatement[] statements) {
        this.document = document;
        this.policyId = policyId;
        this.statements = statements;
    }

    /**
     * Compiles a document.
     *
     * @param policyId how matched statements name this policy (an ARN, {@code inline:name},
     *     {@code PolicyInputList.1})
     */
    public static CompiledPolicy compile(PolicyDocument doc, String policyId) {
        Objects.requireNonNull(doc, "doc");
        boolean vars = doc.variablesEnabled();
        List<Statement> list = doc.statements();
        CompiledStatement[] st = new CompiledStatement[list.size()];
        for (int i = 0; i < st.length; i++) {
            st[i] = compiled(list.get(i), vars);
        }
        return new CompiledPolicy(doc, policyId, st);
    }

    /**
     * Another reading of this policy's document compiled (the same statements in the same order, some rewritten
     * or dropped, as {@code Readings.optimistic} makes them): a statement that is the very instance this policy
     * compiled keeps its compiled form without being hashed again.
     */
    public CompiledPolicy reread(PolicyDocument reading, String newPolicyId) {
        if (reading == document) {
            return withPolicyId(newPolicyId);
        }
        boolean vars = reading.variablesEnabled();
        if (vars != document.variablesEnabled()) {
            return compile(reading, newPolicyId);
        }
        List<Statement> mine = document.statements();
        List<Statement> list = reading.statements();
        CompiledStatement[] st = new CompiledStatement[list.size()];
        int j = 0;
        for (int i = 0; i < st.length; i++) {
            Statement s = list.get(i);
            while (j < mine.size() && mine.get(j).index() < s.index()) {
                j++; // a statement the reading dropped (statements keep their index when rewritten)
            }
            st[i] = j < mine.size() && mine.get(j) == s ? statements[j] : compiled(s, vars);
        }
        return new CompiledPolicy(reading, newPolicyId, st);
    }

    private static CompiledStatement compiled(Statement s, boolean variablesEnabled) {
        return STATEMENTS.get(
                new StatementKey(s, variablesEnabled), k -> new CompiledStatement(k.statement(), k.variablesEnabled()));
    }

    /** The same compiled document under another id (shares the compiled matchers). */
    public CompiledPolicy withPolicyId(String newPolicyId) {
        return Objects.equals(newPolicyId, policyId) ? this : new CompiledPolicy(document, newPolicyId, statements);
    }

    public String policyId() {
        return policyId;
    }

    public PolicyDocument document() {
        return document;
    }

    /** Runs every statement against the request and records what applied. */
    void evaluate(Evaluation ev, PolicySourceType source) {
        String action = ev.request.action();
        String resource = ev.request.resource();
        for (CompiledStatement s : statements) {
            if (!s.actionMatches(action) || !s.resourceMatches(resource, ev.context, ev.missing)) {
                continue;
            }
            PrincipalMatcher.Match pm = null;
            if (source == PolicySourceType.RESOURCE || source == PolicySourceType.RCP) {
                pm = ev.principalMatch(s);
                if (pm == null) {
                    continue;
                }
            }
            if (!s.conditionsHold(ev.context, ev.missing)) {
                continue;
            }
            ev.applied(this, s, source, pm);
        }
    }

    @Override
    public String toString() {
        return "CompiledPolicy[" + policyId + ", " + statements.length + " statements]";
    }
}
