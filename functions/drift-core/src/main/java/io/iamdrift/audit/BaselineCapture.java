package io.iamdrift.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.baseline.AssumableBy;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.baseline.BaselineSet;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParseException;
import io.iamdrift.policy.PolicyParser;
import io.iamdrift.policy.PolicyText;
import io.iamdrift.snapshot.AccessKeyStatus;
import io.iamdrift.snapshot.AccountSnapshot;
import io.iamdrift.snapshot.AttachedPolicy;
import io.iamdrift.snapshot.CredentialRow;
import io.iamdrift.snapshot.GroupDetail;
import io.iamdrift.snapshot.InlinePolicy;
import io.iamdrift.snapshot.ManagedPolicyDetail;
import io.iamdrift.snapshot.PrincipalDetail;
import io.iamdrift.snapshot.RoleDetail;
import io.iamdrift.snapshot.UserDetail;
import io.iamdrift.trust.AssumableByCapture;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a baseline (valid against baseline.schema.json) that describes principals as they are now.
 *
 * <p>Capturing accepts the current state, so whatever the auditor would still report above LOW against the
 * captured baseline (a stale key, a wildcard resource) is written as an explicit exception with a reason and
 * a 30-day expiry: a person reviews it, and nothing is accepted silently or forever.
 */
public final class BaselineCapture {

    static final int EXCEPTION_DAYS = 30;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Auditor auditor;

    public BaselineCapture(Auditor auditor) {
        this.auditor = auditor;
    }

    /**
     * @param names principal names to capture (users or roles); empty means every deployer that the given
     *     discovery baseline (or, without one, the default rule {@code *deploy*}) finds
     * @param discovery the {@code discovery} block to write into the baseline, or {@code null} for the default
     */
    public ObjectNode capture(AccountSnapshot snapshot, List<String> names, ObjectNode discovery, String environment) {
        ObjectNode root = JSON.objectNode();
        root.put("schemaVersion", 1);
        if (snapshot.accountId() != null) {
            root.put("accountId", snapshot.accountId());
        }
        if (environment != null) {
            root.put("environment", environment);
        }
        ObjectNode disc = discovery != null ? discovery : defaultDiscovery();
        root.set("discovery", disc);
        ArrayNode principals = root.putArray("principals");
        Set<String> groupNames = new LinkedHashSet<>();
        for (PrincipalDetail p : select(snapshot, names, disc)) {
            principals.add(principal(snapshot, p));
            if (p instanceof UserDetail u) {
                groupNames.addAll(u.groups());
            }
        }
        ArrayNode groups = JSON.arrayNode();
        for (String g : groupNames) {
            snapshot.group(g).ifPresent(detail -> groups.add(group(snapshot, detail)));
        }
        if (!groups.isEmpty()) {
            root.set("groups", groups);
        }
        acceptRemaining(snapshot, root);
        return root;
    }

    private static ObjectNode defaultDiscovery() {
        ObjectNode d = JSON.objectNode();
        d.putArray("userNamePatterns").add("*deploy*").add("*-ci").add("ci-*");
        d.putArray("roleNamePatterns").add("*deploy*");
        return d;
    }

    private List<PrincipalDetail> select(AccountSnapshot snapshot, List<String> names, ObjectNode discovery) {
        if (!names.isEmpty()) {
            List<PrincipalDetail> out = new ArrayList<>();
            for (String n : names) {
                PrincipalDetail p = snapshot.user(n)
                        .map(u -> (PrincipalDetail) u)
                        .or(() -> snapshot.role(n).map(r -> (PrincipalDetail) r))
                        .orElseThrow(() ->
                                new IllegalArgumentException("no user or role named \"" + n + "\" in the snapshot"));
                out.add(p);
            }
            return out;
        }
        ObjectNode probe = JSON.objectNode();
        probe.put("schemaVersion", 1);
        probe.set("discovery", discovery);
        probe.putArray("principals");
        BaselineSet set = load(probe);
        AuditResult found = auditor.audit(snapshot, set, AuditOptions.defaults());
        Set<String> discovered = new LinkedHashSet<>();
        found.inventory()
                .forEach(e -> discovered.add(
                        e.principal().type() + "/" + e.principal().name()));
        return snapshot.principals().stream()
                .filter(p -> discovered.contains((p instanceof UserDetail ? "user/" : "role/") + p.name()))
                .toList();
    }

