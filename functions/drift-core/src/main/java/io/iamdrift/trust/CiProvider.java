package io.iamdrift.trust;

import io.iamdrift.internal.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One CI/CD OIDC identity provider as {@code ci-providers.json} describes it: which issuers it owns, which
 * claims its tokens carry (as templates over {@code {owner}}, {@code {project}}, the job's context and ids),
 * and how owner, project and context names are read back out of a trust policy's condition values.
 *
 * @param id short id, e.g. {@code github-actions}
 * @param name the product name people know
 * @param issuers globs over the provider URL as an OIDC provider ARN names it
 * @param shared true when one issuer serves every customer (a stranger's repository can get tokens)
 * @param ownerTerm what the provider calls an owner (owner, group, organization)
 * @param projectTerm what it calls a project (repository, project, workspace, pipeline)
 * @param audience the default audience template
 * @param subject the subject template without the job context, e.g. {@code repo:{owner}/{project}}
 * @param issuerOwner for per-tenant issuers, the issuer template that carries the owner, else {@code null}
 * @param parse per claim, the patterns that read names out of condition values
 * @param defaults default values of further placeholders (e.g. HCP Terraform's project)
 * @param claims the claims every job's token carries
 * @param contexts the kinds of job (environment, branch, tag, pull request, ...) with their own claims
 */
public record CiProvider(
        String id,
        String name,
        List<String> issuers,
        boolean shared,
        String ownerTerm,
        String projectTerm,
        String audience,
        String subject,
        String issuerOwner,
        Map<String, List<NamePattern>> parse,
        Map<String, String> defaults,
        Map<String, String> claims,
        Map<String, JobContext> contexts) {

    /**
     * One kind of job.
     *
     * @param kind e.g. {@code environment}; also the placeholder holding its value
     * @param defaultValue the value probed when the trust names none
     * @param claims the claims such a job's token carries in addition to the provider's
     */
    public record JobContext(String kind, String defaultValue, Map<String, String> claims) {}

    /** A parse pattern: the regular expression and, for each of its groups in order, the placeholder it reads. */
    public record NamePattern(Pattern regex, List<String> names) {}

    /** True when the provider URL (the part of the OIDC provider ARN after {@code oidc-provider/}) is this provider's. */
    public boolean issues(String issuer) {
        for (String glob : issuers) {
            if (Glob.compile(glob, Glob.Mode.PLAIN, false).matches(issuer)) {
                return true;
            }
        }
        return false;
    }

    /** Issuer templates compiled once (a handful, one per provider of the data file). */
    private static final Map<String, NamePattern> OWNER_PATTERNS = new ConcurrentHashMap<>();

    /** The owner a per-tenant issuer carries, or {@code null}. */
    public String ownerOfIssuer(String issuer) {
        if (issuerOwner == null) {
            return null;
        }
        NamePattern p = OWNER_PATTERNS.computeIfAbsent(issuerOwner, t -> pattern(t, false));
        Matcher m = p.regex().matcher(issuer);
        return m.matches() ? m.group(p.names().indexOf("owner") + 1) : null;
    }

    /** Fills a template's {@code {placeholders}}; an unknown placeholder stays as written. */
    public static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            String name = template.substring(open + 1, close);
            String v = values.get(name);
            out.append(v != null ? v : template.substring(open, close + 1));
            i = close + 1;
        }
        return out.toString();
    }

    /**
     * A parse pattern as a regular expression with one named group per placeholder. Names never contain a
     * wildcard, so {@code repo:acme/*} yields the owner and no project. A pattern that ends in a literal
     * matches a prefix of the value; one that ends in a placeholder must match all of it. {@code {any}} reads past
     * a part that may hold wildcards ({@code repo:{any}/{project}:} finds the repository of {@code repo:*}{@code /shop:*}).
     */
    static NamePattern pattern(String template, boolean prefix) {
        StringBuilder re = new StringBuilder("^");
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                re.append(Pattern.quote(template.substring(i)));
                break;
            }
            if (open > i) {
                re.append(Pattern.quote(template.substring(i, open)));
            }
            int close = template.indexOf('}', open);
            String name = template.substring(open + 1, close);
            String chars = switch (name) {
                case "any" -> "[^:]*?"; // a part that may hold wildcards, read past and not recorded
                case "project" -> "[^/:*?]+";
                default -> "[^:*?]+";
            };
            re.append('(').append(chars).append(')');
            names.add(name);
            i = close + 1;
        }
        if (!prefix || template.endsWith("}")) {
            re.append('$');
        }
        return new NamePattern(Pattern.compile(re.toString()), List.copyOf(names));
    }

    /** The names (placeholder to value) that the patterns of one claim read out of one condition value. */
    public Map<String, String> namesIn(String claim, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (NamePattern p : parse.getOrDefault(claim, List.of())) {
            Matcher m = p.regex().matcher(value);
            if (m.find()) {
                for (int i = 0; i < p.names().size(); i++) {
                    if (!p.names().get(i).equals("any")) {
                        out.putIfAbsent(p.names().get(i), m.group(i + 1));
                    }
                }
            }
        }
        return out;
    }
}
