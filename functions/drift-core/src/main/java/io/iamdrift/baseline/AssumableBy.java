package io.iamdrift.baseline;

import io.iamdrift.internal.Glob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may assume a role, as its baseline states it (extension). Every value is a glob ({@code *}, {@code ?}).
 * A CI job is intended when its repository (or workspace) is listed and, for a job of an environment or a
 * branch, that environment or branch is listed; when neither {@code environments} nor {@code branches} is
 * given, any job of a listed repository is intended (tags and pull requests only then). An AWS principal is
 * intended when its ARN or its account is listed.
 *
 * @param repositories {@code owner/repository} (GitHub), {@code group/project} (GitLab), {@code organization/pipeline}
 * @param branches branch names
 * @param environments deployment environment names
 * @param workspaces HCP Terraform {@code organization/workspace}
 * @param awsPrincipals principal ARNs
 * @param accounts account ids
 */
public record AssumableBy(
        List<String> repositories,
        List<String> branches,
        List<String> environments,
        List<String> workspaces,
        List<String> awsPrincipals,
        List<String> accounts) {

    public AssumableBy {
        repositories = Lists.copy(repositories);
        branches = Lists.copy(branches);
        environments = Lists.copy(environments);
        workspaces = Lists.copy(workspaces);
        awsPrincipals = Lists.copy(awsPrincipals);
        accounts = Lists.copy(accounts);
    }

    /** The lists that are not empty, by their baseline property name, in schema order. */
    public Map<String, List<String>> nonEmpty() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        put(out, "repositories", repositories);
        put(out, "branches", branches);
        put(out, "environments", environments);
        put(out, "workspaces", workspaces);
        put(out, "awsPrincipals", awsPrincipals);
        put(out, "accounts", accounts);
        return out;
    }

    private static void put(Map<String, List<String>> out, String name, List<String> values) {
        if (!values.isEmpty()) {
            out.put(name, values);
        }
    }

    /** True when some listed glob matches the value. */
    public static boolean listed(List<String> globs, String value) {
        return globs.stream()
                .anyMatch(g -> Glob.compile(g, Glob.Mode.PLAIN, false).matches(value));
    }

    /** Whether a CI job of the project, of this kind of context with this value, is intended. */
    public boolean admitsJob(String project, String contextKind, String contextValue) {
        if (!listed(repositories, project) && !listed(workspaces, project)) {
            return false;
        }
        if (branches.isEmpty() && environments.isEmpty()) {
            return true;
        }
        return switch (contextKind) {
            case "environment" -> listed(environments, contextValue);
            case "branch" -> listed(branches, contextValue);
            default -> false;
        };
    }

    /** Whether an AWS principal of this ARN and account is intended. */
    public boolean admitsPrincipal(String arn, String account) {
        return listed(awsPrincipals, arn) || account != null && listed(accounts, account);
    }
}
