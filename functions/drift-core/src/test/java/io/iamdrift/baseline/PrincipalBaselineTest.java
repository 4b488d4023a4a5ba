package io.iamdrift.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamdrift.snapshot.PrincipalKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalBaselineTest {

    private static final TerraformActions TABLE = TerraformActions.defaults();

    private static PrincipalBaseline deployer(List<RequiredAction> required, List<String> types) {
        return new PrincipalBaseline(
                PrincipalKind.USER, "ci", null, null, null, null, null, null, required, types, null, null, null);
    }

    @Test
    void withoutExplicitActionsTheTypesActionsAreTheTablesOwnList() {
        List<String> types = List.of("aws_lambda_function", "aws_s3_bucket");

        assertThat(deployer(List.of(), types).allRequiredActions(TABLE)).isSameAs(TABLE.actionsForAll(types));
    }

    @Test
    void explicitActionsComeFirstAndAnActionTheTypesAlsoNeedIsListedOnce() {
        RequiredAction explicit = new RequiredAction("sts:GetCallerIdentity", "*", Map.of(), "pipeline");
        List<RequiredAction> all =
                deployer(List.of(explicit), List.of("aws_lambda_function")).allRequiredActions(TABLE);

        assertThat(all.get(0)).isSameAs(explicit);
        assertThat(all)
                .filteredOn(a -> a.action().equals("sts:GetCallerIdentity"))
                .hasSize(1);
        assertThat(all)
                .hasSize(TABLE.actionsForAll(List.of("aws_lambda_function")).size());
    }

    @Test
    void theSameQuestionWithItsContextKeysInAnotherOrderIsAskedOnce() {
        Map<String, List<String>> ab = new LinkedHashMap<>();
        ab.put("iam:PassedToService", List.of("lambda.amazonaws.com"));
        ab.put("aws:RequestTag/team", List.of("shop"));
        Map<String, List<String>> ba = new LinkedHashMap<>();
        ba.put("aws:RequestTag/team", List.of("shop"));
        ba.put("iam:PassedToService", List.of("lambda.amazonaws.com"));
        RequiredAction first = new RequiredAction("iam:PassRole", "*", ab, "first");
        RequiredAction second = new RequiredAction("iam:PassRole", "*", ba, "second");
        RequiredAction elsewhere = new RequiredAction("iam:PassRole", "arn:aws:iam::111122223333:role/x", ab, null);

        assertThat(deployer(List.of(first, second, elsewhere), List.of()).allRequiredActions(TABLE))
                .containsExactly(first, elsewhere);
    }
}
