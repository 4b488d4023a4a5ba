package io.iamdrift.escalation;

import io.iamdrift.evaluation.Decision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges the escalation table on one principal's access: a path is realised when every step is allowed by the
 * evaluator, the steps on the same kind of target on one and the same resource, and, for paths that gain the
 * target's permissions, on a target more privileged than the principal. Lint and audit both call this, each
 * with its own {@link Access} and {@link Targets}.
 */
public final class EscalationJudge {

    /** Targets named per path in a finding; more exist when the list is full. */
    public static final int NAMED_TARGETS = 5;

    private EscalationJudge() {}

    public static List<Escalation> judge(List<EscalationPath> paths, Access access, Targets targets) {
        List<Escalation> out = new ArrayList<>();
        for (EscalationPath p : paths) {
            Escalation e = judge(p, access, targets);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** The escalation when the path is realised, else {@code null}. */
    public static Escalation judge(EscalationPath path, Access access, Targets targets) {
        List<EscalationPath.Step> steps = path.steps();
        for (int i = 0, n = steps.size(); i < n; i++) { // indexed: asked per path and principal, allocates nothing
            if (!access.mayAllow(steps.get(i).action())) {
                return null; // no Allow statement names a step: nothing to evaluate
            }
        }
        List<Escalation.Grant> grants = new ArrayList<>();
        List<Targets.Candidate> named = new ArrayList<>();
        for (EscalationPath.Step step : steps) {
            if (step.on().bound()) {
                continue;
            }
            Decision d = access.somewhere(step.action());
            if (d == null || !d.allowed()) {
                return null;
            }
            grants.add(new Escalation.Grant(step.action(), "*", d));
            if (step.on() == Target.SERVICE_ROLE) {
                List<Targets.Candidate> roles = new ArrayList<>();
                for (Targets.Candidate c : targets.candidates(Target.SERVICE_ROLE, step)) {
                    if (!path.gainsTargetAccess() || targets.morePrivileged(c)) {
                        roles.add(c);
                        if (roles.size() >= NAMED_TARGETS) {
                            break;
                        }
                    }
                }
                if (roles.isEmpty()) {
                    return null;
                }
                named.addAll(roles);
            }
        }
        Set<Target> kinds = new LinkedHashSet<>();
        for (EscalationPath.Step s : steps) {
            if (s.on().bound()) {
                kinds.add(s.on());
            }
        }
        for (Target kind : kinds) {
            List<EscalationPath.Step> onKind = new ArrayList<>(steps.size());
            for (EscalationPath.Step s : steps) {
                if (s.on() == kind) {
                    onKind.add(s);
                }
            }
            for (EscalationPath.Step s : onKind) {
                if (s.on() == Target.PASSABLE_ROLE) {
                    continue; // its condition on iam:PassedToService is only met with the service in the request
                }
                Decision anywhere = access.somewhere(s.action());
                if (anywhere == null || !anywhere.allowed()) {
                    return null; // allowed on no resource at all: no need to try each target
                }
            }
            List<ResourceScope> scopes = new ArrayList<>(onKind.size());
            for (EscalationPath.Step s : onKind) {
                scopes.add(ResourceScope.of(access.resourcePatterns(s.action())));
            }
            List<Escalation.Grant> first = null;
            List<Targets.Candidate> hits = new ArrayList<>();
            for (Targets.Candidate c : targets.candidates(kind, onKind.get(0), scopes.get(0))) {
                if (!mayMatchAll(scopes, c)) {
                    continue; // no Allow statement reaches this target: not worth an evaluation
                }
                List<Escalation.Grant> onThis = allowedOn(onKind, c, access);
                if (onThis == null || (path.gainsTargetAccess() && !targets.morePrivileged(c))) {
                    continue;
                }
                hits.add(c);
                if (first == null) {
                    first = onThis;
                }
                if (hits.size() >= NAMED_TARGETS) {
                    break;
                }
            }
            if (hits.isEmpty()) {
                return null;
            }
            grants.addAll(first);
            named.addAll(hits);
        }
        grants.sort(Comparator.comparingInt(g -> stepIndex(path, g.action())));
        return new Escalation(path, grants, named);
    }

    private static boolean mayMatchAll(List<ResourceScope> scopes, Targets.Candidate c) {
        String resource = c.via().isEmpty() ? c.arn() : c.via().get(0);
        for (ResourceScope s : scopes) {
            if (!s.mayMatch(resource)) {
                return false;
            }
        }
        return true;
    }

    private static int stepIndex(EscalationPath path, String action) {
        for (int i = 0; i < path.steps().size(); i++) {
            if (path.steps().get(i).action().equalsIgnoreCase(action)) {
                return i;
            }
        }
        return path.steps().size();
    }

    private static List<Escalation.Grant> allowedOn(
            List<EscalationPath.Step> steps, Targets.Candidate c, Access access) {
        List<Escalation.Grant> out = new ArrayList<>();
        String resource = c.arn();
        if (!c.via().isEmpty()) {
            if (steps.size() != 1 || !steps.get(0).action().equalsIgnoreCase("sts:AssumeRole")) {
                return null; // a chained role is only assumed, through the first role of the chain
            }
            resource = c.via().get(0);
        }
        for (EscalationPath.Step s : steps) {
            Map<String, List<String>> ctx = s.on() == Target.PASSABLE_ROLE
                    ? Map.of("iam:PassedToService", List.of(s.passedToService()))
                    : Map.of();
            Decision d = access.on(s.action(), resource, ctx);
            if (d == null || !d.allowed()) {
                return null;
            }
            out.add(new Escalation.Grant(s.action(), resource, d));
        }
        return out;
    }
}
