package io.iamdrift.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.evaluation.SimulateCustomPolicy;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyKind;
import io.iamdrift.policy.PolicyParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The trust semantics through {@code simulate}: AssumeRoleWithWebIdentity requests (IAM's SimulateCustomPolicy
 * shape) with the provider's claims as context entries, the trust policy as ResourcePolicy and the OIDC
 * provider as CallerArn. The web identity caller has no identity policies of its own (empty PolicyInputList),
 * so the trust policy alone decides.
 */
class TrustSimulateTest {

    static final ObjectMapper JSON = Json.MAPPER;
    static final String ROLE = "arn:aws:iam::111122223333:role/deploy";
    static final String GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

    static String trust(String provider, String conditions) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity","Condition":{%s}}]}""".formatted(provider, conditions);
    }

    static final String PROD_ONLY = trust(GITHUB, """
            "StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com",
                            "token.actions.githubusercontent.com:sub":"repo:acme/shop:environment:prod"}""");
    static final String OWNER_WIDE = trust(GITHUB, """
            "StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},
            "StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}""");

    static String decision(String trust, String caller, Map<String, String> claims) throws Exception {
        ObjectNode req = JSON.createObjectNode();
        req.putArray("PolicyInputList");
        req.putArray("ActionNames").add("sts:AssumeRoleWithWebIdentity");
        req.putArray("ResourceArns").add(ROLE);
        req.set("ResourcePolicy", JSON.readTree(trust));
        req.put("CallerArn", caller);
        ArrayNode entries = req.putArray("ContextEntries");
        claims.forEach((k, v) -> entries.addObject()
                .put("ContextKeyName", k)
                .put("ContextKeyType", "string")
                .set("ContextKeyValues", JSON.createArrayNode().add(v)));
        JsonNode out = SimulateCustomPolicy.simulate(req);
        return out.at("/EvaluationResults/0/EvalDecision").asText();
    }

    static Map<String, String> github(String sub, String aud) {
        return Map.of("token.actions.githubusercontent.com:sub", sub, "token.actions.githubusercontent.com:aud", aud);
    }

    @Test
    void prodEnvironmentTrustAdmitsOnlyThatEnvironmentsJobs() throws Exception {
        assertThat(decision(PROD_ONLY, GITHUB, github("repo:acme/shop:environment:prod", "sts.amazonaws.com")))
                .isEqualTo("allowed");
        assertThat(decision(PROD_ONLY, GITHUB, github("repo:acme/shop:pull_request", "sts.amazonaws.com")))
                .isEqualTo("implicitDeny");
        assertThat(decision(PROD_ONLY, GITHUB, github("repo:acme/web:environment:prod", "sts.amazonaws.com")))
                .isEqualTo("implicitDeny");
        assertThat(decision(PROD_ONLY, GITHUB, github("repo:mallory/shop:environment:prod", "sts.amazonaws.com")))
                .isEqualTo("implicitDeny");
        assertThat(decision(PROD_ONLY, GITHUB, github("repo:acme/shop:environment:prod", "https://other.example")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void ownerWideTrustAdmitsAnotherRepositoryOfTheOwnerButNotAStranger() throws Exception {
        assertThat(decision(OWNER_WIDE, GITHUB, github("repo:acme/web:ref:refs/heads/feature", "sts.amazonaws.com")))
                .isEqualTo("allowed");
        assertThat(decision(OWNER_WIDE, GITHUB, github("repo:acme/shop:pull_request", "sts.amazonaws.com")))
                .isEqualTo("allowed");
        assertThat(decision(OWNER_WIDE, GITHUB, github("repo:mallory/shop:ref:refs/heads/main", "sts.amazonaws.com")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void anotherProvidersTokenIsNotAdmitted() throws Exception {
        String gitlab = "arn:aws:iam::111122223333:oidc-provider/gitlab.com";
        assertThat(decision(PROD_ONLY, gitlab, github("repo:acme/shop:environment:prod", "sts.amazonaws.com")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void gitlabAndHcpTerraformSubjectsThroughSimulate() throws Exception {
        String gitlab = "arn:aws:iam::111122223333:oidc-provider/gitlab.com";
        String gl = trust(
                gitlab,
                "\"StringEquals\":{\"gitlab.com:aud\":\"https://gitlab.com\","
                        + "\"gitlab.com:sub\":\"project_path:acme/shop:ref_type:branch:ref:main\"}");
        assertThat(decision(
                        gl,
                        gitlab,
                        Map.of(
                                "gitlab.com:aud",
                                "https://gitlab.com",
                                "gitlab.com:sub",
                                "project_path:acme/shop:ref_type:branch:ref:main")))
                .isEqualTo("allowed");
        assertThat(decision(
                        gl,
                        gitlab,
                        Map.of(
                                "gitlab.com:aud",
                                "https://gitlab.com",
                                "gitlab.com:sub",
                                "project_path:acme/shop:ref_type:branch:ref:feature")))
                .isEqualTo("implicitDeny");
        String tfcArn = "arn:aws:iam::111122223333:oidc-provider/app.terraform.io";
        String tfc = trust(
                tfcArn,
                "\"StringEquals\":{\"app.terraform.io:aud\":\"aws.workload.identity\"},"
                        + "\"StringLike\":{\"app.terraform.io:sub\":\"organization:acme:project:*:workspace:prod:run_phase:*\"}");
        assertThat(decision(
                        tfc,
                        tfcArn,
                        Map.of(
                                "app.terraform.io:aud",
                                "aws.workload.identity",
                                "app.terraform.io:sub",
                                "organization:acme:project:Default Project:workspace:prod:run_phase:apply")))
                .isEqualTo("allowed");
        assertThat(decision(
                        tfc,
                        tfcArn,
                        Map.of(
                                "app.terraform.io:aud",
                                "aws.workload.identity",
                                "app.terraform.io:sub",
                                "organization:acme:project:Default Project:workspace:dev:run_phase:apply")))
                .isEqualTo("implicitDeny");
    }

    @Test
    void everyModelledCiJobGetsTheSameAnswerFromSimulateAsFromTheTrustAnalysis() throws Exception {
        for (String text : List.of(PROD_ONLY, OWNER_WIDE)) {
            PolicyDocument doc = PolicyParser.parse(text, "trust", PolicyKind.TRUST);
            List<Probe> probes = TrustJudgement.withDefaults().probes().universe(ROLE, List.of(doc));
            Set<Probe> admitted = TrustAnalysis.admitted(doc, probes);
            int jobs = 0;
            for (Probe p : probes) {
                if (!(p.who() instanceof Assumer.CiJob)) {
                    continue;
                }
                jobs++;
                Map<String, String> claims = new java.util.LinkedHashMap<>();
                p.request().context().asMap().forEach((k, v) -> claims.put(k, v.get(0)));
                assertThat(decision(text, p.request().callerArn(), claims))
                        .as(p.who().describe())
                        .isEqualTo(admitted.contains(p) ? "allowed" : "implicitDeny");
            }
            assertThat(jobs).isGreaterThan(20);
        }
    }
}
