package io.iamdrift.audit;

import io.iamdrift.finding.Finding;
import io.iamdrift.finding.FindingType;
import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Remediation;
import io.iamdrift.finding.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link Finding} step by step; the fingerprint is computed from the identifying parts only. */
final class FindingBuilder {
    private final String accountId;
    private final FindingType type;
    private final PrincipalRef principal;
    private Severity severity;
    private String policy;
    private String title;
    private String detail = "";
    private String identity = "";
    private final Map<String, Object> evidence = new LinkedHashMap<>();
    private Remediation remediation = new Remediation(List.of(), null);

    FindingBuilder(String accountId, FindingType type, PrincipalRef principal) {
        this.accountId = accountId;
        this.type = type;
        this.principal = principal;
        this.severity = type.defaultSeverity();
    }

    FindingBuilder severity(Severity s) {
        this.severity = s;
        return this;
    }

    FindingBuilder policy(String p) {
        this.policy = p;
        return this;
    }

    FindingBuilder title(String t) {
        this.title = t;
        return this;
    }

    FindingBuilder detail(String d) {
        this.detail = d;
        return this;
    }

    /** What distinguishes this drift from another of the same type, principal and policy (part of the id). */
    FindingBuilder identity(String i) {
        this.identity = i;
        return this;
    }

    FindingBuilder evidence(String key, Object value) {
        if (value != null) {
            evidence.put(key, value);
        }
        return this;
    }

    FindingBuilder fix(Remediation r) {
        this.remediation = r;
        return this;
    }

    Finding build() {
        String id = Finding.fingerprint(accountId, type, principal, policy, identity);
        return new Finding(id, type, severity, principal, policy, title, detail, evidence, remediation);
    }
}
