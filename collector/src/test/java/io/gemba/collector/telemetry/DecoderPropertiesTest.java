package io.gemba.collector.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gemba.collector.proptest.Chars;
import io.gemba.collector.proptest.Draw;
import io.gemba.collector.proptest.Property;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the decoder: it is total (random bytes, random JSON and mutated payloads never make
 * it throw), and every valid event survives encoding and decoding unchanged.
 */
class DecoderPropertiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> CONTRACT_FIELDS =
      List.of(
          "ts",
          "seq",
          "state",
          "reason",
          "code",
          "total",
          "good",
          "scrap",
          "event",
          "order",
          "product",
          "plannedQty",
          "idealCycleMs",
          "cycleMs",
          "result",
          "serial",
          "retest",
          "measurements",
          "partNumber",
          "supplier",
          "origin",
          "qty",
          "unitCost",
          "auditor",
          "max",
          "scores",
          "redTags",
          "id",
          "status",
          "category",
          "title",
          "savingsPerYear",
          "targetKpi",
          "gateway",
          "sort",
          "setInOrder",
          "shine",
          "standardize",
          "sustain",
          "opened",
          "closed");

  private final TelemetryDecoder decoder =
      new TelemetryDecoder(DecoderSettings.defaults(), DecodeCounters.NONE);

  @Test
  void validEvent_roundTrips() {
    Property.forAll(
        1000,
        TelemetryGenerators::encodedEvent,
        encoded -> {
          List<Decoded> decoded =
              decoder.decode(
                  encoded.event().topic().toString(),
                  encoded.payload(),
                  TelemetryGenerators.ARRIVAL);

          assertThat(decoded).containsExactly(encoded.event());
        });
  }

  @Test
  void validBatch_roundTripsInOrder() {
    Property.forAll(
        200,
        DecoderPropertiesTest::batch,
        batch -> {
          byte[] payload =
              new TelemetryEncoder(TelemetryEncoder.TimeFormat.RFC_3339, ZoneOffset.ofHours(5))
                  .encodeBatch(batch);

          List<Decoded> decoded =
              decoder.decode(batch.get(0).topic().toString(), payload, TelemetryGenerators.ARRIVAL);

          assertThat(decoded).containsExactlyElementsOf(batch);
        });
  }

  /** A topic string and a payload. */
  record Message(String topic, byte[] payload) {}

  @Test
  void randomBytes_neverThrow() {
    Property.forAll(
        1000,
        d -> new Message(topicString(d), d.bytes(300)),
        message -> assertTotal(message.topic(), message.payload()));
  }

  /** A valid topic string and a JSON value. */
  record Json(String topic, JsonNode json) {}

  @Test
  void randomJson_neverThrows() {
    Property.forAll(
        1000,
        d -> new Json(validTopicString(d), jsonValue(d)),
        m -> assertTotal(m.topic(), m.json().toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** An event, and the contract field to remove or to set to {@code replacement}. */
  record FieldMutation(
      TelemetryGenerators.Encoded encoded, String field, JsonNode replacement, boolean remove) {}

  @Test
  void mutatedFields_neverThrow_andAcceptedEventsRoundTrip() {
    Property.forAll(
        1000,
        d ->
            new FieldMutation(
                TelemetryGenerators.encodedEvent(d),
                d.pick(CONTRACT_FIELDS),
                jsonValue(d),
                d.bool()),
        m -> {
          ObjectNode object = (ObjectNode) JSON.readTree(m.encoded().payload());
          ObjectNode target = object;
          for (String nested : List.of("measurements", "scores", "redTags")) {
            if (object.get(nested) instanceof ObjectNode inner && inner.has(m.field())) {
              target = inner;
            }
          }
          if (m.remove()) {
            target.remove(m.field());
          } else {
            target.set(m.field(), m.replacement());
          }
          String topic = m.encoded().event().topic().toString();

          List<Decoded> decoded = assertTotal(topic, JSON.writeValueAsBytes(object));

          // whatever the decoder accepts, it writes back and reads again as the same event
          if (decoded.get(0) instanceof TelemetryEvent event) {
            byte[] again =
                new TelemetryEncoder(TelemetryEncoder.TimeFormat.RFC_3339, ZoneOffset.UTC)
                    .encode(event);
            assertThat(decoder.decode(topic, again, TelemetryGenerators.ARRIVAL))
                .containsExactly(event);
          }
        });
  }

  /** An event and the byte mutations to make to its payload: kind, position, value each. */
  record ByteMutations(TelemetryGenerators.Encoded encoded, List<int[]> mutations) {}

  @Test
  void mutatedBytes_neverThrow() {
    Property.forAll(
        1000,
        d -> new ByteMutations(TelemetryGenerators.encodedEvent(d), byteMutations(d)),
        m -> {
          byte[] payload = m.encoded().payload();
          for (int[] mutation : m.mutations()) {
            payload = mutate(payload, mutation[0], mutation[1], mutation[2]);
          }

          assertTotal(m.encoded().event().topic().toString(), payload);
        });
  }

  private List<Decoded> assertTotal(String topic, byte[] payload) {
    List<Decoded> decoded = decoder.decode(topic, payload, TelemetryGenerators.ARRIVAL);

    assertThat(decoded).isNotEmpty().doesNotContainNull();
    for (Decoded result : decoded) {
      if (result instanceof Reject reject) {
        assertThat(reject.detail()).isNotBlank();
        assertThat(reject.toString()).doesNotContain("\n", "\r");
      }
    }
    return decoded;
  }

  /** Flip, drop, insert or truncate at a position. */
  private static byte[] mutate(byte[] payload, int kind, int position, int value) {
    if (payload.length == 0) {
      return new byte[] {(byte) value};
    }
    int at = Math.floorMod(position, payload.length);
    byte[] out;
    switch (kind) {
      case 0 -> {
        out = payload.clone();
        out[at] = (byte) value;
      }
      case 1 -> {
        out = new byte[payload.length - 1];
        System.arraycopy(payload, 0, out, 0, at);
        System.arraycopy(payload, at + 1, out, at, payload.length - at - 1);
      }
      case 2 -> {
        out = new byte[payload.length + 1];
        System.arraycopy(payload, 0, out, 0, at);
        out[at] = (byte) value;
        System.arraycopy(payload, at, out, at + 1, payload.length - at);
      }
      default -> out = Arrays.copyOf(payload, at);
    }
    return out;
  }

  /** 1 to 20 events of one topic. */
  private static List<TelemetryEvent> batch(Draw d) {
    Topic topic = TelemetryGenerators.topic(d);
    return d.listOf(
        1, 20, e -> TelemetryGenerators.event(e, topic, TelemetryEncoder.TimeFormat.RFC_3339));
  }

  /** Any string up to 120 characters, a valid topic, one with {@code +} for {@code /}, or null. */
  private static String topicString(Draw d) {
    return switch (d.intBetween(0, 3)) {
      case 0 -> d.string(0, 120, Chars.any());
      case 1 -> validTopicString(d);
      case 2 -> validTopicString(d).replace('/', '+');
      default -> null;
    };
  }

  private static String validTopicString(Draw d) {
    return TelemetryGenerators.topic(d).toString();
  }

  private static List<int[]> byteMutations(Draw d) {
    return d.listOf(
        1, 4, e -> new int[] {e.intBetween(0, 3), e.intBetween(0, 10_000), e.intBetween(0, 255)});
  }

  private static JsonNode jsonValue(Draw d) {
    return jsonValue(d, 3);
  }

  /** A scalar, or (above depth 0) an array of up to 4 or an object of up to 5 values. */
  private static JsonNode jsonValue(Draw d, int depth) {
    return switch (depth == 0 ? 0 : d.intBetween(0, 2)) {
      case 0 -> scalar(d);
      case 1 -> array(d.listOf(0, 4, e -> jsonValue(e, depth - 1)));
      default ->
          object(
              d.mapOf(
                  0,
                  5,
                  e -> e.bool() ? e.pick(CONTRACT_FIELDS) : e.string(0, 8, Chars.any()),
                  e -> jsonValue(e, depth - 1)));
    };
  }

  private static JsonNode scalar(Draw d) {
    return switch (d.intBetween(0, 7)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(d.bool());
      case 2 -> NODES.numberNode(d.anyLong());
      case 3 ->
          NODES.numberNode(
              d.bigIntegerBetween(BigInteger.TEN.pow(20).negate(), BigInteger.TEN.pow(20)));
      case 4 -> NODES.numberNode(d.anyDouble());
      case 5 -> NODES.numberNode(d.pick(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e-320));
      case 6 -> NODES.textNode(d.string(0, 80, Chars.any()));
      default ->
          NODES.textNode(
              d.pick(
                  "RUNNING",
                  "DOWN",
                  "OK",
                  "PASS",
                  "START",
                  "END",
                  "IMPLEMENTED",
                  "QUALITY",
                  "scrap",
                  "PK",
                  "2026-11-26T06:00:00+05:00",
                  "2026-11-26T06:00:00",
                  ""));
    };
  }

  private static JsonNode array(List<JsonNode> elements) {
    ArrayNode array = NODES.arrayNode();
    array.addAll(elements);
    return array;
  }

  private static JsonNode object(Map<String, JsonNode> fields) {
    ObjectNode object = NODES.objectNode();
    object.setAll(fields);
    return object;
  }
}
