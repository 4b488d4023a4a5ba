package io.iamdrift.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The organization-policies file: shapes accepted, and errors that name the file and the JSON pointer. */
class GuardrailsFileTest {

    static final String DOC =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    @Test
    void readsBareDocumentsStringsAndNamedPolicies() {
        Guardrails g = GuardrailsFile.read(
                "org.json", """
                {"serviceControlPolicies":[[%s],[%s],[{"name":"DataOnly","id":"p-abc","document":%s}]],
                 "resourceControlPolicies":[]}""".formatted(DOC, new com.fasterxml.jackson.databind.node.TextNode(DOC).toString(), DOC));
        assertThat(g.serviceControlPolicies()).hasSize(3);
        assertThat(g.serviceControlPolicies().get(0).get(0).name()).isEqualTo("policy 1");
        assertThat(g.serviceControlPolicies().get(2).get(0).name()).isEqualTo("DataOnly");
        assertThat(g.levelName(0, 3)).isEqualTo("root");
        assertThat(g.levelName(1, 3)).isEqualTo("OU 1");
        assertThat(g.levelName(2, 3)).isEqualTo("account");
        assertThat(g.resourceControlPolicies()).isEmpty();
    }

    @Test
    void writesWhatItReads() {
        Guardrails g = GuardrailsFile.read("org.json", """
                {"organizationId":"o-a1b2c3d4e5","managementAccountId":"999988887777","path":["root","OU Workloads"],
                 "serviceControlPolicies":[[{"name":"FullAWSAccess","id":"p-FullAWSAccess","document":%s}],[{"name":"DataOnly","document":%s}]]}""".formatted(DOC, DOC));
        Guardrails again = GuardrailsFile.read("again.json", GuardrailsFile.write(g, "111122223333"));
        assertThat(again.path()).containsExactly("root", "OU Workloads");
        assertThat(again.organizationId()).isEqualTo("o-a1b2c3d4e5");
        assertThat(again.managementAccountId()).isEqualTo("999988887777");
        assertThat(again.serviceControlPolicies().get(1).get(0).document())
                .isEqualTo(g.serviceControlPolicies().get(1).get(0).document());
    }

    @Test
    void aBadDocumentIsNamedByFileAndPointer() {
        assertThatThrownBy(() -> GuardrailsFile.read("org.json", """
                {"serviceControlPolicies":[[%s],[{"name":"X","document":{"Version":"2012-10-17","Statement":[{"Effect":"Alow","Action":"*","Resource":"*"}]}}]]}""".formatted(DOC)))
                .isInstanceOf(GuardrailsFile.InvalidException.class)
                .hasMessageStartingWith("org.json: /serviceControlPolicies/1/0/document/Statement/0/Effect: ");
    }

    @Test
    void badShapesAreNamedByPointer() {
        assertThatThrownBy(() -> GuardrailsFile.read("org.json", "{\"serviceControlPolicies\":[" + DOC + "]}"))
                .hasMessage("org.json: /serviceControlPolicies/0: a level must be an array of policies");
        assertThatThrownBy(() -> GuardrailsFile.read("org.json", "{\"serviceControlPolicy\":[]}"))
                .hasMessageStartingWith("org.json: /serviceControlPolicy: unknown member");
        assertThatThrownBy(() -> GuardrailsFile.read("org.json", "[]"))
                .hasMessageStartingWith("org.json: must be a JSON object");
        assertThatThrownBy(() -> GuardrailsFile.read("org.json", "{\"serviceControlPolicies\":[[1]]}"))
                .hasMessageStartingWith("org.json: /serviceControlPolicies/0/0: a policy must be");
        assertThatThrownBy(() -> GuardrailsFile.read("org.json", "{\"serviceControlPolicies\": [[}"))
                .hasMessageStartingWith("org.json: line 1, column ");
        assertThatThrownBy(() ->
                        GuardrailsFile.read("org.json", "{\"path\":[\"root\"],\"serviceControlPolicies\":[[],[]]}"))
                .hasMessage("org.json: /serviceControlPolicies: has 2 levels but path names 1");
    }
}
