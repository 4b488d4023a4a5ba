package io.iamdrift.escalation;

import io.iamdrift.catalog.ActionPattern;
import io.iamdrift.evaluation.ArnPattern;
import io.iamdrift.evaluation.CompiledPolicy;
import io.iamdrift.evaluation.Decision;
import io.iamdrift.evaluation.EvalDecision;
import io.iamdrift.evaluation.Evaluator;
import io.iamdrift.evaluation.PolicySet;
import io.iamdrift.evaluation.Request;
import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.internal.Glob;
import io.iamdrift.policy.Effect;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Policy documents judged alone (lint): the holder is unknown, so it may be any user or role the documents
 * name ({@code ${aws:username}} resolves to a placeholder holder), and any target reached through a wildcard
 * may be more privileged than the holder. Targets named one by one are deliberate choices the audit judges
 * against the account. All decisions come from the evaluator over all the documents together, so a Deny in
 * one cancels an Allow in another.
 */
public final class DocumentView implements Access, Targets {

    /** The placeholder name of the policies' holder. */
    public static final String HOLDER = "policy-holder";

    private final PolicySet set;
    private final List<Statement> allows = new ArrayList<>();
    private final RequestContext holderContext = RequestContext.of(Map.of("aws:username", List.of(HOLDER)));

    /** @param documents policy id -> document, the holder's identity policies */
    public DocumentView(Map<String, PolicyDocument> documents) {
        List<CompiledPolicy> compiled = new ArrayList<>();
        documents.forEach((id, doc) -> {
            compiled.add(CompiledPolicy.compile(
                    Readings.optimistic(doc, Readings.ESCALATION_KEYS), id == null ? "policy" : id));
            doc.statements().stream().filter(s -> s.effect() == Effect.ALLOW).forEach(allows::add);
        });
        this.set = new PolicySet(compiled, List.of(), null);
    }

    @Override
    public Decision on(String action, String resource, Map<String, List<String>> context) {
        RequestContext ctx = holderContext;
        for (Map.Entry<String, List<String>> e : context.entrySet()) {
            ctx = ctx.with(e.getKey(), e.getValue());
        }
        return Evaluator.evaluate(set, new Request(action, resource, null, ctx));
    }

    @Override
    public Decision somewhere(String action) {
        Decision last = null;
        for (String r : resourcesFor(action)) {
            Decision d = on(action, r.replace("${aws:username}", HOLDER), Map.of());
            if (d.allowed()) {
                return d;
            }
            if (last == null || d.decision() == EvalDecision.EXPLICIT_DENY) {
                last = d;
            }
        }
        return last;
    }

    /** The resource patterns of the Allow statements that may apply to the action ({@code *} when none). */
    private Set<String> resourcesFor(String action) {
        Set<String> out = new LinkedHashSet<>();
        for (Statement s : allows) {
            if (mayAllow(s, action)) {
                if (s.resources() == null || s.resources().negated()) {
                    out.add("*");
                } else {
                    out.addAll(s.resources().patterns());
                }
            }
        }
        if (out.isEmpty()) {
            out.add("*");
        }
        return out;
    }

    private static boolean mayAllow(Statement s, String action) {
        if (s.actions().negated()) {
            return true;
        }
        for (String p : s.actions().patterns()) {
            if (ActionPattern.compile(p).matches(action)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Candidate> candidates(Target target, EscalationPath.Step step) {
        if (target == Target.SERVICE_ROLE) {
            return List.of(Candidate.of("*", "any role that " + step.service() + " runs as"));
        }
        String prefix = target.iamResourcePrefix();
        String generic = "arn:aws:iam::*:" + prefix + "*";
        Map<String, Candidate> out = new LinkedHashMap<>();
        for (String pattern : resourcesFor(step.action())) {
            String r = ArnPattern.compile(pattern).matchesEverything()
                    ? generic
                    : pattern.replace("${aws:username}", HOLDER);
            if (!ArnPattern.compile(r).mayOverlap(ArnPattern.compile(generic))) {
                continue;
            }
            boolean policyKind = target == Target.OWN_POLICY || target == Target.CUSTOMER_POLICY;
            if (policyKind && r.startsWith("arn:aws:iam::aws:")) {
                continue; // AWS-managed policies cannot be changed by anyone
            }
            boolean other = target == Target.OTHER_USER || target == Target.OTHER_GROUP;
            if (!(other && r.endsWith(":user/" + HOLDER))) {
                out.putIfAbsent(r, Candidate.of(r, r));
            }
        }
        return List.copyOf(out.values());
    }

    /** A target reached through a wildcard may be more privileged than the holder; one named singly was chosen. */
    @Override
    public boolean morePrivileged(Candidate candidate) {
        return Glob.hasWildcard(
                candidate.arn().substring(Math.max(0, candidate.arn().lastIndexOf(':'))));
    }
}
