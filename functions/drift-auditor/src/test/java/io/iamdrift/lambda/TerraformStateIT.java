package io.iamdrift.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamdrift.audit.Auditor;
import io.iamdrift.aws.AwsClients;
import io.iamdrift.aws.IamCollector;
import io.iamdrift.aws.S3AlertStateStore;
import io.iamdrift.aws.S3BaselineStore;
import io.iamdrift.aws.S3ReportStore;
import io.iamdrift.aws.S3TerraformStateStore;
import io.iamdrift.aws.testing.MotoServer;
import io.iamdrift.finding.Finding;
import io.iamdrift.finding.Severity;
import io.iamdrift.report.Report;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Terraform state as the baseline, on real state: {@code terraform apply} of {@code terraform/live} (users, a
 * role with a boundary, a customer managed policy, inline policies, attachments, a group and its membership, a
 * module with for_each and count) against moto_server, then live audits with that state read from S3: clean
 * after the apply, and exactly the out-of-band changes after them. Skipped (with the reason) when terraform or
 * the hashicorp/aws 5.100.0 provider mirror is absent. AWS managed policies are loaded so that
 * AdministratorAccess can be attached.
 */
@ExtendWith(MotoServer.class)
@MotoServer.LoadAwsManagedPolicies
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerraformStateIT {

    static final String BUCKET = "drift-auditor-tf-it";
    static final String STATE_BUCKET = "tf-state-it";
    static final String STATE_KEY = "tz/v1/ci/shop/prod/terraform.tfstate";
    static final String PROVIDER = "terraform-provider-aws_v5.100.0";
    static final String DEPLOY_ARN = "arn:aws:iam::123456789012:policy/shop-deploy";
    static final String HAND_WRITTEN = """
            {"schemaVersion":1,"environment":"it","discovery":{"userNamePatterns":["*-deployer"],"roleNamePatterns":["*-deployer"]},
             "principals":[{"type":"user","name":"shop-ci-deployer","forbiddenActions":["iam:*"],
               "requiredActions":[{"action":"lambda:UpdateFunctionCode","resource":"arn:aws:lambda:us-east-1:123456789012:function:shop-web"}]}]}""";

    static MotoServer.Endpoint moto;
    static AwsClients aws;
    static IamClient iam;
    static Path work;
    static Path stateFile;
    static double terraformSeconds;

    @BeforeAll
    static void apply(MotoServer.Endpoint endpoint) throws Exception {
        Optional<Path> terraform = onPath("terraform");
        assumeTrue(terraform.isPresent(), "terraform is not on PATH: the real-state test is skipped");
        Optional<Path> mirror = providerMirror();
        assumeTrue(
                mirror.isPresent(),
                "no " + PROVIDER + "* under $TF_PROVIDER_MIRROR, /opt/tf-plugins, "
                        + "~/.terraform.d/plugins or /usr/share/terraform/plugins: the real-state test is skipped");
        moto = endpoint;
        moto.reset();
        aws = moto.clients();
        iam = aws.iam();
        aws.s3().createBucket(b -> b.bucket(BUCKET));
        aws.s3().createBucket(b -> b.bucket(STATE_BUCKET));

        work = Files.createTempDirectory(Path.of("target"), "terraform-it-");
        copyTree(Path.of("src/test/resources/terraform/live"), work);
        Path cli = work.resolve("cli.tfrc");
        Files.writeString(
                cli, """
                provider_installation {
                  filesystem_mirror {
                    path    = "%s"
                    include = ["registry.terraform.io/hashicorp/aws"]
                  }
                  direct {
                    exclude = ["registry.terraform.io/hashicorp/aws"]
                  }
                }
                """.formatted(mirror.get().toAbsolutePath().toString().replace("\\", "/")));
        Map<String, String> env = Map.of(
                "TF_CLI_CONFIG_FILE",
                cli.toAbsolutePath().toString(),
                "TF_IN_AUTOMATION",
                "1",
                "CHECKPOINT_DISABLE",
                "1",
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing");
        long started = System.nanoTime();
        run(env, terraform.get().toString(), "init", "-input=false", "-no-color");
        run(
                env,
                terraform.get().toString(),
                "apply",
                "-auto-approve",
                "-input=false",
                "-no-color",
                "-var",
                "endpoint=" + moto.uri());
        terraformSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("terraform init + apply against moto: %.1f s%n", terraformSeconds);
        stateFile = work.resolve("terraform.tfstate");
        aws.s3().putObject(b -> b.bucket(STATE_BUCKET).key(STATE_KEY), RequestBody.fromFile(stateFile));
        aws.s3()
                .putObject(
                        b -> b.bucket(BUCKET).key("baselines/123456789012/requirements.json"),
                        RequestBody.fromString(HAND_WRITTEN, StandardCharsets.UTF_8));
    }

    static LiveAudit service() {
        LiveConfig config =
                new LiveConfig(BUCKET, "baselines/", BUCKET, null, "it", Severity.CRITICAL, Duration.ofHours(24));
        return new LiveAudit(new LiveAudit.Parts(
                config,
                IamCollector.of(aws),
                new S3BaselineStore(aws.s3(), BUCKET, "baselines/"),
                new S3ReportStore(aws.s3(), BUCKET),
                new S3AlertStateStore(aws.s3(), BUCKET),
                null,
                Auditor.withDefaults(),
                Clock.systemUTC(),
                new S3TerraformStateStore(aws.s3(), STATE_BUCKET, List.of(), "tz/v1/"),
                null,
                null));
    }

    static List<String> aboveLow(Report report) {
        return report.findings().stream()
                .filter(f -> f.severity().atLeast(Severity.MEDIUM))
                .map(f -> f.type() + " " + f.principal().type() + "/"
                        + f.principal().name())
                .sorted()
                .toList();
    }

    @Test
    @Order(1)
    void stateOfARealApplyAuditsCleanAgainstTheAccount() {
        assertThat(terraformSeconds).isPositive();
        Report report =
                service().audit("tf-clean", IamCollector.Scope.all(), false).report();
        assertThat(report.summary().principalsAudited()).isEqualTo(4);
        assertThat(aboveLow(report)).as("findings: %s", report.findings()).isEmpty();
    }

    @Test
    @Order(2)
    void aPolicyPutOnTheStatesGroupOutOfBandIsOneGroupPolicyIncident() {
        iam.putGroupPolicy(b -> b.groupName("deployers")
                .policyName("debug")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Secrets\",\"Effect\":\"Allow\","
                        + "\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}"));
        try {
            Report report =
                    service().audit("tf-group", IamCollector.Scope.all(), false).report();
            assertThat(aboveLow(report).stream().distinct().toList())
                    .as("findings: %s", report.findings())
                    .containsExactly(
                            "GROUP_POLICY_DRIFT user/shop-ci-deployer", "WILDCARD_RESOURCE user/shop-ci-deployer");
            Finding drift = report.findings().stream()
                    .filter(f -> f.type().name().equals("GROUP_POLICY_DRIFT"))
                    .findFirst()
                    .orElseThrow();
            assertThat(drift.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(drift.remediation().commands())
                    .containsExactly("aws iam delete-group-policy --group-name deployers --policy-name debug");
            assertThat(report.incidents())
                    .filteredOn(i -> i.severity().atLeast(Severity.MEDIUM))
                    .singleElement()
                    .satisfies(i -> assertThat(i.change().object()).isEqualTo("group/deployers"));
        } finally {
            iam.deleteGroupPolicy(b -> b.groupName("deployers").policyName("debug"));
        }
    }

    @Test
    @Order(3)
    void outOfBandChangesAreReportedExactlyWithTheDeclaringResources() {
        iam.attachRolePolicy(
                b -> b.roleName("billing-deployer").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        iam.putRolePolicy(b -> b.roleName("search-deployer")
                .policyName("debug")
                .policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Logs\",\"Effect\":\"Allow\",\"Action\":\"logs:GetLogEvents\","
                                + "\"Resource\":\"arn:aws:logs:us-east-1:123456789012:log-group:search-*\"}]}"));
        iam.removeUserFromGroup(b -> b.userName("shop-ci-deployer").groupName("deployers"));
        iam.createPolicyVersion(b -> b.policyArn(DEPLOY_ARN)
                .setAsDefault(true)
                .policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Functions\",\"Effect\":\"Allow\","
                                + "\"Action\":[\"lambda:GetFunction\",\"lambda:UpdateFunctionCode\",\"lambda:UpdateFunctionConfiguration\"],"
                                + "\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:shop-*\"}]}"));

        Report report =
                service().audit("tf-drift", IamCollector.Scope.all(), false).report();
        String admin = "arn:aws:iam::aws:policy/AdministratorAccess";
        assertThat(aboveLow(report).stream().distinct().toList())
                .containsExactly(
                        "ADMIN_ACCESS role/billing-deployer",
                        "GROUP_DRIFT user/shop-ci-deployer",
                        "PASSROLE_UNSCOPED role/billing-deployer",
                        "POLICY_DRIFT role/billing-deployer",
                        "POLICY_DRIFT role/search-deployer",
                        "POLICY_DRIFT role/shop-release-deployer",
                        "POLICY_DRIFT user/shop-ci-deployer",
                        "UNEXPECTED_POLICY role/billing-deployer",
                        "UNEXPECTED_POLICY role/search-deployer",
                        "WILDCARD_ACTION role/billing-deployer",
                        "WILDCARD_RESOURCE role/billing-deployer");
        List<Finding> findings = report.findings().stream()
                .filter(f -> f.severity().atLeast(Severity.MEDIUM))
                .toList();
        assertThat(findings)
                .filteredOn(f -> f.type().name().equals("UNEXPECTED_POLICY"))
                .extracting(Finding::policy)
                .containsExactlyInAnyOrder(admin, "inline:debug");
        assertThat(findings)
                .filteredOn(f -> f.type().name().equals("POLICY_DRIFT"))
                .extracting(Finding::policy)
                .containsOnly(DEPLOY_ARN);
        assertThat(findings)
                .filteredOn(f -> f.type().name().startsWith("WILDCARD"))
                .extracting(Finding::policy)
                .containsOnly(admin);
        assertThat(findings)
                .filteredOn(f -> f.type().name().equals("ADMIN_ACCESS"))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence().get("grantingPolicies").toString())
                        .contains(admin));
        assertThat(findings)
                .filteredOn(f -> f.principal().name().equals("billing-deployer")
                        && !f.type().name().equals("POLICY_DRIFT"))
                .as("everything else on billing-deployer comes from AdministratorAccess")
                .allSatisfy(f -> assertThat(f.policy() + " " + f.evidence()).contains("AdministratorAccess"));
        assertThat(findings).allSatisfy(f -> assertThat(f.evidence()).containsKey("terraformState"));
        Finding group = report.findings().stream()
                .filter(f -> f.type().name().equals("GROUP_DRIFT"))
                .findFirst()
                .orElseThrow();
        assertThat(group.evidence().get("terraformState").toString()).contains("aws_iam_user_group_membership.ci");
    }

    @Test
    @Order(4)
    void theJarBuildsTheBaselineFromTheStateInS3AndFromTheFile() throws Exception {
        Path hand = work.resolve("requirements.json");
        Files.writeString(hand, HAND_WRITTEN);
        Map<String, String> env = Map.of(
                "AWS_ENDPOINT_URL",
                moto.uri().toString(),
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing");
        LiveAuditIT.Run fromS3 = LiveAuditIT.java(
                env,
                "-jar",
                "target/drift-auditor.jar",
                "baseline",
                "from-terraform",
                "--state",
                "s3://" + STATE_BUCKET + "/" + STATE_KEY,
                "--merge",
                hand.toString());
        assertThat(fromS3.code()).as("err: %s", fromS3.err()).isZero();
        JsonNode baseline = LiveAuditIT.JSON.readTree(fromS3.out());
        assertThat(baseline.get("principals")).hasSize(4);
        assertThat(baseline.at("/principals/1/forbiddenActions/0").asText()).isEqualTo("iam:*");
        assertThat(fromS3.err()).contains("4 principals from 1 state file(s)");

        LiveAuditIT.Run fromFile = LiveAuditIT.java(
                env,
                "-jar",
                "target/drift-auditor.jar",
                "baseline",
                "from-terraform",
                "--state",
                stateFile.toString(),
                "--merge",
                hand.toString());
        assertThat(LiveAuditIT.JSON.readTree(fromFile.out())).isEqualTo(baseline);

        Path conflicting = work.resolve("conflicting.json");
        Files.writeString(
                conflicting,
                "{\"schemaVersion\":1,\"principals\":[{\"type\":\"user\",\"name\":\"shop-ci-deployer\",\"groups\":[]}]}");
        LiveAuditIT.Run conflict = LiveAuditIT.java(
                env,
                "-jar",
                "target/drift-auditor.jar",
                "baseline",
                "from-terraform",
                "--state",
                stateFile.toString(),
                "--merge",
                conflicting.toString());
        assertThat(conflict.code()).isEqualTo(1);
        assertThat(conflict.out()).isEmpty();
        assertThat(conflict.err())
                .contains("error: " + conflicting + ": /principals/0/groups: conflicts with the Terraform state")
                .contains("aws_iam_user_group_membership.ci");
    }

    @Test
    @Order(5)
    void anUnreadableStateObjectIsABaselineInvalidFindingNamingIt() {
        aws.s3()
                .putObject(
                        b -> b.bucket(STATE_BUCKET).key("tz/v1/ci/shop/dev/tofu.tfstate"),
                        RequestBody.fromString("{\"version\": 4, \"resources\": {}}", StandardCharsets.UTF_8));
        Report report =
                service().audit("tf-broken", IamCollector.Scope.all(), false).report();
        assertThat(report.findings())
                .filteredOn(f -> f.type().name().equals("BASELINE_INVALID"))
                .singleElement()
                .satisfies(f -> assertThat(f.title())
                        .contains("s3://" + STATE_BUCKET + "/tz/v1/ci/shop/dev/tofu.tfstate")
                        .contains("expected an array of resources"));
        assertThat(report.summary().principalsAudited())
                .as("the good state still baselines its principals")
                .isEqualTo(4);
    }

    @Test
    @Order(6)
    void explicitKeysReadOnlyThoseObjects() {
        S3TerraformStateStore keysOnly = new S3TerraformStateStore(aws.s3(), STATE_BUCKET, List.of(STATE_KEY), null);
        assertThat(keysOnly.read()).extracting(o -> o.key()).containsExactly(STATE_KEY);
        assertThat(keysOnly.location()).isEqualTo("s3://" + STATE_BUCKET + "/" + STATE_KEY);
        S3TerraformStateStore wholeBucket = new S3TerraformStateStore(aws.s3(), STATE_BUCKET, List.of(), null);
        assertThat(wholeBucket.read())
                .extracting(o -> o.key())
                .containsExactly("tz/v1/ci/shop/dev/tofu.tfstate", STATE_KEY);
    }

    static void run(Map<String, String> env, String... cmd) throws Exception {
        File log = work.resolve(cmd[1] + ".log").toFile();
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log);
        pb.environment().remove("AWS_PROFILE");
        pb.environment().remove("TF_PLUGIN_CACHE_DIR");
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done && p.exitValue() == 0)
                .as("terraform %s failed:%n%s", cmd[1], Files.readString(log.toPath()))
                .isTrue();
    }

    static Optional<Path> onPath(String exe) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The filesystem-mirror root holding registry.terraform.io/hashicorp/aws/5.100.0/OS_ARCH/terraform-provider-aws_v5.100.0*. */
    static Optional<Path> providerMirror() throws IOException {
        List<Path> roots = new ArrayList<>();
        Optional.ofNullable(System.getenv("TF_PROVIDER_MIRROR"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .ifPresent(roots::add);
        String home = System.getProperty("user.home");
        roots.addAll(List.of(
                Path.of("/opt/tf-plugins"),
                Path.of(home, ".terraform.d", "plugins"),
                Path.of(home, ".local", "share", "terraform", "plugins"),
                Path.of("/usr/share/terraform/plugins")));
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files =
                    Files.find(root, 6, (p, a) -> p.getFileName().toString().startsWith(PROVIDER))) {
                Optional<Path> binary = files.findFirst();
                if (binary.isPresent()) {
                    // <root>/registry.terraform.io/hashicorp/aws/5.100.0/<os_arch>/<binary>
                    return Optional.of(binary.get()
                            .getParent()
                            .getParent()
                            .getParent()
                            .getParent()
                            .getParent()
                            .getParent());
                }
            }
        }
        return Optional.empty();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