    private static ObjectNode principal(AccountSnapshot snapshot, PrincipalDetail p) {
        ObjectNode o = JSON.objectNode();
        boolean user = p instanceof UserDetail;
        o.put("type", user ? "user" : "role");
        o.put("name", p.name());
        policies(o, snapshot, p.attachedPolicies(), p.inlinePolicies());
        if (p instanceof UserDetail u) {
            ArrayNode groups = o.putArray("groups");
            u.groups().forEach(groups::add);
        }
        if (p.permissionsBoundaryArn() == null) {
            o.putNull("permissionsBoundary");
        } else {
            o.put("permissionsBoundary", p.permissionsBoundaryArn());
        }
        if (p instanceof RoleDetail r && r.trustPolicy() != null) {
            o.set("trustPolicy", json(r.trustPolicy()));
            assumableBy(r).ifPresent(ab -> o.set("assumableBy", ab));
        }
        if (user) {
            CredentialRow row = snapshot.credentials(p.name()).orElse(null);
            ObjectNode creds = o.putObject("credentials");
            creds.put("consoleAccess", row != null && row.passwordEnabled());
            long active = row == null
                    ? 0
                    : row.keys().stream().filter(AccessKeyStatus::active).count();
            creds.put("maxActiveAccessKeys", (int) Math.max(1, Math.min(2, active)));
        }
        return o;
    }

    /** A group of the captured users with its policies as they are now (the baseline's {@code groups} section). */
    private static ObjectNode group(AccountSnapshot snapshot, GroupDetail g) {
        ObjectNode o = JSON.objectNode();
        o.put("name", g.name());
        policies(o, snapshot, g.attachedPolicies(), g.inlinePolicies());
        return o;
    }

    /** {@code managedPolicies} (pinned to today's default version, with its document when customer managed) and {@code inlinePolicies}. */
    private static void policies(
            ObjectNode o, AccountSnapshot snapshot, List<AttachedPolicy> attached, List<InlinePolicy> inlinePolicies) {
        ArrayNode managed = o.putArray("managedPolicies");
        for (AttachedPolicy a : attached) {
            ObjectNode m = managed.addObject().put("arn", a.arn());
            ManagedPolicyDetail detail = snapshot.policy(a.arn()).orElse(null);
            if (detail != null && detail.defaultVersionId() != null) {
                m.put("versionId", detail.defaultVersionId());
                if (!detail.awsManaged() && detail.defaultDocument() != null) {
                    m.set("document", json(detail.defaultDocument()));
                }
            }
        }
        ArrayNode inline = o.putArray("inlinePolicies");
        for (InlinePolicy i : inlinePolicies) {
            inline.addObject().put("name", i.name()).set("document", json(i.document()));
        }
    }

    /** Who may assume the role today, as the baseline's assumableBy (empty when the trust cannot be read). */
    private static Optional<JsonNode> assumableBy(RoleDetail r) {
        PolicyDocument trust;
        try {
            trust = PolicyParser.parse(r.trustPolicy(), "trust policy of " + r.name(), PolicyKind.TRUST);
        } catch (PolicyParseException e) {
            return Optional.empty(); // the audit of the captured baseline reports it
        }
        AssumableBy ab = AssumableByCapture.of(trust, r.arn());
        return ab == null ? Optional.empty() : Optional.of(Json.MAPPER.valueToTree(ab.nonEmpty()));
    }

    /** Audits the captured baseline against the snapshot and writes an expiring exception for each finding above LOW. */
    private void acceptRemaining(AccountSnapshot snapshot, ObjectNode root) {
        AuditResult result = auditor.audit(snapshot, load(root), AuditOptions.defaults());
        Instant now = snapshot.collectedAt() != null ? snapshot.collectedAt() : Instant.now();
        String expires = now.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .plusDays(EXCEPTION_DAYS)
                .toString();
        String today = now.atZone(ZoneOffset.UTC).toLocalDate().toString();
        for (JsonNode pn : root.withArray("principals")) {
            ObjectNode principal = (ObjectNode) pn;
            Set<String> seen = new LinkedHashSet<>();
            for (Finding f : result.findings()) {
                if (!f.severity().atLeast(Severity.MEDIUM)
                        || !f.principal().name().equals(principal.get("name").asText())
                        || !f.principal().type().equals(principal.get("type").asText())) {
                    continue;
                }
                Object sid = f.evidence().get("statementSid");
                String key = f.type() + "|" + f.policy() + "|" + sid;
                if (!seen.add(key)) {
                    continue;
                }
                ObjectNode e = principal.withArray("exceptions").addObject();
                e.put("type", f.type().name());
                if (f.policy() != null) {
                    e.put("policy", f.policy());
                }
                if (sid != null) {
                    e.put("statementSid", sid.toString());
                }
                e.put(
                        "reason",
                        "Accepted when the baseline was captured on " + today + " (" + f.severity() + ": " + f.title()
                                + "). Review and fix, or renew with a reason.");
                e.put("expires", expires);
            }
        }
    }

    private static BaselineSet load(ObjectNode baseline) {
        return new BaselineLoader().load("captured-baseline.json", baseline.toString());
    }

    private static JsonNode json(String document) {
        try {
            return Json.EXACT.readTree(PolicyText.decode(document));
        } catch (Exception e) {
            return JSON.textNode(document);
        }
    }
}
