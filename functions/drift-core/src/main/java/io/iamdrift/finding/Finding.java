package io.iamdrift.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One finding (contract section 3).
 *
 * @param id stable fingerprint: the same drift has the same id on every run, a different drift never shares one
 * @param type the finding type
 * @param severity the severity after baseline-relative capping and exceptions
 * @param principal who it is about
 * @param policy the policy ARN, {@code inline:<name>}, or {@code null}
 * @param title one line a person reads in an email
 * @param detail a few sentences: what changed and why it matters
 * @param evidence machine-readable evidence (JSON-serialisable values; "expected" and "found" where they apply)
 * @param remediation fix commands and the decision left to a person
 */
public record Finding(
        String id,
        FindingType type,
        Severity severity,
        PrincipalRef principal,
        String policy,
        String title,
        String detail,
        Map<String, Object> evidence,
        Remediation remediation) {

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(principal, "principal");
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** A copy with another severity (used by exceptions and baseline-relative capping). */
    public Finding withSeverity(Severity s) {
        return new Finding(id, type, s, principal, policy, title, detail, evidence, remediation);
    }

    /** A copy with more evidence. */
    public Finding withEvidence(String key, Object value) {
        Map<String, Object> e = new LinkedHashMap<>(evidence);
        e.put(key, value);
        return new Finding(id, type, severity, principal, policy, title, detail, e, remediation);
    }

    /**
     * The fingerprint of a finding: account, type, principal, policy and the evidence that identifies the
     * drift (not volatile values such as timestamps), hashed with SHA-256 and shortened to 20 hex digits.
     */
    public static String fingerprint(
            String accountId, FindingType type, PrincipalRef principal, String policy, String identifyingEvidence) {
        String material = String.join(
                "\u001f",
                String.valueOf(accountId),
                type.name(),
                principal.key(),
                String.valueOf(policy),
                String.valueOf(identifyingEvidence));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
