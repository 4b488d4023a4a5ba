package io.iamdrift.report;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account's reachability summary, derived from a report's findings: which principals can reach
 * admin-equivalent access and by which paths, and which audited deployers can reach another deployer's
 * permissions (the question PMapper answered).
 *
 * @param admin principal key -> how it reaches admin ({@code ADMIN_ACCESS} when it already is, else path ids,
 *     with the target role or chain after {@code ->})
 * @param deployers principal key -> the other deployers it can reach, each as {@code path -> deployer key}
 */
public record Reachability(Map<String, List<String>> admin, Map<String, List<String>> deployers) {

    public Reachability {
        admin = Map.copyOf(admin);
        deployers = Map.copyOf(deployers);
    }

    /** The summary of a report (inventory entries are the deployers). */
    public static Reachability of(Report report) {
        Map<String, String> deployerByArn = new HashMap<>();
        report.principals()
                .forEach(e ->
                        deployerByArn.put(e.principal().arn(), e.principal().key()));
        Map<String, List<String>> admin = new LinkedHashMap<>();
        Map<String, List<String>> deployers = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            String who = f.principal().key();
            if (f.type() == FindingType.ADMIN_ACCESS) {
                admin.computeIfAbsent(who, k -> new ArrayList<>()).add("ADMIN_ACCESS");
            }
            if (f.type() != FindingType.PRIVILEGE_ESCALATION || !(f.evidence().get("path") instanceof Map<?, ?> path)) {
                continue;
            }
            String id = String.valueOf(path.get("id"));
            List<?> targets = f.evidence().get("targets") instanceof List<?> l ? l : List.of();
            if (Boolean.TRUE.equals(f.evidence().get("reachesAdmin"))) {
                String via = targets.stream()
                        .filter(t -> t instanceof Map<?, ?> m
                                && "it is admin-equivalent".equals(m.get("morePrivilegedBecause")))
                        .map(t -> String.valueOf(((Map<?, ?>) t).get("arn")))
                        .findFirst()
                        .orElse(null);
                admin.computeIfAbsent(who, k -> new ArrayList<>()).add(via == null ? id : id + " -> " + via);
            }
            for (Object t : targets) {
                if (t instanceof Map<?, ?> m
                        && deployerByArn.containsKey(String.valueOf(m.get("arn")))
                        && !String.valueOf(m.get("arn")).equals(f.principal().arn())) {
                    deployers
                            .computeIfAbsent(who, k -> new ArrayList<>())
                            .add(id + " -> " + deployerByArn.get(String.valueOf(m.get("arn"))));
                }
            }
        }
        return new Reachability(admin, deployers);
    }
}
