package io.iamdrift.aws;

import java.time.Instant;

/** Where finished reports go. Written before any alert is sent (contract 10). */
public interface ReportSink {

    /**
     * Stores one run's report: the JSON (source of truth), its Markdown rendering, and, when the run audited the
     * whole account, the JSON again as the account's latest report. A scoped run (a change event, an ad hoc audit
     * of some principals) judged only part of the account, so it never replaces the latest report.
     *
     * @param startedAt the run's start; its UTC date names the folder
     * @param full      true when the run audited the whole account
     * @return where it went
     */
    StoredReport store(String accountId, String runId, Instant startedAt, String json, String markdown, boolean full);

    /**
     * Locations of one stored report ({@code s3://} URIs). {@link #json()} is the one to cite; {@link #latest()} is
     * null when the run did not replace the latest report.
     */
    record StoredReport(String json, String markdown, String latest) {}
}
