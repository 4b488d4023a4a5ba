package io.iamdrift.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.report.AsffFindings;
import io.iamdrift.report.Report;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;

/**
 * Sends a report's findings to Security Hub ({@link AsffFindings} decides what): {@code BatchImportFindings} in
 * batches of 100 (its limit), then the export state in S3 ({@code state/<accountId>/securityhub.json}, written
 * conditionally like the alert state). A finding Security Hub refuses stays as it was in the state (a new one
 * absent, an archived one still to archive), so the next run tries it again: nothing is lost, and the refusals
 * come back in the result for the run's log and response.
 */
public final class SecurityHubExport {

    static final int BATCH = 100;

    private final SecurityHubClient securityHub;
    private final AlertStateStore state;
    private final AsffFindings.Target target;

    public SecurityHubExport(SecurityHubClient securityHub, AlertStateStore state, AsffFindings.Target target) {
        this.securityHub = Objects.requireNonNull(securityHub, "securityHub");
        this.state = Objects.requireNonNull(state, "state");
        this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * The export configured by the environment: {@code SECURITY_HUB_EXPORT=true} (the template's
     * {@code SecurityHubExport} parameter), into the Security Hub of the function's own region and account; the
     * state in the report bucket. {@code null} when off.
     */
    public static SecurityHubExport fromEnvironment(
            Map<String, String> env, AwsClients aws, java.util.function.Supplier<String> reportBucket) {
        if (!"true"
                .equalsIgnoreCase(String.valueOf(env.get("SECURITY_HUB_EXPORT")).trim())) {
            return null; // off: nothing else is read, so a run without the export needs none of its settings
        }
        String region = aws.settings().region().id();
        return new SecurityHubExport(
                aws.securityHub(),
                new S3AlertStateStore(aws.s3(), reportBucket.get(), "state/", "securityhub.json"),
                new AsffFindings.Target(region, MemberRoles.partition(region)));
    }

    /** What one export did. */
    public record Result(int imported, int archived, List<String> failed) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("imported", imported);
            m.put("archived", archived);
            m.put("failed", failed);
            return m;
        }
    }

    /**
     * Exports the report.
     *
     * @param fullRun whether the run judged the whole account (only then are findings it no longer reports archived)
     */
    public Result export(Report report, boolean fullRun, Instant now) {
        var stored = state.read(report.accountId());
        Map<String, ObjectNode> previous = AsffFindings.readState(
                stored.map(v -> new String(v.json(), StandardCharsets.UTF_8)).orElse(null));
        AsffFindings.Plan plan = AsffFindings.plan(report, target, previous, fullRun, now);
        Set<String> refused = new HashSet<>();
        List<String> failed = new ArrayList<>();
        List<ObjectNode> all = plan.findings();
        for (int i = 0; i < all.size(); i += BATCH) {
            List<AwsSecurityFinding> batch = all.subList(i, Math.min(all.size(), i + BATCH)).stream()
                    .map(SecurityHubExport::toSdk)
                    .toList();
            BatchImportFindingsResponse r = securityHub.batchImportFindings(b -> b.findings(batch));
            for (ImportFindingsError e : r.failedFindings()) {
                refused.add(e.id());
                failed.add(e.id() + ": " + e.errorCode() + " " + e.errorMessage());
            }
        }
        Map<String, ObjectNode> next = new LinkedHashMap<>(plan.state());
        int imported = 0;
        int archived = 0;
        for (ObjectNode n : all) {
            String id = n.get("Id").asText();
            boolean isArchive = "ARCHIVED".equals(n.path("RecordState").asText());
            if (refused.contains(id)) {
                if (previous.containsKey(id)) {
                    next.put(id, previous.get(id)); // as it was: updated or archived on the next run
                } else {
                    next.remove(id); // never accepted: new again on the next run
                }
            } else if (isArchive) {
                archived++;
            } else {
                imported++;
            }
        }
        if (!next.equals(previous)) {
            state.write(
                    report.accountId(),
                    AsffFindings.stateJson(next).getBytes(StandardCharsets.UTF_8),
                    stored.map(AlertStateStore.Versioned::tag).orElse(null));
        }
        return new Result(imported, archived, List.copyOf(failed));
    }

    /** The ASFF JSON as the SDK's model (the same member names: the SDK's JSON protocol unmarshaller reads it). */
    static AwsSecurityFinding toSdk(ObjectNode asff) {
        return SdkJson.read(asff, (software.amazon.awssdk.core.SdkPojo) AwsSecurityFinding.builder());
    }
}
