package io.iamdrift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.diff.CatalogActionSpace;
import io.iamdrift.finding.Severity;
import io.iamdrift.lint.LintFinding;
import io.iamdrift.lint.PolicyLinter;
import io.iamdrift.lint.TrustLinter;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contract section 10: the auditor's own policies pass its own {@code lint} with no finding above LOW. Every IAM
 * policy document of the deployed stack, as CloudFormation receives it (after the SAM transform), with its
 * intrinsic functions resolved to realistic ARNs. Needs python3 with aws-sam-translator, no emulator; it is an
 * {@code *IT} so that only the full test command ({@code scripts/test.sh}) needs those tools.
 */
class TemplatePoliciesLintIT {

    private static final PolicyLinter LINTER = new PolicyLinter(CatalogActionSpace.defaults());

    /** One policy document of the template, where it sits, and the role it belongs to (if any). */
    record Document(String where, String role, PolicyKind kind, JsonNode json) {}

    @Test
    void auditorStackPoliciesHaveNoLintFindingAboveLow() throws Exception {
        List<Document> documents = documents(SamTransform.TEMPLATE, Map.of());
        assertThat(documents)
                .extracting(Document::where)
                .contains(
                        "AuditPermissions",
                        "AuditRole.AssumeRolePolicyDocument",
                        "AuditRole.Policies[dead-letter-queue]",
                        "AdHocRole.Policies[capture-baseline]",
                        "AuditBucketPolicy");
        assertNothingAboveLow(documents);
    }

    @Test
    void securityHubExportPolicyHasNoLintFindingAboveLow() throws Exception {
        List<Document> documents = documents(SamTransform.TEMPLATE, Map.of("SecurityHubExport", "true"));
        assertThat(documents).extracting(Document::where).contains("SecurityHubFindingsPolicy");
        assertNothingAboveLow(documents);
    }

    @Test
    void forwarderStackPoliciesHaveNoLintFindingAboveLow() throws Exception {
        List<Document> documents = documents(
                SamTransform.FORWARDER,
                Map.of("TargetEventBusArn", "arn:aws:events:eu-west-1:123456789012:event-bus/default"));
        assertThat(documents)
                .extracting(Document::where)
                .contains("ForwardRole.AssumeRolePolicyDocument", "ForwardRole.Policies[put-events-on-target-bus]");
        assertNothingAboveLow(documents);
    }

    @Test
    void organizationModePoliciesHaveNoLintFindingAboveLow() throws Exception {
        List<Document> documents = documents(
                SamTransform.TEMPLATE, Map.of("OrganizationMode", "true", "MemberExternalId", "example-external-id"));
        assertThat(documents)
                .extracting(Document::where)
                .contains(
                        "OrgHubRole.Policies[organization-hub]",
                        "OrgMemberAuditRole.Policies[organization-member-audit]",
                        "OrgMemberAuditRole.AssumeRolePolicyDocument");
        assertNothingAboveLow(documents);
    }

    @Test
    void memberRoleGrantsExactlyTheCollectorsIamReadCallsAndPassesLint() throws Exception {
        List<Document> documents = documents(
                ROOT_MEMBER_ROLE, Map.of("HubAccountId", "123456789012", "ExternalId", "example-external-id"));
        assertNothingAboveLow(documents);
        List<String> actions = new ArrayList<>();
        documents.stream()
                .filter(d -> d.where().equals("MemberRole.Policies[read-iam-configuration]"))
                .findFirst()
                .orElseThrow()
                .json()
                .get("Statement")
                .forEach(s -> s.path("Action").forEach(a -> actions.add(a.asText())));
        assertThat(actions)
                .containsExactlyInAnyOrder(
                        "iam:GetAccountAuthorizationDetails",
                        "iam:GenerateCredentialReport",
                        "iam:GetCredentialReport");
    }

    static final Path ROOT_MEMBER_ROLE =
            SamTransform.TEMPLATE.resolveSibling("org").resolve("member-role.yaml");

    @Test
    void auditRoleGrantsExactlyTheCollectorsIamReadCalls() throws Exception {
        JsonNode statements = documents(SamTransform.TEMPLATE, Map.of()).stream()
                .filter(d -> d.where().equals("AuditPermissions"))
                .findFirst()
                .orElseThrow()
                .json()
                .get("Statement");
        List<String> iamActions = new ArrayList<>();
        for (JsonNode s : statements) {
            s.path("Action").forEach(a -> {
                if (a.asText().startsWith("iam:")) {
                    iamActions.add(a.asText());
                }
            });
        }
        assertThat(iamActions)
                .containsExactlyInAnyOrder(
                        "iam:GetAccountAuthorizationDetails",
                        "iam:GenerateCredentialReport",
                        "iam:GetCredentialReport");
    }

