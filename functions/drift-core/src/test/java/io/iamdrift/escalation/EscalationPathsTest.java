package io.iamdrift.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamdrift.catalog.ActionCatalog;
import io.iamdrift.internal.Json;
import io.iamdrift.policy.PolicyDocument;
import io.iamdrift.policy.PolicyParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The escalation table itself, and each of its paths judged on documents alone (the lint view). */
class EscalationPathsTest {

    static final List<EscalationPath> PATHS = EscalationPaths.defaults();
    static final ObjectMapper JSON = Json.MAPPER;

    static Stream<EscalationPath> paths() {
        return PATHS.stream();
    }

    @Nested
    class Table {
        @Test
        void everyActionOfTheTableIsKnownToTheCatalog() {
            ActionCatalog catalog = ActionCatalog.defaults();
            List<String> unknown = PATHS.stream()
                    .flatMap(p -> p.steps().stream())
                    .map(EscalationPath.Step::action)
                    .filter(a -> !catalog.isKnown(a))
                    .distinct()
                    .toList();
            assertThat(unknown).isEmpty();
        }

        @Test
        void coversEveryRhinoMethod() {
            assertThat(PATHS.stream()
                            .map(EscalationPath::rhino)
                            .filter(x -> x != null)
                            .distinct()
                            .sorted()
                            .toList())
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, 21).boxed().toList());
        }

        @Test
        void everyPathfindingFileIsCoveredByARowOrExplained() {
            CatalogueCoverage c = EscalationPaths.coverage();
            assertThat(c.files()).hasSize(86).doesNotHaveDuplicates();
            List<String> open = c.files().stream()
                    .filter(f ->
                            !c.covered(PATHS).contains(f) && !c.notCovered().containsKey(f))
                    .toList();
            assertThat(open).as("files neither covered nor explained").isEmpty();
        }

        @Test
        void everyPathfindingIdOfARowNamesAFileOfTheCatalogue() {
            CatalogueCoverage c = EscalationPaths.coverage();
            assertThat(PATHS.stream().map(EscalationPath::pathfinding).filter(x -> x != null))
                    .doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(
                                    c.files().contains(id) || c.earlierLayout().containsKey(id))
                            .as(id)
                            .isTrue());
            assertThat(c.sameRowAs().values())
                    .allSatisfy(row -> assertThat(PATHS).anyMatch(p -> p.id().equals(row)));
        }

        @Test
        void aPassedToServiceOnAStepThatPassesNoRoleIsRefusedWithItsPointer() {
            String bad = """
                    {"paths":[{"id":"a","title":"t","fix":"f","steps":[{"action":"ec2:RunInstances","on":"ANY","passedTo":"x"}]}]}""";
            assertThatThrownBy(() -> EscalationPaths.read(
                            new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "t.json"))
                    .isInstanceOf(IOException.class)
                    .hasMessage("t.json at /paths/0/steps/0/passedTo: only for PASSABLE_ROLE");
        }

        @Test
        void aRowWithoutServiceForAPassedRoleIsRefusedWithItsPointer() {
            String bad = """
                    {"paths":[{"id":"a","title":"t","fix":"f","steps":[{"action":"iam:PassRole","on":"PASSABLE_ROLE"}]}]}""";
            assertThatThrownBy(() -> EscalationPaths.read(
                            new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "t.json"))
                    .isInstanceOf(IOException.class)
                    .hasMessage("t.json at /paths/0/steps/0/service: required for PASSABLE_ROLE");
        }
    }

    /** A policy that grants exactly the path's steps, each on a resource of the kind it needs. */
    static String grantingPolicy(EscalationPath p, String passedTo, String extraStatement) {
        List<String> statements = new ArrayList<>();
        int i = 0;
        for (EscalationPath.Step s : p.steps()) {
            String resource = switch (s.on()) {
                case SELF_USER, OTHER_USER -> "arn:aws:iam::111122223333:user/*";
                case SELF_ROLE, ROLE, ASSUMABLE_ROLE, PASSABLE_ROLE -> "arn:aws:iam::111122223333:role/*";
                case OWN_GROUP, OTHER_GROUP -> "arn:aws:iam::111122223333:group/*";
                case OWN_POLICY, CUSTOMER_POLICY -> "arn:aws:iam::111122223333:policy/*";
                case SERVICE_ROLE, ANY -> "*";
            };
            String condition = s.on() == Target.PASSABLE_ROLE
                    ? ",\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":\"" + passedTo + "\"}}"
                    : "";
            statements.add("{\"Sid\":\"S" + (i++) + "\",\"Effect\":\"Allow\",\"Action\":\"" + s.action()
                    + "\",\"Resource\":\"" + resource + "\"" + condition + "}");
        }
        if (extraStatement != null) {
            statements.add(extraStatement);
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    static List<String> found(String policy) {
        PolicyDocument doc = PolicyParser.parse(policy, "test");
        Map<String, PolicyDocument> docs = new LinkedHashMap<>();
        docs.put("p", doc);
        DocumentView view = new DocumentView(docs);
        return EscalationJudge.judge(PATHS, view, view).stream()
                .map(e -> e.path().id())
                .toList();
    }

    /** The iam:PassedToService value the path's pass is judged with. */
    static String service(EscalationPath p) {
        return p.steps().stream()
                .filter(s -> s.on() == Target.PASSABLE_ROLE)
                .map(EscalationPath.Step::passedToService)
                .findFirst()
                .orElse("none");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.iamdrift.escalation.EscalationPathsTest#paths")
    void eachPathIsFoundWhenItsStepsAreAllowed(EscalationPath p) {
        assertThat(found(grantingPolicy(p, service(p), null))).contains(p.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.iamdrift.escalation.EscalationPathsTest#paths")
    void eachPathIsClosedByAnExplicitDenyOnItsFirstAction(EscalationPath p) {
        String deny = "{\"Sid\":\"No\",\"Effect\":\"Deny\",\"Action\":\""
                + p.steps().get(0).action() + "\",\"Resource\":\"*\"}";
        assertThat(found(grantingPolicy(p, service(p), deny))).doesNotContain(p.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.iamdrift.escalation.EscalationPathsTest#paths")
    void eachPathIsClosedWhenOneStepIsMissing(EscalationPath p) {
        EscalationPath without = new EscalationPath(
                p.id(),
                p.pathfinding(),
                p.rhino(),
                p.title(),
                p.steps().subList(0, p.steps().size() - 1).isEmpty()
                        ? List.of(new EscalationPath.Step("s3:GetObject", Target.ANY, null))
                        : p.steps().subList(0, p.steps().size() - 1),
                p.gainsTargetAccess(),
                p.fix());
        assertThat(found(grantingPolicy(without, service(p), null))).doesNotContain(p.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.iamdrift.escalation.EscalationPathsTest#paths")
    void passingARoleToAnotherServiceOpensNoPassRolePath(EscalationPath p) {
        boolean passes = p.steps().stream().anyMatch(s -> s.on() == Target.PASSABLE_ROLE);
        List<String> found = found(grantingPolicy(p, "not-this.amazonaws.com", null));
        if (passes) {
            assertThat(found).doesNotContain(p.id());
        } else {
            assertThat(found).contains(p.id());
        }
    }
}
