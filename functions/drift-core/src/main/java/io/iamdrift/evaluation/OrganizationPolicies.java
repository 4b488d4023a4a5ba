package io.iamdrift.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The AWS Organizations guardrails over one account: service control policies (SCPs) and resource control
 * policies (RCPs), each by level of the path from the organization root through every OU to the account.
 *
 * <p>Semantics (AWS Organizations User Guide, "SCP evaluation", "RCP evaluation"; IAM User Guide, "Policy
 * evaluation logic"):
 * <ul>
 *   <li>SCPs: an action is possible only when, at every level, at least one SCP allows it, and no SCP at any
 *       level denies it. They limit the principals of member accounts.</li>
 *   <li>RCPs: only their Deny statements count (an Allow is only possible in the AWS-managed
 *       {@code RCPFullAWSAccess}, attached everywhere); they limit requests to resources of member accounts,
 *       for the services listed in {@code rcp-services.txt}.</li>
 *   <li>Neither applies to the management account, nor to service-linked roles.</li>
 * </ul>
 *
 * @param serviceControlPolicies SCP levels, root first; empty when SCPs are not in force
 * @param resourceControlPolicies RCP levels, root first; empty when RCPs are not in force
 * @param managementAccountId the organization's management account (exempt), or {@code null} when unknown
 */
public record OrganizationPolicies(
        List<Level> serviceControlPolicies, List<Level> resourceControlPolicies, String managementAccountId) {

    /** No organization policies: nothing is capped. */
    public static final OrganizationPolicies NONE = new OrganizationPolicies(List.of(), List.of(), null);

    private static final Set<String> RCP_SERVICES = loadServices();

    /**
     * One level of the path.
     *
     * @param name how findings name the level, e.g. {@code root}, {@code OU Workloads}, {@code account 111122223333}
     * @param policies the policies attached at this level, compiled under their names
     */
    public record Level(String name, List<CompiledPolicy> policies) {
        public Level {
            Objects.requireNonNull(name, "name");
            policies = List.copyOf(policies);
        }
    }

    public OrganizationPolicies {
        serviceControlPolicies = serviceControlPolicies == null ? List.of() : List.copyOf(serviceControlPolicies);
        resourceControlPolicies = resourceControlPolicies == null ? List.of() : List.copyOf(resourceControlPolicies);
    }

    public boolean isEmpty() {
        return serviceControlPolicies.isEmpty() && resourceControlPolicies.isEmpty();
    }

    /** Whether SCPs limit a caller: not in the management account, not a service-linked role. */
    boolean scpsApplyTo(String callerArn) {
        return !serviceControlPolicies.isEmpty() && !exempt(callerArn);
    }

    /**
     * Whether RCPs limit a request: to a resource of this (member) account, of a service RCPs support, by a
     * caller that is not a service-linked role.
     */
    boolean rcpsApplyTo(Request request, boolean sameAccount) {
        if (resourceControlPolicies.isEmpty() || !sameAccount || exempt(request.callerArn())) {
            return false;
        }
        String action = request.action();
        int colon = action.indexOf(':');
        return colon > 0 && RCP_SERVICES.contains(action.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    private boolean exempt(String callerArn) {
        if (callerArn == null) {
            return false;
        }
        String account = io.iamdrift.evaluation.internal.PrincipalMatcher.accountOf(callerArn);
        return (managementAccountId != null && managementAccountId.equals(account)) || isServiceLinkedRole(callerArn);
    }

    /**
     * A service-linked role, or a session of one: its path is {@code /aws-service-role/} and its name starts
     * with {@code AWSServiceRoleFor} (IAM User Guide, "Using service-linked roles").
     */
    public static boolean isServiceLinkedRole(String arn) {
        if (arn == null) {
            return false;
        }
        return arn.contains(":role/aws-service-role/") || arn.contains(":assumed-role/AWSServiceRoleFor");
    }

    /**
     * The name of an unnamed level: {@code root} first, {@code account} last, {@code OU n} between
     * ({@code level 1} when the path has a single level).
     */
    public static String levelName(int index, int count) {
        if (count == 1) {
            return "level 1";
        }
        if (index == 0) {
            return "root";
        }
        return index == count - 1 ? "account" : "OU " + index;
    }

    /** The service prefixes whose resources RCPs restrict. */
    public static Set<String> rcpServices() {
        return RCP_SERVICES;
    }

    private static Set<String> loadServices() {
        try (InputStream in = OrganizationPolicies.class.getResourceAsStream("rcp-services.txt")) {
            if (in == null) {
                throw new IllegalStateException("rcp-services.txt missing from the classpath");
            }
            Set<String> out = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(out::add);
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
