package io.iamdrift.cli;

import io.iamdrift.diff.CatalogActionSpace;
import io.iamdrift.diff.DiffResult;
import io.iamdrift.diff.PolicyDiff;
import io.iamdrift.diff.Verdict;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyParseException;
import io.iamdrift.policy.PolicyParser;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code diff}: the semantic difference between two policy documents (contract section 6). */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Semantic policy diff: EQUIVALENT, WIDENED, NARROWED or CHANGED, with the grants added and removed.",
            "Exit codes (like terraform plan -detailed-exitcode): 0 EQUIVALENT or NARROWED (nothing new allowed),"
                    + " 2 WIDENED or CHANGED (the new document allows something the old one did not), 1 input error."
        })
final class DiffCommand implements Callable<Integer> {

    @Option(
            names = "--old",
            required = true,
            paramLabel = "FILE",
            description =
                    "the policy document before the change (JSON object or URL-encoded, as IAM returns it; - reads stdin)")
    String oldFile;

    @Option(
            names = "--new",
            required = true,
            paramLabel = "FILE",
            description =
                    "the policy document after the change; the verdict says what it allows that --old does not, and the converse")
    String newFile;

    @Override
    public Integer call() {
        DiffResult result = new PolicyDiff(CatalogActionSpace.defaults()).diff(policy(oldFile), policy(newFile));
        Inputs.write(null, result.toJson());
        return result.verdict() == Verdict.WIDENED || result.verdict() == Verdict.CHANGED ? Main.FINDINGS : Main.OK;
    }

    static PolicyDocument policy(String file) {
        try {
            return PolicyParser.parse(Inputs.read(file), file);
        } catch (PolicyParseException e) {
            throw new InputException(e.getMessage(), e);
        }
    }
}
