package io.iamdrift.audit;

import io.iamdrift.baseline.CredentialPolicy;
import io.iamdrift.finding.FindingType;
import io.iamdrift.snapshot.AccessKeyStatus;
import io.iamdrift.snapshot.CredentialRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Credentials of deployer users: CONSOLE_ACCESS, ACCESS_KEY_STALE, ACCESS_KEY_UNUSED, MULTIPLE_ACTIVE_KEYS. */
final class CredentialRules {

    private CredentialRules() {}

    static final int UNUSED_DAYS = 90;

    static void check(PrincipalAudit a, CredentialPolicy policy) {
        if (!a.live.isUser()) {
            return;
        }
        if (a.run.snapshot.credentialReport() == null) {
            return; // one account-level finding for the whole snapshot (Auditor), not one per user
        }
        CredentialRow row = a.run.snapshot.credentials(a.live.name()).orElse(null);
        if (row == null) {
            a.incomplete.add("the credential report has no row for this user (it may be older than the user)");
            return;
        }
        if (row.passwordEnabled() && !policy.consoleAccess()) {
            a.add(a.finding(FindingType.CONSOLE_ACCESS)
                    .title(a.live.name() + " has a console password")
                    .detail("A deployer user has a console password" + (row.mfaActive() ? "" : " and no MFA")
                            + ". Pipelines need no console access; a password is one more credential to steal.")
                    .evidence("expected", "no console password")
                    .evidence("found", "password enabled")
                    .evidence("mfaActive", row.mfaActive())
                    .evidence("passwordLastUsed", str(row.passwordLastUsed()))
                    .fix(Remediations.deleteLoginProfile(a.live))
                    .build());
        }
        List<AccessKeyStatus> active =
                row.keys().stream().filter(AccessKeyStatus::active).toList();
        for (AccessKeyStatus key : active) {
            long age = days(key.lastRotated(), a.run.now);
            if (key.lastRotated() != null && age > policy.maxAccessKeyAgeDays()) {
                a.add(a.finding(FindingType.ACCESS_KEY_STALE)
                        .identity(key.slot() + "@" + key.lastRotated())
                        .title("Access key " + key.slot() + " of " + a.live.name() + " is " + age + " days old (limit "
                                + policy.maxAccessKeyAgeDays() + ")")
                        .detail("An active access key older than the baseline's limit: the longer a key lives, the "
                                + "likelier it has leaked (CI logs, old runners, laptops). Rotate it.")
                        .evidence("slot", key.slot())
                        .evidence("lastRotated", str(key.lastRotated()))
                        .evidence("ageDays", age)
                        .evidence("maxAccessKeyAgeDays", policy.maxAccessKeyAgeDays())
                        .fix(Remediations.deactivateKey(a.live, key.slot()))
                        .build());
            }
            boolean neverUsed = key.lastUsed() == null;
            long unusedDays = neverUsed ? age : days(key.lastUsed(), a.run.now);
            if (neverUsed || unusedDays > UNUSED_DAYS) {
                a.add(a.finding(FindingType.ACCESS_KEY_UNUSED)
                        .identity(key.slot() + "@" + key.lastRotated() + (neverUsed ? ":never" : ":idle"))
                        .title("Access key " + key.slot() + " of " + a.live.name()
                                + (neverUsed
                                        ? " has never been used"
                                        : " has not been used for " + unusedDays + " days"))
                        .detail("An active key nobody uses is a credential with no purpose: deactivate it.")
                        .evidence("slot", key.slot())
                        .evidence("lastUsed", str(key.lastUsed()))
                        .fix(Remediations.deactivateKey(a.live, key.slot()))
                        .build());
            }
        }
        if (active.size() > policy.maxActiveAccessKeys()) {
            a.add(a.finding(FindingType.MULTIPLE_ACTIVE_KEYS)
                    .identity(String.valueOf(active.size()))
                    .title(a.live.name() + " has " + active.size() + " active access keys (baseline allows "
                            + policy.maxActiveAccessKeys() + ")")
                    .detail(
                            "More active keys than the baseline allows: finish the rotation and deactivate the old key.")
                    .evidence("expected", policy.maxActiveAccessKeys())
                    .evidence("found", active.size())
                    .fix(Remediations.deactivateKey(a.live, active.get(0).slot()))
                    .build());
        }
    }

    private static long days(Instant from, Instant now) {
        return from == null ? 0 : Duration.between(from, now).toDays();
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
