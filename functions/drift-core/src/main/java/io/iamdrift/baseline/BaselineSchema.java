package io.iamdrift.baseline;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.util.Locale;

/**
 * The shipped baseline schema ({@value BaselineLoader#SCHEMA_RESOURCE}), compiled once: for a whole file, and its
 * principal and group definitions, which {@link BaselineStream} checks one item at a time.
 */
record BaselineSchema(JsonSchema file, JsonSchema principal, JsonSchema group) {

    /** The compiled schema (loaded on first use; thread-safe). */
    static BaselineSchema get() {
        return Holder.SCHEMA;
    }

    private static final class Holder {
        static final BaselineSchema SCHEMA = load();
    }

    private static BaselineSchema load() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .locale(Locale.ENGLISH)
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        String at = "classpath:" + BaselineLoader.SCHEMA_RESOURCE;
        return new BaselineSchema(
                compiled(factory, at, config),
                compiled(factory, at + "#/$defs/principal", config),
                compiled(factory, at + "#/$defs/group", config));
    }

    private static JsonSchema compiled(JsonSchemaFactory factory, String location, SchemaValidatorsConfig config) {
        JsonSchema s = factory.getSchema(SchemaLocation.of(location), config);
        s.initializeValidators();
        return s;
    }
}
