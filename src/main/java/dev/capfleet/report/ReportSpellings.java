package dev.capfleet.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.capfleet.assess.CheckStatus;
import dev.capfleet.core.Severity;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the report's JSON spells the enums of assess and core, which know nothing of Jackson:
 * severities as {@code blocker}/{@code warning}/{@code info}, a check's status as {@code
 * pass}/{@code fail}/{@code unknown}/{@code skipped} and a finding's as {@code failed}/{@code
 * unknown}, as schema 1.0 wrote them. Reading accepts either status spelling in any case, so
 * reports of every version (diff, merge and remediate read old ones) parse; an unknown word is an
 * error naming it.
 */
final class ReportSpellings {
  private ReportSpellings() {}

  static SimpleModule module() {
    SimpleModule m = new SimpleModule("capfleet-report-spellings");
    m.addSerializer(Severity.class, writer(Severity::id));
    m.addDeserializer(Severity.class, reader(Severity.class, Severity::parse));
    m.addSerializer(CheckStatus.class, writer(CheckStatus::id));
    m.addDeserializer(CheckStatus.class, reader(CheckStatus.class, CheckStatus::parse));
    m.setMixInAnnotation(dev.capfleet.assess.Finding.class, FindingSpelling.class);
    return m;
  }

  /** A finding's status is written as a finding spells it: {@code failed}, not {@code fail}. */
  abstract static class FindingSpelling {
    @JsonSerialize(using = FindingStatusWriter.class)
    abstract CheckStatus status();
  }

  static final class FindingStatusWriter extends JsonSerializer<CheckStatus> {
    @Override
    public void serialize(CheckStatus value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(value.findingId());
    }
  }

  private static <T> JsonSerializer<T> writer(Function<T, String> spelling) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider serializers)
          throws IOException {
        gen.writeString(spelling.apply(value));
      }
    };
  }

  private static <T> JsonDeserializer<T> reader(
      Class<T> type, Function<String, Optional<T>> parse) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString();
        Optional<T> value = parse.apply(text);
        if (value.isEmpty()) {
          return type.cast(
              ctxt.handleWeirdStringValue(
                  type, text, "not a %s capfleet writes", type.getSimpleName()));
        }
        return value.get();
      }
    };
  }
}
