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
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming (template.yaml publishes versions with {@code SnapStart: ApplyOn: PublishedVersions}): before
 * Lambda takes the snapshot of an initialised function, loads the action catalog, wires the live service (its
 * SDK clients, built from the environment; no AWS call) and runs one whole audit of a bundled one-deployer
 * account, report included, so that the restored environment starts with the classes loaded, the catalog parsed
 * and the hot code compiled. Registered by each handler class's static initialiser; outside Lambda (no CRaC
 * runtime) registering does nothing.
 */
public final class SnapStartPriming implements Resource {

    private static final SnapStartPriming INSTANCE = new SnapStartPriming();

    private SnapStartPriming() {}

    /** Registers the hook with the global CRaC context (which keeps it; registering twice is harmless). */
    static void register() {
        Core.getGlobalContext().register(INSTANCE);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            Handlers.service();
        } catch (RuntimeException e) {
            // a misconfigured function fails on its first invocation with this error, which alerts; the
            // snapshot is still worth taking
            System.err.println("SnapStart priming: the live service could not be wired: " + e.getMessage());
        }
        auditSample();
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
