package io.iamdrift.report;

import io.iamdrift.finding.PrincipalRef;
import io.iamdrift.finding.Severity;
import io.iamdrift.incident.Incident;
import java.util.List;

/**
 * One incident as plain text, the same in the terminal report and the email: the change line, the compact grant
 * diff, its consequences on one line, the fix commands, who made the change and when, and for a shared cause how
 * many principals it reaches with the first names. Access key ids are masked; control characters removed.
 */
public final class IncidentText {

    /** Names of principals shown for a shared cause before "and N more". */
    public static final int NAMES_SHOWN = 5;

    private IncidentText() {}

    /** The block, each line starting with {@code indent} except the first, ending with a newline. */
    public static String block(Incident i, String indent) {
        StringBuilder b = new StringBuilder();
        b.append('[')
                .append(i.severity().name())
                .append("] ")
                .append(line(i.title()))
                .append('\n');
        for (String g : i.change().grants()) {
            b.append(indent).append(line(g)).append('\n');
        }
        if (i.change().detail() != null && i.severity() != Severity.INFO) {
            b.append(indent).append("Why: ").append(line(i.change().detail())).append('\n');
        }
        if (!i.change().consequences().isEmpty()) {
            b.append(indent)
                    .append("Consequences: ")
                    .append(line(String.join("; ", i.change().consequences())))
                    .append('\n');
        }
        if (!i.fix().isEmpty()) {
            b.append(indent).append("Fix:\n");
            for (String c : i.fix()) {
                b.append(indent)
                        .append("  $ ")
                        .append(TextRenderer.clean(Redaction.text(c)).replace("\n", "\n" + indent + "    "))
                        .append('\n');
            }
        }
        if (i.actor() != null) {
            b.append(indent).append("Who: ").append(line(i.actor().describe())).append('\n');
        }
        if (i.principals().size() > 1) {
            b.append(indent)
                    .append("Principals: ")
                    .append(principals(i.principals()))
                    .append('\n');
        }
        b.append(indent)
                .append("Incident ")
                .append(i.id())
                .append(", ")
                .append(i.findings().size())
                .append(i.findings().size() == 1 ? " finding" : " findings")
                .append('\n');
        return b.toString();
    }

    /** {@code 300 (a, b, c, d, e and 295 more)}; a single principal by its name. */
    public static String principals(List<PrincipalRef> principals) {
        if (principals.size() == 1) {
            return line(principals.get(0).name());
        }
        List<String> names =
                principals.stream().limit(NAMES_SHOWN).map(p -> line(p.name())).toList();
        return principals.size() + " (" + String.join(", ", names)
                + (principals.size() > NAMES_SHOWN ? " and " + (principals.size() - NAMES_SHOWN) + " more" : "") + ")";
    }

    /** One line of untrusted text for a person: access key ids masked, control characters and line breaks gone. */
    public static String line(String text) {
        return TextRenderer.oneLine(TextRenderer.clean(Redaction.text(text)));
    }
}
