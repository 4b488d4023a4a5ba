package io.iamdrift.cli;

import io.iamdrift.report.MarkdownRenderer;
import io.iamdrift.report.OcsfRenderer;
import io.iamdrift.report.Report;
import io.iamdrift.report.ReportJson;
import io.iamdrift.report.SarifRenderer;
import io.iamdrift.report.TextRenderer;

/** The renderings of a report that {@code audit --format} offers. */
enum ReportFormat {
    TEXT, JSON, MARKDOWN, SARIF, OCSF;

    static ReportFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("--format: unknown format \"" + s + "\" (expected text, json, markdown, sarif or ocsf)");
        }
    }

    String render(Report report) {
        return switch (this) {
            case TEXT -> TextRenderer.renderPlain(report);
            case JSON -> ReportJson.writeRedacted(report, true);
            case MARKDOWN -> MarkdownRenderer.render(report);
            case SARIF -> new SarifRenderer().render(report);
            case OCSF -> OcsfRenderer.render(report);
        };
    }
}
