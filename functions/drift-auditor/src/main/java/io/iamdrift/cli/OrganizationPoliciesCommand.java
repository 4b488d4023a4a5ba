package io.iamdrift.cli;

import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.GuardrailCollector;
import io.iamdrift.organization.Guardrails;
import io.iamdrift.organization.GuardrailsFile;
import io.iamdrift.snapshot.Arns;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.organizations.model.OrganizationsException;

/**
 * {@code organization-policies}: collects the SCPs and RCPs over one account (run with credentials of the
 * management account or a delegated administrator) into the file {@code audit --organization-policies} reads.
 */
@Command(
        name = "organization-policies",
        mixinStandardHelpOptions = true,
        description = "Collects the SCPs and RCPs over an account (root, each OU, the account) from the management "
                + "account or a delegated administrator, for audit --organization-policies.")
final class OrganizationPoliciesCommand implements Callable<Integer> {

    @Option(
            names = "--account",
            required = true,
            paramLabel = "ID",
            description = "the member account whose guardrails to collect")
    String account;

    @Option(names = "--output", paramLabel = "FILE", description = "write the file here instead of standard output")
    String output;

    @Override
    public Integer call() {
        if (!Arns.isAccountId(account)) {
            throw new InputException("--account: \"" + account + "\" is not a 12-digit account id");
        }
        Guardrails g;
        try {
            g = new GuardrailCollector(AwsClients.shared().organizations()).collect(account);
        } catch (OrganizationsException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode() + ": ";
            throw new InputException(
                    "organizations: " + code + e.getMessage()
                            + " (run with credentials of the management account or a delegated administrator)",
                    e);
        }
        Inputs.write(output, GuardrailsFile.write(g, account));
        return Main.OK;
    }

    /** Reads an organization-policies file for {@code audit --organization-policies}: bad input is exit 1. */
    static Guardrails read(String file) {
        try {
            return GuardrailsFile.read(file, Inputs.read(file));
        } catch (GuardrailsFile.InvalidException e) {
            throw new InputException(e.getMessage(), e);
        }
    }
}
