package io.iamdrift.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes the auditor's snapshot envelope (contract 2.1), the shape {@link SnapshotReader} reads:
 * <pre>{"accountId", "collectedAt", "authorizationDetails": {"UserDetailList", "GroupDetailList",
 * "RoleDetailList", "Policies"}, "credentialReport": "&lt;CSV&gt;"}</pre>
 * The entities are written by the caller's {@link ItemWriter} with the AWS CLI's member names (the live
 * collector writes the SDK's objects), so this class knows the envelope, not the SDK.
 */
public final class SnapshotEnvelope {

    public static final String ACCOUNT_ID = "accountId";
    public static final String COLLECTED_AT = "collectedAt";
    public static final String AUTHORIZATION_DETAILS = "authorizationDetails";
    public static final String CREDENTIAL_REPORT = "credentialReport";
    public static final String USERS = "UserDetailList";
    public static final String GROUPS = "GroupDetailList";
    public static final String ROLES = "RoleDetailList";
    public static final String POLICIES = "Policies";

    private SnapshotEnvelope() {}

    /** Writes one entity (a user, group, role or managed policy) as a JSON object with the CLI's member names. */
    @FunctionalInterface
    public interface ItemWriter<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    /**
     * The entities of {@code GetAccountAuthorizationDetails}, all pages together, and how to write one.
     */
    public record AuthorizationDetails<T>(
            List<? extends T> users,
            List<? extends T> groups,
            List<? extends T> roles,
            List<? extends T> policies,
            ItemWriter<T> writer) {}

    /**
     * The envelope as JSON text.
     *
     * @param credentialReport the report's CSV, or {@code null} when there is none (the member is then left out)
     */
    public static <T> String toJson(
            String accountId, Instant collectedAt, AuthorizationDetails<T> details, String credentialReport) {
        StringWriter out = new StringWriter(1 << 16);
        try (JsonGenerator g = SnapshotReader.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField(ACCOUNT_ID, accountId);
            g.writeStringField(COLLECTED_AT, collectedAt.toString());
            g.writeObjectFieldStart(AUTHORIZATION_DETAILS);
            section(g, USERS, details.users(), details.writer());
            section(g, GROUPS, details.groups(), details.writer());
            section(g, ROLES, details.roles(), details.writer());
            section(g, POLICIES, details.policies(), details.writer());
            g.writeEndObject();
            if (credentialReport != null) {
                g.writeStringField(CREDENTIAL_REPORT, credentialReport);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static <T> void section(JsonGenerator g, String name, List<? extends T> items, ItemWriter<T> writer)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (T item : items) {
            writer.write(g, item);
        }
        g.writeEndArray();
    }
}
