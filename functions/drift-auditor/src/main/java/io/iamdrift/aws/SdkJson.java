package io.iamdrift.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Writes SDK v2 model objects as JSON with the service model's member names (UserName, AttachedManagedPolicies,
 * PolicyVersionList, ...): the names and shapes the AWS CLI prints. Driven by {@link SdkPojo#sdkFields()}, so no
 * reflection and no field list to keep in step with the SDK. Timestamps are ISO-8601 UTC; enums keep the
 * service's string; documents stay the (URL-encoded) strings IAM returned. Members the service did not send
 * are omitted; lists it sent empty are written empty.
 */
final class SdkJson {

    private SdkJson() {}

    /**
     * Reads JSON with the service model's member names into an SDK model builder (the inverse of {@link #write}),
     * driven by the builder's {@link SdkPojo#sdkFields()}. A member the model does not have is an error: a typo in
     * what we send would otherwise vanish silently.
     */
    static <T> T read(com.fasterxml.jackson.databind.JsonNode json, SdkPojo builder) {
        fill(json, builder);
        @SuppressWarnings("unchecked")
        T built = (T) ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build();
        return built;
    }

    private static void fill(com.fasterxml.jackson.databind.JsonNode json, SdkPojo builder) {
        Map<String, SdkField<?>> fields = new HashMap<>();
        builder.sdkFields().forEach(f -> fields.put(f.memberName(), f));
        json.fields().forEachRemaining(e -> {
            SdkField<?> f = fields.get(e.getKey());
            if (f == null) {
                throw new IllegalArgumentException(
                        "no member " + e.getKey() + " in " + builder.getClass().getName());
            }
            f.set(builder, value(e.getValue(), f));
        });
    }

    private static Object value(com.fasterxml.jackson.databind.JsonNode v, SdkField<?> f) {
        if (v == null || v.isNull()) {
            return null;
        }
        String type = f.marshallingType().toString();
        return switch (type) {
            case "String" -> v.asText();
            case "Integer" -> v.asInt();
            case "Long" -> v.asLong();
            case "Double" -> v.asDouble();
            case "Float" -> (float) v.asDouble();
            case "Boolean" -> v.asBoolean();
            case "Instant" -> Instant.parse(v.asText());
            case "SdkPojo" -> {
                SdkPojo nested = f.constructor().get();
                yield read(v, nested);
            }
            case "List" -> {
                SdkField<?> member = f.getTrait(software.amazon.awssdk.core.traits.ListTrait.class)
                        .memberFieldInfo();
                List<Object> out = new ArrayList<>();
                v.forEach(item -> out.add(value(item, member)));
                yield out;
            }
            case "Map" -> {
                SdkField<?> member = f.getTrait(software.amazon.awssdk.core.traits.MapTrait.class)
                        .valueFieldInfo();
                Map<String, Object> out = new LinkedHashMap<>();
                v.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue(), member)));
                yield out;
            }
            default ->
                throw new IllegalArgumentException(
                        "cannot read a " + type + " member (" + f.memberName() + ") from JSON");
        };
    }

    static void write(JsonGenerator g, SdkPojo pojo) throws IOException {
        g.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null
                    || value instanceof SdkAutoConstructList<?>
                    || value instanceof SdkAutoConstructMap<?, ?>) {
                continue;
            }
            g.writeFieldName(field.memberName());
            writeValue(g, value);
        }
        g.writeEndObject();
    }

    static void writeValue(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case SdkPojo p -> write(g, p);
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case Short s -> g.writeNumber(s);
            case java.math.BigDecimal d -> g.writeNumber(d);
            case Instant t -> g.writeString(t.toString());
            case SdkBytes b -> g.writeString(b.asUtf8String());
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object o : c) {
                    writeValue(g, o);
                }
                g.writeEndArray();
            }
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeValue(g, e.getValue());
                }
                g.writeEndObject();
            }
            default -> g.writeString(value.toString());
        }
    }
}
