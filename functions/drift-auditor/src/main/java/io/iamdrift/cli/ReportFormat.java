package io.iamdrift.cli;

import io.iamdrift.report.MarkdownRenderer;
import io.iamdrift.report.OcsfRenderer;
import io.iamdrift.report.Report;
import io.iamdrift.report.ReportJson;
import io.iamdrift.report.SarifRenderer;
import io.iamdrift.report.TextRenderer;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The renderings of a report that {@code audit --format} offers. */
enum ReportFormat {
    TEXT,
    JSON,
    MARKDOWN,
    SARIF,
    OCSF;

    static ReportFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException(
                    "--format: unknown format \"" + s + "\" (expected text, json, markdown, sarif or ocsf)");
        }
    }

    /**
     * Writes the rendering to a file, or to standard output for {@code null} or {@code -}. JSON is streamed
     * finding by finding (a report of thousands of findings is never held whole as text).
     */
    void write(Report report, String output) {
        if (this != JSON) {
            Inputs.write(output, render(report));
            return;
        }
        boolean stdout = output == null || output.equals("-");
        try (OutputStream out = stdout
                        ? new FilterOutputStream(System.out) {
                            @Override
                            public void close() throws IOException {
                                flush(); // never close standard output
                            }
                        }
                        : Files.newOutputStream(Path.of(output));
                BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16)) {
            ReportJson.write(report, true, true, buffered);
        } catch (IOException e) {
            throw new InputException(output + ": cannot write: " + e.getMessage());
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
