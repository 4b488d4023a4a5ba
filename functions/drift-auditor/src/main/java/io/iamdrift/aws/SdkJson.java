package io.iamdrift.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
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

  static void write(JsonGenerator g, SdkPojo pojo) throws IOException {
    g.writeStartObject();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
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
