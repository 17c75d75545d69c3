package io.gemba.agent.simulate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gemba.collector.telemetry.BatteryTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a {@code battery} payload as {@link io.gemba.collector.telemetry.TelemetryEncoder} does,
 * but with the measurements in a fixed order. A {@link BatteryTest} keeps its measurements in a
 * {@code Map.copyOf}, whose iteration order changes from one JVM to the next, and the simulator
 * must give the same bytes for the same seed in every run.
 */
final class BatteryPayload {

  private static final JsonFactory JSON = new JsonFactory();

  private BatteryPayload() {}

  static byte[] encode(BatteryTest test, ZoneOffset offset, List<String> order) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(320);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField(
          "ts",
          DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
              OffsetDateTime.ofInstant(test.envelope().ts(), offset)));
      json.writeNumberField("seq", test.envelope().seq());
      json.writeStringField("serial", test.serial());
      json.writeStringField("product", test.product());
      json.writeBooleanField("retest", test.retest());
      if (test.result() != null) {
        json.writeStringField("result", test.result().name());
      }
      json.writeObjectFieldStart("measurements");
      for (String name : order) {
        Double value = test.measurements().get(name);
        if (value != null) {
          json.writeNumberField(name, value);
        }
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return out.toByteArray();
  }
}
