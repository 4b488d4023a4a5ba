package io.iamdrift.snapshot;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the top level of one snapshot file, whatever tool wrote it: one page of
 * {@code GetAccountAuthorizationDetails} (the CLI merges its pages into one; boto3 users such as cloudsplaining's
 * {@code download} write the same keys), a JSON array of pages, pages concatenated, or the auditor's envelope
 * {@code {"accountId", "collectedAt", "authorizationDetails": page or [pages], "credentialReport"}}.
 *
 * <p>Refused, naming the file and pointer: an empty array, and any object without the snapshot's keys (a baseline
 * file, a policy document, {@code {}}), which would otherwise read as an empty account. The last page read decides
 * whether pages are missing ({@code "IsTruncated": true}, or the CLI's {@code NextToken}).
 */
final class PageReader {

    private static final Set<String> ENTITY_LISTS =
            Set.of(SnapshotEnvelope.USERS, SnapshotEnvelope.ROLES, SnapshotEnvelope.GROUPS, SnapshotEnvelope.POLICIES);
    private static final String EXPECTED = "expected UserDetailList, RoleDetailList, GroupDetailList or Policies "
            + "(aws iam get-account-authorization-details)";

    private final JsonCursor c;
    private final AccountEvidence accounts;
    private final DetailReader details;

    private Instant collectedAt;
    private CredentialReport report;
    private MissingPages missing;
    private final List<UserDetail> users = new ArrayList<>();
    private final List<RoleDetail> roles = new ArrayList<>();
    private final List<GroupDetail> groups = new ArrayList<>();
    private final List<ManagedPolicyDetail> policies = new ArrayList<>();

    PageReader(JsonCursor c) {
        this.c = c;
        this.accounts = new AccountEvidence(c);
        this.details = new DetailReader(c, accounts);
    }

    AccountSnapshot readFile() throws IOException, SnapshotException {
        JsonToken t = c.nextRoot();
        if (t == null) {
            throw new SnapshotException(c.file(), null, c.file() + ": file is empty (expected a JSON object)");
        }
        while (t != null) {
            if (t == JsonToken.START_ARRAY) {
                pages(JsonPointer.ROOT);
            } else if (t == JsonToken.START_OBJECT) {
                topObject(JsonPointer.ROOT);
            } else {
                throw c.shape(
                        JsonPointer.ROOT,
                        "expected a JSON object (account authorization details or the auditor's " + "envelope), found "
                                + JsonCursor.describe(t));
            }
            t = c.nextRoot();
        }
        return new AccountSnapshot(accounts.account(), collectedAt, users, roles, groups, policies, report, missing);
    }

    /** A JSON array of pages (the current token). */
    private void pages(JsonPointer at) throws IOException, SnapshotException {
        int n = c.array(at, page -> {
            Page p = new Page();
            c.object(page, "a page of account authorization details", p::pageField);
            p.finish(page, false);
        });
        if (n == 0) {
            throw c.shape(at, "an empty array: no page of account authorization details");
        }
    }

    /** A page or an envelope. */
    private void topObject(JsonPointer at) throws IOException, SnapshotException {
        Page p = new Page();
        c.object(at, "account authorization details", (k, f) -> p.pageField(k, f) || p.envelopeField(k, f));
        p.finish(at, true);
    }

    /** What one object held: entity lists, pagination keys, and (for an envelope) authorizationDetails. */
    private final class Page {
        private boolean entities;
        private boolean envelope;
        private boolean truncated;
        private String marker;
        private String nextToken;
        private final List<String> keys = new ArrayList<>();

        boolean pageField(String k, JsonPointer f) throws IOException, SnapshotException {
            keys.add(k);
            switch (k) {
                case SnapshotEnvelope.USERS -> c.array(f, el -> users.add(details.user(el)));
                case SnapshotEnvelope.ROLES -> c.array(f, el -> roles.add(details.role(el)));
                case SnapshotEnvelope.GROUPS -> c.array(f, el -> groups.add(details.group(el)));
                case SnapshotEnvelope.POLICIES -> c.array(f, el -> policies.add(details.policy(el)));
                case "IsTruncated" -> truncated = c.bool(f);
                case "Marker" -> marker = c.string(f);
                case "NextToken" -> nextToken = c.string(f);
                default -> {
                    return false;
                }
            }
            entities |= ENTITY_LISTS.contains(k);
            return true;
        }

        boolean envelopeField(String k, JsonPointer f) throws IOException, SnapshotException {
            switch (k) {
                case SnapshotEnvelope.AUTHORIZATION_DETAILS -> {
                    envelope = true;
                    if (c.current() == JsonToken.START_ARRAY) {
                        pages(f);
                    } else {
                        Page inner = new Page();
                        c.object(f, "account authorization details", inner::pageField);
                        inner.finish(f, false);
                    }
                }
                case SnapshotEnvelope.ACCOUNT_ID -> {
                    String id = c.string(f);
                    if (id != null) {
                        accounts.envelope(id, f);
                    }
                }
                case SnapshotEnvelope.COLLECTED_AT -> {
                    Instant at = c.instant(f);
                    if (at != null && (collectedAt == null || at.isAfter(collectedAt))) {
                        collectedAt = at;
                    }
                }
                case SnapshotEnvelope.CREDENTIAL_REPORT -> credentialReport(f);
                default -> {
                    return false;
                }
            }
            return true;
        }

        private void credentialReport(JsonPointer f) throws IOException, SnapshotException {
            String csv = c.string(f);
            if (csv != null) {
                try {
                    report = CredentialReport.parse(csv);
                } catch (IllegalArgumentException e) {
                    throw c.shape(f, e.getMessage());
                }
            }
        }

        void finish(JsonPointer at, boolean envelopeAllowed) throws SnapshotException {
            if (!entities && !envelope) {
                throw c.shape(
                        at,
                        envelopeAllowed
                                ? "not an account snapshot: " + EXPECTED + ", or an envelope with authorizationDetails"
                                        + found()
                                : "not account authorization details: " + EXPECTED + found());
            }
            if (entities) {
                missing = truncated || nextToken != null ? new MissingPages(marker, nextToken) : null;
            }
        }

        private String found() {
            if (keys.isEmpty()) {
                return "; found an empty object";
            }
            String hint = keys.contains("principals") || keys.contains("schemaVersion")
                    ? " (this looks like a baseline file: give it as --baselines)"
                    : keys.contains("Statement") ? " (this looks like a policy document)" : "";
            List<String> shown = keys.size() > 6 ? keys.subList(0, 6) : keys;
            return "; found " + String.join(", ", shown) + (keys.size() > 6 ? ", ..." : "") + hint;
        }
    }
}
