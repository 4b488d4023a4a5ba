package io.iamdrift.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class BaselineSchemaCopyTest {

    /** The contract's schema, relative to the module directory (where Maven runs the tests). */
    private static final Path CONTRACT_SCHEMA = Path.of("../../../shared/contract/baseline.schema.json");

    @Test
    void shippedSchemaIsByteIdenticalToTheContractSchema() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(CONTRACT_SCHEMA), "contract schema not present beside the project");
        byte[] shipped;
        try (InputStream in = getClass().getResourceAsStream("/" + BaselineLoader.SCHEMA_RESOURCE)) {
            assertThat(in).as("schema on the classpath").isNotNull();
            shipped = in.readAllBytes();
        }

        assertThat(shipped).isEqualTo(Files.readAllBytes(CONTRACT_SCHEMA));
    }
}
