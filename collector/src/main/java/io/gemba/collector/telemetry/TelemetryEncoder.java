package io.gemba.collector.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes telemetry events as contract payloads: what a gateway publishes. The simulator and the
 * tests publish with it; {@link TelemetryDecoder} reads its output back into equal events.
 */
public final class TelemetryEncoder {

  /** How {@code ts} is written. */
  public enum TimeFormat {
    /** An RFC 3339 string with the encoder's offset: {@code 2026-11-26T06:00:00+05:00}. */
    RFC_3339,
    /** Integer epoch milliseconds (sub-millisecond digits are dropped). */
    EPOCH_MILLIS
  }

  private static final JsonFactory JSON = new JsonFactory();

  private final TimeFormat timeFormat;
  private final ZoneOffset offset;

  /**
   * An encoder.
   *
   * @param timeFormat how to write {@code ts}
   * @param offset the offset of RFC 3339 timestamps (the plant's local offset, say)
   */
  public TelemetryEncoder(TimeFormat timeFormat, ZoneOffset offset) {
    this.timeFormat = Objects.requireNonNull(timeFormat, "timeFormat");
    this.offset = Objects.requireNonNull(offset, "offset");
  }

  /** The payload of one event. Its topic is {@code event.topic().toString()}. */
  public byte[] encode(TelemetryEvent event) {
    return write(json -> writeEvent(json, event));
  }

  /** A batched payload: a JSON array of events that share one topic. */
  public byte[] encodeBatch(List<? extends TelemetryEvent> events) {
    return write(
        json -> {
          json.writeStartArray();
          for (TelemetryEvent event : events) {
            writeEvent(json, event);
          }
          json.writeEndArray();
        });
  }

  private interface Writer {
    void write(JsonGenerator json) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      writer.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return out.toByteArray();
  }

  private void writeEvent(JsonGenerator json, TelemetryEvent event) throws IOException {
    json.writeStartObject();
    Envelope envelope = event.envelope();
    if (!envelope.tsMissing()) {
      if (timeFormat == TimeFormat.EPOCH_MILLIS) {
        json.writeNumberField("ts", envelope.ts().toEpochMilli());
      } else {
        json.writeStringField(
            "ts",
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                OffsetDateTime.ofInstant(envelope.ts(), offset)));
      }
    }
    if (envelope.seq() != Envelope.NO_SEQ) {
      json.writeNumberField("seq", envelope.seq());
    }
    if (event instanceof StateChange e) {
      json.writeStringField("state", e.state().name());
      text(json, "reason", e.reason());
      number(json, "code", e.code());
    } else if (event instanceof CounterReading e) {
      json.writeNumberField("total", e.total());
      number(json, "good", e.good());
      number(json, "scrap", e.scrap());
    } else if (event instanceof OrderEvent e) {
      json.writeStringField("event", e.event().name());
      json.writeStringField("order", e.order());
      text(json, "product", e.product());
      number(json, "plannedQty", e.plannedQty());
      number(json, "idealCycleMs", e.idealCycleMs());
    } else if (event instanceof CycleCompleted e) {
      json.writeNumberField("cycleMs", e.cycleMs());
      json.writeStringField("result", e.result().name());
      text(json, "product", e.product());
      text(json, "serial", e.serial());
    } else if (event instanceof BatteryTest e) {
      writeBattery(json, e);
    } else if (event instanceof PartConsumed e) {
      json.writeStringField("partNumber", e.partNumber());
      text(json, "supplier", e.supplier());
      text(json, "origin", e.origin());
      json.writeNumberField("qty", e.qty());
      number(json, "unitCost", e.unitCost());
    } else if (event instanceof Audit5s e) {
      writeAudit(json, e);
    } else if (event instanceof KaizenUpdate e) {
      json.writeStringField("id", e.id());
      json.writeStringField("status", e.status().name());
      json.writeStringField("category", e.category().name());
      text(json, "title", e.title());
      number(json, "savingsPerYear", e.savingsPerYear());
      text(json, "targetKpi", e.targetKpi() == null ? null : e.targetKpi().wireName());
    } else if (event instanceof Heartbeat e) {
      text(json, "gateway", e.gateway());
    }
    json.writeEndObject();
  }

  private static void writeBattery(JsonGenerator json, BatteryTest test) throws IOException {
    json.writeStringField("serial", test.serial());
    json.writeStringField("product", test.product());
    json.writeBooleanField("retest", test.retest());
    text(json, "result", test.result() == null ? null : test.result().name());
    json.writeObjectFieldStart("measurements");
    for (Map.Entry<String, Double> measurement : test.measurements().entrySet()) {
      json.writeNumberField(measurement.getKey(), measurement.getValue());
    }
    json.writeEndObject();
  }

  private static void writeAudit(JsonGenerator json, Audit5s audit) throws IOException {
    text(json, "auditor", audit.auditor());
    json.writeNumberField("max", audit.max());
    json.writeObjectFieldStart("scores");
    json.writeNumberField("sort", audit.scores().sort());
    json.writeNumberField("setInOrder", audit.scores().setInOrder());
    json.writeNumberField("shine", audit.scores().shine());
    json.writeNumberField("standardize", audit.scores().standardize());
    json.writeNumberField("sustain", audit.scores().sustain());
    json.writeEndObject();
    if (audit.redTagsOpened() != null || audit.redTagsClosed() != null) {
      json.writeObjectFieldStart("redTags");
      number(json, "opened", audit.redTagsOpened());
      number(json, "closed", audit.redTagsClosed());
      json.writeEndObject();
    }
  }

  private static void text(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  private static void number(JsonGenerator json, String name, Number value) throws IOException {
    if (value instanceof Double d) {
      json.writeNumberField(name, d);
    } else if (value != null) {
      json.writeNumberField(name, value.longValue());
    }
  }
}
