package io.iamdrift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.diff.CatalogActionSpace;
import io.iamdrift.finding.Severity;
import io.iamdrift.lint.LintFinding;
import io.iamdrift.lint.PolicyLinter;
import io.iamdrift.lint.TrustLinter;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParseException;
import io.iamdrift.policy.PolicyParser;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lint}: least-privilege findings for one policy document. */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description =
                "Least-privilege and escalation findings for one policy document; for a role trust policy, who may assume the role (OIDC and trust types).")
final class LintCommand implements Callable<Integer> {

    @Option(
            names = "--policy",
            required = true,
            paramLabel = "FILE",
            description =
                    "the identity policy document to check (JSON object or URL-encoded, as IAM returns it; - reads stdin)")
    String policyFile;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(
            names = "--account",
            paramLabel = "ID",
            description = "for a trust policy: the role's account, so its own principals are not external "
                    + "(default: the account of the OIDC provider it names)")
    String account;

    @Option(
            names = "--fail-on",
            defaultValue = "CRITICAL",
            paramLabel = "SEVERITY",
            description = "exit 2 when a finding is at or above this severity (default: ${DEFAULT-VALUE})")
    String failOn;

    @Override
    public Integer call() {
        Severity threshold = Severity.parse(failOn);
        String text = Inputs.read(policyFile);
        PolicyDocument trust = trustPolicy(text);
        List<LintFinding> findings = trust != null
                ? TrustLinter.withDefaults().lint(trust, account, policyFile)
                : new PolicyLinter(CatalogActionSpace.defaults()).lint(DiffCommand.policy(policyFile), policyFile);
        if (format.equals("json")) {
            ArrayNode arr = JsonNodeFactory.instance.arrayNode();
            for (LintFinding f : findings) {
                ObjectNode o = arr.addObject();
                o.put("type", f.type().name())
                        .put("severity", f.severity().name())
                        .put("statement", f.statement())
                        .put("message", f.message())
                        .put("fix", f.fix());
            }
            Inputs.write(null, arr.toPrettyString());
        } else if (format.equals("text")) {
            StringBuilder sb = new StringBuilder();
            for (LintFinding f : findings) {
                sb.append('[')
                        .append(f.severity())
                        .append("] ")
                        .append(f.type())
                        .append("  ")
                        .append(f.statement())
                        .append(": ")
                        .append(f.message())
                        .append("\n    fix: ")
                        .append(f.fix())
                        .append('\n');
            }
            sb.append(findings.size())
                    .append(" finding(s) in ")
                    .append(policyFile)
                    .append('\n');
            Inputs.write(null, sb.toString());
        } else {
            throw new InputException("--format: unknown format \"" + format + "\" (expected text or json)");
        }
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold)) ? Main.FINDINGS : Main.OK;
    }

    /** The document read as a role trust policy (Principal in every statement, no Resource), or {@code null}. */
    private static PolicyDocument trustPolicy(String text) {
        try {
            return PolicyParser.parse(text, "trust", PolicyKind.TRUST);
        } catch (PolicyParseException e) {
            return null;
        }
    }
}
