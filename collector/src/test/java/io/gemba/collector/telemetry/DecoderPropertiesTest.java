package io.gemba.collector.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

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

  @Property
  void validEvent_roundTrips(@ForAll("encodedEvents") TelemetryArbitraries.Encoded encoded) {
    List<Decoded> decoded =
        decoder.decode(
            encoded.event().topic().toString(), encoded.payload(), TelemetryArbitraries.ARRIVAL);

    assertThat(decoded).containsExactly(encoded.event());
  }

  @Property(tries = 200)
  void validBatch_roundTripsInOrder(@ForAll("batches") List<TelemetryEvent> batch) {
    byte[] payload =
        new TelemetryEncoder(TelemetryEncoder.TimeFormat.RFC_3339, ZoneOffset.ofHours(5))
            .encodeBatch(batch);

    List<Decoded> decoded =
        decoder.decode(batch.get(0).topic().toString(), payload, TelemetryArbitraries.ARRIVAL);

    assertThat(decoded).containsExactlyElementsOf(batch);
  }

  @Property
  void randomBytes_neverThrow(
      @ForAll("topicStrings") String topic, @ForAll @Size(max = 300) byte[] payload) {
    assertTotal(topic, payload);
  }

  @Property
  void randomJson_neverThrows(
      @ForAll("validTopicStrings") String topic, @ForAll("jsonValues") JsonNode json) {
    assertTotal(topic, json.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Property
  void mutatedFields_neverThrow_andAcceptedEventsRoundTrip(
      @ForAll("encodedEvents") TelemetryArbitraries.Encoded encoded,
      @ForAll("contractFields") String field,
      @ForAll("jsonValues") JsonNode replacement,
      @ForAll boolean remove)
      throws Exception {
    ObjectNode object = (ObjectNode) JSON.readTree(encoded.payload());
    ObjectNode target = object;
    for (String nested : List.of("measurements", "scores", "redTags")) {
      if (object.get(nested) instanceof ObjectNode inner && inner.has(field)) {
        target = inner;
      }
    }
    if (remove) {
      target.remove(field);
    } else {
      target.set(field, replacement);
    }
    String topic = encoded.event().topic().toString();

    List<Decoded> decoded = assertTotal(topic, JSON.writeValueAsBytes(object));

    // whatever the decoder accepts, it writes back and reads again as the same event
    if (decoded.get(0) instanceof TelemetryEvent event) {
      byte[] again =
          new TelemetryEncoder(TelemetryEncoder.TimeFormat.RFC_3339, ZoneOffset.UTC).encode(event);
      assertThat(decoder.decode(topic, again, TelemetryArbitraries.ARRIVAL)).containsExactly(event);
    }
  }

  @Property
  void mutatedBytes_neverThrow(
      @ForAll("encodedEvents") TelemetryArbitraries.Encoded encoded,
      @ForAll("byteMutations") List<int[]> mutations) {
    byte[] payload = encoded.payload();
    for (int[] mutation : mutations) {
      payload = mutate(payload, mutation[0], mutation[1], mutation[2]);
    }

    assertTotal(encoded.event().topic().toString(), payload);
  }

  private List<Decoded> assertTotal(String topic, byte[] payload) {
    List<Decoded> decoded = decoder.decode(topic, payload, TelemetryArbitraries.ARRIVAL);

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

  @Provide
  Arbitrary<TelemetryArbitraries.Encoded> encodedEvents() {
    return TelemetryArbitraries.encodedEvents();
  }

  @Provide
  Arbitrary<List<TelemetryEvent>> batches() {
    return TelemetryArbitraries.channels()
        .flatMap(TelemetryArbitraries::topics)
        .flatMap(
            topic ->
                TelemetryArbitraries.events(topic, TelemetryEncoder.TimeFormat.RFC_3339)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(20));
  }

  @Provide
  Arbitrary<String> topicStrings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(120),
        validTopicStrings(),
        validTopicStrings().map(t -> t.replace('/', '+')),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<String> validTopicStrings() {
    return TelemetryArbitraries.channels()
        .flatMap(TelemetryArbitraries::topics)
        .map(Topic::toString);
  }

  @Provide
  Arbitrary<String> contractFields() {
    return Arbitraries.of(CONTRACT_FIELDS);
  }

  @Provide
  Arbitrary<List<int[]>> byteMutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 10_000),
            Arbitraries.integers().between(0, 255))
        .as((kind, position, value) -> new int[] {kind, position, value})
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<JsonNode> jsonValues() {
    return jsonValues(3);
  }

  private static Arbitrary<JsonNode> jsonValues(int depth) {
    if (depth == 0) {
      return scalars();
    }
    Arbitrary<String> names =
        Arbitraries.oneOf(Arbitraries.of(CONTRACT_FIELDS), Arbitraries.strings().ofMaxLength(8));
    return Arbitraries.oneOf(
        scalars(),
        jsonValues(depth - 1).list().ofMaxSize(4).map(DecoderPropertiesTest::array),
        Arbitraries.maps(names, jsonValues(depth - 1))
            .ofMaxSize(5)
            .map(DecoderPropertiesTest::object));
  }

  private static Arbitrary<JsonNode> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.just(NODES.nullNode()),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.bigIntegers()
            .between(BigInteger.TEN.pow(20).negate(), BigInteger.TEN.pow(20))
            .map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e-320).map(NODES::numberNode),
        Arbitraries.strings().ofMaxLength(80).map(NODES::textNode),
        Arbitraries.of(
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
                "")
            .map(NODES::textNode));
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
