package io.iamdrift.aws;

import java.time.Instant;

/** Where finished reports go. Written before any alert is sent (contract 10). */
public interface ReportSink {

  /**
   * Stores one run's report: the JSON (source of truth), its Markdown rendering, and the JSON again as the
   * account's latest report.
   *
   * @param startedAt the run's start; its UTC date names the folder
   * @return where it went
   */
  StoredReport store(String accountId, String runId, Instant startedAt, String json, String markdown);

  /** Locations of one stored report ({@code s3://} URIs). {@link #json()} is the one to cite. */
  record StoredReport(String json, String markdown, String latest) {}
}
