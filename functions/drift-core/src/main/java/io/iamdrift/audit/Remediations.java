package io.iamdrift.audit;

import io.iamdrift.finding.Remediation;
import java.util.regex.Pattern;

/** Exact AWS CLI commands, with real names filled in, that restore the baseline. */
final class Remediations {

    private Remediations() {}

    static final String IF_INTENDED = "If this change was intended, update the baseline instead.";

    private static String kind(LivePrincipal p) {
        return p.isUser() ? "user" : "role";
    }

    /** Characters a POSIX shell takes literally. */
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@+,-]+");

    /** Quotes a value for a POSIX shell. */
    static String sh(String value) {
        if (SHELL_SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    static String attach(LivePrincipal p, String arn) {
        return attach(kind(p), p.name(), arn);
    }

    static String detach(LivePrincipal p, String arn) {
        return detach(kind(p), p.name(), arn);
    }

    static String putInline(LivePrincipal p, String name, String documentJson) {
        return putInline(kind(p), p.name(), name, documentJson);
    }

    static String deleteInline(LivePrincipal p, String name) {
        return deleteInline(kind(p), p.name(), name);
    }

    /** The same commands for a group's policies. */
    static final String GROUP = "group";

    /** {@code kind} is {@code user}, {@code role} or {@link #GROUP}; {@code name} the principal's or group's name. */
    static String attach(String kind, String name, String arn) {
        return "aws iam attach-" + kind + "-policy --" + kind + "-name " + sh(name) + " --policy-arn " + sh(arn);
    }

    static String detach(String kind, String name, String arn) {
        return "aws iam detach-" + kind + "-policy --" + kind + "-name " + sh(name) + " --policy-arn " + sh(arn);
    }

    static String putInline(String kind, String name, String policyName, String documentJson) {
        return "aws iam put-" + kind + "-policy --" + kind + "-name " + sh(name) + " --policy-name " + sh(policyName)
                + " --policy-document " + sh(documentJson);
    }

    static String deleteInline(String kind, String name, String policyName) {
        return "aws iam delete-" + kind + "-policy --" + kind + "-name " + sh(name) + " --policy-name "
                + sh(policyName);
    }

    static String setDefaultVersion(String arn, String versionId) {
        return "aws iam set-default-policy-version --policy-arn " + sh(arn) + " --version-id " + sh(versionId);
    }

    static String createPolicyVersion(String arn, String documentJson) {
        return "aws iam create-policy-version --policy-arn " + sh(arn) + " --policy-document " + sh(documentJson)
                + " --set-as-default";
    }

    static String createPolicy(String arn, String documentJson) {
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        String path = arn.substring(arn.indexOf(":policy") + ":policy".length(), arn.lastIndexOf('/') + 1);
        return "aws iam create-policy --policy-name " + sh(name) + (path.equals("/") ? "" : " --path " + sh(path))
                + " --policy-document " + (documentJson == null ? "file://" + name + ".json" : sh(documentJson));
    }

    static String putBoundary(LivePrincipal p, String arn) {
        return "aws iam put-" + kind(p) + "-permissions-boundary --" + kind(p) + "-name " + sh(p.name())
                + " --permissions-boundary " + sh(arn);
    }

    static String deleteBoundary(LivePrincipal p) {
        return "aws iam delete-" + kind(p) + "-permissions-boundary --" + kind(p) + "-name " + sh(p.name());
    }

    static String updateTrust(LivePrincipal p, String documentJson) {
        return "aws iam update-assume-role-policy --role-name " + sh(p.name()) + " --policy-document "
                + sh(documentJson);
    }

    static String addToGroup(LivePrincipal p, String group) {
        return "aws iam add-user-to-group --user-name " + sh(p.name()) + " --group-name " + sh(group);
    }

    static String removeFromGroup(LivePrincipal p, String group) {
        return "aws iam remove-user-from-group --user-name " + sh(p.name()) + " --group-name " + sh(group);
    }

    static Remediation deactivateKey(LivePrincipal p, int slot) {
        return Remediation.of(
                "The credential report does not carry key ids: list the user's keys, create and roll out a "
                        + "new key first if the pipeline still needs one, then deactivate key " + slot
                        + " (and delete it once nothing breaks).",
                "aws iam list-access-keys --user-name " + sh(p.name()),
                "aws iam update-access-key --user-name " + sh(p.name()) + " --access-key-id <AccessKeyId of key " + slot
                        + "> --status Inactive");
    }

    static Remediation deleteLoginProfile(LivePrincipal p) {
        return Remediation.of(
                "Deployers run from pipelines and need no console password. " + IF_INTENDED,
                "aws iam delete-login-profile --user-name " + sh(p.name()));
    }
}
