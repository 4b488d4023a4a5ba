package io.iamdrift.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamdrift.internal.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineUpdateTest {

    static final ObjectMapper JSON = Json.MAPPER;
    static final String DOC =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    static final String WIDER = DOC.replace("s3:GetObject", "s3:*");

    static String file(String... principals) {
        return "{\"schemaVersion\":1,\"accountId\":\"123456789012\",\"discovery\":{\"userNamePatterns\":[\"*-deployer\"]},"
                + "\"principals\":[" + String.join(",", principals) + "]}";
    }

    static String user(String name, String doc, String extra) {
        return "{\"type\":\"user\",\"name\":\"" + name
                + "\",\"managedPolicies\":[],\"inlinePolicies\":[{\"name\":\"p\",\"document\":" + doc + "}]" + extra
                + "}";
    }

    static ObjectNode captured(String... principals) throws Exception {
        return (ObjectNode) JSON.readTree(
                "{\"schemaVersion\":1,\"accountId\":\"123456789012\",\"discovery\":{\"userNamePatterns\":[\"*deploy*\"]},"
                        + "\"principals\":[" + String.join(",", principals) + "]}");
    }

    static JsonNode json(BaselineUpdate.Change c) throws Exception {
        return JSON.readTree(c.json());
    }

    @Test
    void capturedPrincipalThatAFileNamesIsUpdatedInThatFileAndTheSetStaysValid() throws Exception {
        List<BaselineSource> existing = List.of(
                BaselineSource.of(
                        "s3://b/baselines/123456789012/ci.json",
                        file(
                                user(
                                        "shop-deployer",
                                        DOC,
                                        ",\"forbiddenActions\":[\"iam:CreateUser\"],\"credentials\":{\"maxAccessKeyAgeDays\":30}"),
                                user("other-deployer", DOC, ""))),
                BaselineSource.of("s3://b/baselines/123456789012/ops.json", file(user("ops", DOC, ""))));
        List<BaselineUpdate.Change> changes = BaselineUpdate.plan(
                existing,
                captured(user(
                        "SHOP-DEPLOYER",
                        WIDER,
                        ",\"credentials\":{\"consoleAccess\":false,\"maxActiveAccessKeys\":1}")),
                "new.json");

        assertThat(changes)
                .singleElement()
                .satisfies(c -> assertThat(c.source()).isEqualTo("s3://b/baselines/123456789012/ci.json"));
        JsonNode updated = json(changes.get(0));
        assertThat(updated.at("/principals")).hasSize(2);
        assertThat(updated.at("/principals/0/inlinePolicies/0/document/Statement/0/Action")
                        .asText())
                .isEqualTo("s3:*");
        assertThat(updated.at("/principals/0/forbiddenActions/0").asText())
                .as("hand-written part kept")
                .isEqualTo("iam:CreateUser");
        assertThat(updated.at("/principals/0/credentials/maxAccessKeyAgeDays").asInt())
                .isEqualTo(30);
        assertThat(updated.at("/principals/0/credentials/maxActiveAccessKeys").asInt())
                .isEqualTo(1);
        assertThat(updated.at("/principals/1/name").asText()).isEqualTo("other-deployer");
        assertThat(updated.at("/discovery/userNamePatterns/0").asText()).isEqualTo("*-deployer");

        List<BaselineSource> after = new ArrayList<>(List.of(
                new BaselineSource(existing.get(0).name(), changes.get(0).json()), existing.get(1)));
        assertThat(new BaselineLoader().loadAll(after).problems()).isEmpty();
    }

    @Test
    void aCapturedGroupThatAFileNamesIsUpdatedThereAndANewFileNeverNamesItAgain() throws Exception {
        String group = ",\"groups\":[{\"name\":\"deployers\",\"inlinePolicies\":[{\"name\":\"g\",\"document\":%s}]}]}";
        String withGroup = file(user("shop-deployer", DOC, ",\"groups\":[\"deployers\"]"));
        List<BaselineSource> existing = List.of(
                BaselineSource.of("ci.json", withGroup.substring(0, withGroup.length() - 1) + group.formatted(DOC)));
        ObjectNode capture = captured(
                user("shop-deployer", DOC, ",\"groups\":[\"deployers\"]"),
                user("new-deployer", DOC, ",\"groups\":[\"deployers\"]"));
        capture.set(
                "groups",
                JSON.readTree(group.formatted(WIDER)
                        .substring(
                                ",\"groups\":".length(), group.formatted(WIDER).length() - 1)));

        List<BaselineUpdate.Change> changes = BaselineUpdate.plan(existing, capture, "new.json");

        assertThat(changes).extracting(BaselineUpdate.Change::source).containsExactly("ci.json", null);
        assertThat(json(changes.get(0)).at("/groups"))
                .singleElement()
                .satisfies(g -> assertThat(g.at("/inlinePolicies/0/document/Statement/0/Action")
                                .asText())
                        .isEqualTo("s3:*"));
        assertThat(json(changes.get(1)).has("groups"))
                .as("the group stays in the file that names it")
                .isFalse();
        assertThat(json(changes.get(1)).at("/principals/0/name").asText()).isEqualTo("new-deployer");
    }

    @Test
    void aCapturedGroupNoFileNamesGoesIntoTheNewFileEvenWhenEveryPrincipalIsUpdatedInPlace() throws Exception {
        List<BaselineSource> existing =
                List.of(BaselineSource.of("ci.json", file(user("shop-deployer", DOC, ",\"groups\":[\"deployers\"]"))));
        ObjectNode capture = captured(user("shop-deployer", DOC, ",\"groups\":[\"deployers\"]"));
        capture.set("groups", JSON.readTree("[{\"name\":\"deployers\",\"managedPolicies\":[],\"inlinePolicies\":[]}]"));

        List<BaselineUpdate.Change> changes = BaselineUpdate.plan(existing, capture, "new.json");

        assertThat(changes).extracting(BaselineUpdate.Change::source).containsExactly("ci.json", null);
        assertThat(json(changes.get(1)).at("/principals")).isEmpty();
        assertThat(json(changes.get(1)).at("/groups/0/name").asText()).isEqualTo("deployers");
        assertThat(json(changes.get(1)).has("discovery")).isFalse();
    }

    @Test
    void principalNoFileNamesGoesIntoOneNewFileWithoutASecondDiscoveryBlock() throws Exception {
        List<BaselineSource> existing = List.of(BaselineSource.of("ci.json", file(user("shop-deployer", DOC, ""))));
        List<BaselineUpdate.Change> changes = BaselineUpdate.plan(
                existing, captured(user("shop-deployer", DOC, ""), user("new-deployer", DOC, "")), "captured.json");
        assertThat(changes).extracting(BaselineUpdate.Change::source).containsExactly("ci.json", null);
        JsonNode fresh = json(changes.get(1));
        assertThat(fresh.get("principals"))
                .singleElement()
                .satisfies(p -> assertThat(p.get("name").asText()).isEqualTo("new-deployer"));
        assertThat(fresh.has("discovery")).isFalse();
    }

    @Test
    void firstCaptureOfAnAccountIsOneNewFileWithItsDiscovery() throws Exception {
        List<BaselineUpdate.Change> changes =
                BaselineUpdate.plan(List.of(), captured(user("shop-deployer", DOC, "")), "captured.json");
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.source()).isNull();
            assertThat(json(c).has("discovery")).isTrue();
        });
    }

    @Test
    void existingExceptionsAreKeptAndTheCapturesNewOnesAdded() throws Exception {
        String kept =
                ",\"exceptions\":[{\"type\":\"WILDCARD_RESOURCE\",\"statementSid\":\"S\",\"reason\":\"reviewed\",\"expires\":\"2099-01-01\"}]";
        String fresh =
                ",\"exceptions\":[{\"type\":\"WILDCARD_RESOURCE\",\"statementSid\":\"S\",\"reason\":\"captured\",\"expires\":\"2099-01-01\"},"
                        + "{\"type\":\"WILDCARD_ACTION\",\"statementSid\":\"S\",\"reason\":\"captured\",\"expires\":\"2099-01-01\"}]";
        List<BaselineUpdate.Change> changes = BaselineUpdate.plan(
                List.of(BaselineSource.of("ci.json", file(user("d", DOC, kept)))),
                captured(user("d", WIDER, fresh)),
                "n.json");
        JsonNode exceptions = json(changes.get(0)).at("/principals/0/exceptions");
        assertThat(exceptions).hasSize(2);
        assertThat(exceptions.get(0).get("reason").asText()).isEqualTo("reviewed");
        assertThat(exceptions.get(1).get("type").asText()).isEqualTo("WILDCARD_ACTION");
    }

    @Test
    void existingSetWithAProblemIsRefusedNamingTheFile() {
        List<BaselineSource> existing =
                List.of(BaselineSource.of("s3://b/broken.json", "{\"schemaVersion\": 1, \"principals\": ["));
        assertThatThrownBy(() -> BaselineUpdate.plan(existing, captured(user("d", DOC, "")), "n.json"))
                .isInstanceOf(BaselineUpdate.Refused.class)
                .hasMessageContaining("s3://b/broken.json");
    }
}