    private static void assertNothingAboveLow(List<Document> documents) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, PolicyDocument>> byRole = new LinkedHashMap<>();
        for (Document d : documents) {
            PolicyDocument doc = PolicyParser.parse(d.json().toString(), d.where(), d.kind());
            List<LintFinding> findings = new ArrayList<>(LINTER.lint(doc, d.where()));
            if (d.kind() == PolicyKind.TRUST) {
                findings.addAll(TrustLinter.withDefaults().lint(doc, TemplateValues.ACCOUNT, d.where()));
            }
            for (LintFinding f : findings) {
                System.out.println("[TemplatePoliciesLintIT] " + describe(f));
                if (aboveLow(f)) {
                    problems.add(describe(f));
                }
            }
            if (d.role() != null && d.kind() == PolicyKind.IDENTITY) {
                byRole.computeIfAbsent(d.role(), r -> new LinkedHashMap<>()).put(d.where(), doc);
            }
        }
        // combinations across the documents of one role (e.g. iam:PassRole in one, lambda:CreateFunction in another)
        byRole.forEach((role, docs) -> LINTER.lintSet(docs).stream()
                .filter(TemplatePoliciesLintIT::aboveLow)
                .forEach(f -> problems.add(role + ": " + describe(f))));
        assertThat(problems).as("lint findings above LOW").isEmpty();
    }

    private static boolean aboveLow(LintFinding f) {
        return f.severity().atLeast(Severity.MEDIUM);
    }

    private static String describe(LintFinding f) {
        return "[" + f.severity() + "] " + f.type() + " " + f.policy() + " " + f.statement() + ": " + f.message();
    }

    /** Every policy document in the transformed template, resolved. */
    static List<Document> documents(Path template, Map<String, String> parameters) throws Exception {
        JsonNode cfn = SamTransform.transform(
                template,
                null,
                parameters.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        TemplateValues values = new TemplateValues(cfn, parameters);
        List<Document> out = new ArrayList<>();
        Map<String, List<String>> managedPolicyRoles = new LinkedHashMap<>();
        cfn.path("Resources").properties().forEach(e -> {
            String id = e.getKey();
            if (e.getValue().has("Condition")
                    && !values.condition(e.getValue().get("Condition").asText())) {
                return; // not created with these parameters
            }
            JsonNode props = values.resolve(e.getValue().path("Properties"));
            switch (e.getValue().path("Type").asText()) {
                case "AWS::IAM::Role" -> {
                    out.add(new Document(
                            id + ".AssumeRolePolicyDocument",
                            id,
                            PolicyKind.TRUST,
                            props.get("AssumeRolePolicyDocument")));
                    props.path("Policies")
                            .forEach(p -> out.add(new Document(
                                    id + ".Policies[" + p.path("PolicyName").asText() + "]",
                                    id,
                                    PolicyKind.IDENTITY,
                                    p.get("PolicyDocument"))));
                    props.path("ManagedPolicyArns").forEach(arn -> {
                        // an AWS managed policy's document is not in the template: it could not be linted here
                        if (!arn.asText().startsWith("arn:aws:iam::" + TemplateValues.ACCOUNT + ":policy/")) {
                            throw new AssertionError(
                                    id + " attaches " + arn.asText() + ", a policy this test cannot lint");
                        }
                        managedPolicyRoles
                                .computeIfAbsent(arn.asText(), a -> new ArrayList<>())
                                .add(id);
                    });
                }
                case "AWS::IAM::ManagedPolicy" ->
                    out.add(new Document(id, null, PolicyKind.IDENTITY, props.get("PolicyDocument")));
                // an inline policy of its own resource belongs to the roles it names
                case "AWS::IAM::Policy" ->
                    e.getValue()
                            .path("Properties")
                            .path("Roles")
                            .forEach(r -> out.add(new Document(
                                    id, r.path("Ref").asText(), PolicyKind.IDENTITY, props.get("PolicyDocument"))));
                case "AWS::S3::BucketPolicy", "AWS::SNS::TopicPolicy", "AWS::SQS::QueuePolicy" ->
                    out.add(new Document(id, null, PolicyKind.RESOURCE, props.get("PolicyDocument")));
                default -> {}
            }
        });
        // a managed policy of the template counts for every role it is attached to
        List<Document> withRoles = new ArrayList<>();
        for (Document d : out) {
            if (d.role() == null && d.kind() == PolicyKind.IDENTITY) {
                String arn = values.physicalId(d.where());
                for (String role : managedPolicyRoles.getOrDefault(arn, List.of())) {
                    withRoles.add(new Document(d.where(), role, d.kind(), d.json()));
                }
            }
        }
        out.addAll(withRoles);
        return out;
    }
}
