package io.iamdrift.cli;

import io.iamdrift.report.MarkdownRenderer;
import io.iamdrift.report.Report;
import io.iamdrift.report.ReportJson;
import io.iamdrift.report.SarifRenderer;
import io.iamdrift.report.TextRenderer;

/** The renderings of a report that {@code audit --format} offers. */
enum ReportFormat {
    TEXT, JSON, MARKDOWN, SARIF;

    static ReportFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("--format: unknown format \"" + s + "\" (expected text, json, markdown or sarif)");
        }
    }

    String render(Report report) {
        return switch (this) {
            case TEXT -> TextRenderer.render(report);
            case JSON -> ReportJson.write(report);
            case MARKDOWN -> MarkdownRenderer.render(report);
            case SARIF -> SarifRenderer.render(report);
        };
    }
}
