package io.iamdrift.lambda;

import io.iamdrift.audit.AuditOptions;
import io.iamdrift.audit.Auditor;
import io.iamdrift.baseline.BaselineLoader;
import io.iamdrift.report.Report;
import io.iamdrift.report.ReportJson;
import io.iamdrift.snapshot.SnapshotException;
import io.iamdrift.snapshot.SnapshotReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming (template.yaml publishes versions with {@code SnapStart: ApplyOn: PublishedVersions}): before
 * Lambda takes the snapshot of an initialised function, wires the services the function's handler uses (the
 * live account audit or the organization audit: SDK clients built from the environment, no AWS call) and runs
 * one whole offline audit of a bundled one-deployer account (snapshot read, baselines loaded, catalog parsed,
 * policies compiled and evaluated, escalation and lint rules, report rendered as JSON), so that the restored
 * environment starts with the classes loaded and initialised, the catalog parsed and the hot code compiled.
 * Every handler class registers its wiring from its static initialiser; outside Lambda (no CRaC runtime)
 * registering does nothing. Priming keeps nothing of its own run: the sample audit's report is dropped and no
 * handler is invoked (Powertools' cold-start flag and the logging context stay those of a fresh container).
 */
public final class SnapStartPriming implements Resource {

    private static final SnapStartPriming INSTANCE = new SnapStartPriming();

    /** What the registered handlers wire before the snapshot, each once. */
    private final Set<Supplier<?>> wirings = ConcurrentHashMap.newKeySet();

    private SnapStartPriming() {}

    /**
     * Registers a handler's wiring ({@code Handlers::service}, {@code OrganizationAudit::shared}) and the hook
     * with the global CRaC context, which keeps it (registering twice is harmless).
     */
    static void register(Supplier<?> wiring) {
        INSTANCE.wirings.add(wiring);
        Core.getGlobalContext().register(INSTANCE);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    /** Wires every registered service and runs the sample audit; returns the sample's report. */
    static Report prime() {
        for (Supplier<?> wiring : INSTANCE.wirings) {
            try {
                wiring.get();
            } catch (RuntimeException e) {
                // a misconfigured function fails on its first invocation with this error, which alerts; the
                // snapshot is still worth taking
                System.err.println("SnapStart priming: a service could not be wired: " + e.getMessage());
            }
        }
        return auditSample();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing: SDK clients open connections lazily and read credentials when first used
    }

    /** One offline audit of the bundled sample account, rendered as JSON; returns the report. */
    static Report auditSample() {
        try {
            Instant now = Instant.parse("2026-11-20T06:00:00Z");
            Report report = Auditor.withDefaults()
                    .audit(
                            SnapshotReader.read("priming-snapshot.json", resource("priming-snapshot.json")),
                            new BaselineLoader()
                                    .load(
                                            "priming-baseline.json",
                                            new String(resource("priming-baseline.json"), StandardCharsets.UTF_8)),
                            new AuditOptions(now, Set.of()))
                    .toReport("priming", now, now);
            ReportJson.write(report, true, true, OutputStream.nullOutputStream());
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SnapshotException e) {
            throw new IllegalStateException("the bundled priming snapshot is unreadable", e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SnapStartPriming.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("priming resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }
}
