package io.gemba.collector.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetryDecoderTest {

  private static final Instant ARRIVAL = Instant.parse("2026-11-26T01:30:00Z");
  private static final Topic COUNT_TOPIC =
      new Topic("lahore", "battery", "pack-1", "cell-stack", Channel.COUNT);
  private static final Topic STATE_TOPIC =
      new Topic("lahore", "battery", "pack-1", "cell-stack", Channel.STATE);

  private final Tally tally = new Tally();
  private final TelemetryDecoder decoder = new TelemetryDecoder(DecoderSettings.defaults(), tally);

  private List<Decoded> decode(Topic topic, String json) {
    return decoder.decode(topic.toString(), json.getBytes(StandardCharsets.UTF_8), ARRIVAL);
  }

  private TelemetryEvent decodeEvent(Topic topic, String json) {
    List<Decoded> decoded = decode(topic, json);
    assertThat(decoded).singleElement().isInstanceOf(TelemetryEvent.class);
    return (TelemetryEvent) decoded.get(0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // RFC 3339 forms, each with the instant computed by hand
    "2026-11-26T06:00:00+05:00, 2026-11-26T01:00:00Z",
    "2026-11-26T01:00:00Z, 2026-11-26T01:00:00Z",
    "2026-11-26t01:00:00z, 2026-11-26T01:00:00Z",
    "2026-11-25T20:00:00-05:00, 2026-11-26T01:00:00Z",
    "2026-11-26T06:30:00+05:30, 2026-11-26T01:00:00Z",
    "2026-11-26T01:00:00.1Z, 2026-11-26T01:00:00.100Z",
    "2026-11-26T01:00:00.123456789Z, 2026-11-26T01:00:00.123456789Z",
    "2026-11-26T01:00:00-00:00, 2026-11-26T01:00:00Z",
    "2028-02-29T00:00:00Z, 2028-02-29T00:00:00Z",
  })
  void ts_rfc3339_isEventTime(String ts, String expected) {
    TelemetryEvent event =
        decodeEvent(COUNT_TOPIC, "{\"ts\":\"" + ts + "\",\"total\":1,\"good\":1}");

    assertThat(event.ts()).isEqualTo(Instant.parse(expected));
    assertThat(event.envelope().tsMissing()).isFalse();
  }

  @Test
  void topic_ofEventsOnOneTopic_isOneObject_alsoAfterTheCacheFilledUp() {
    String json = "{\"ts\":1795654800000,\"total\":1,\"good\":1}";
    TelemetryEvent first = decodeEvent(COUNT_TOPIC, json);
    TelemetryEvent second = decodeEvent(COUNT_TOPIC, json);

    assertThat(second.envelope().topic()).isSameAs(first.envelope().topic());

    // One more station than the cache holds: it starts again empty, and every topic still reads.
    for (int i = 0; i <= TelemetryDecoder.MAX_TOPICS_CACHED; i++) {
      Topic topic = new Topic("lahore", "battery", "pack-1", "st" + i, Channel.COUNT);
      assertThat(decodeEvent(topic, json).envelope().topic()).isEqualTo(topic);
    }
    TelemetryEvent third = decodeEvent(COUNT_TOPIC, json);
    assertThat(third.envelope().topic()).isEqualTo(COUNT_TOPIC);
    assertThat(decodeEvent(COUNT_TOPIC, json).envelope().topic())
        .isSameAs(third.envelope().topic());
  }

  @Test
  void ts_epochMillis_isEventTime() {
    // 1970..2025: 56 years of 365 days + 14 leap days = 20454 days; 2026-01-01..11-26: 329 days.
    // (20454 + 329) * 86400 s + 3600 s = 1795654800 s = 2026-11-26T01:00:00Z
    TelemetryEvent event =
        decodeEvent(COUNT_TOPIC, "{\"ts\":1795654800000,\"total\":1,\"good\":1}");

    assertThat(event.ts()).isEqualTo(Instant.parse("2026-11-26T01:00:00Z"));
    assertThat(event.envelope().tsMissing()).isFalse();
  }

  @Test
  void ts_absentOrNull_isArrivalTimeAndCounted() {
    TelemetryEvent absent = decodeEvent(COUNT_TOPIC, "{\"total\":1,\"good\":1}");
    TelemetryEvent nullTs = decodeEvent(COUNT_TOPIC, "{\"ts\":null,\"total\":1,\"good\":1}");
    decodeEvent(COUNT_TOPIC, "{\"ts\":0,\"total\":1,\"good\":1}");

    assertThat(absent.ts()).isEqualTo(ARRIVAL);
    assertThat(absent.envelope().tsMissing()).isTrue();
    assertThat(nullTs.envelope().tsMissing()).isTrue();
    assertThat(tally.accepted.get(Channel.COUNT)).isEqualTo(3);
    assertThat(tally.tsMissing).isEqualTo(2);
  }

  @Test
  void seq_present_isKept() {
    TelemetryEvent event = decodeEvent(COUNT_TOPIC, "{\"seq\":41,\"total\":1,\"good\":1}");

    assertThat(event.envelope().seq()).isEqualTo(41);
    assertThat(event.envelope().sequence()).hasValue(41);
  }

  @Test
  void unknownFields_areIgnored() {
    TelemetryEvent event =
        decodeEvent(
            COUNT_TOPIC, "{\"total\":7,\"good\":6,\"plc\":{\"slot\":3},\"firmware\":\"2.1\"}");

    assertThat(event).isEqualTo(new CounterReading(event.envelope(), 7, 6L, null));
  }

  @Test
  void count_goodAndScrapThatAddUp_areBothKept() {
    CounterReading event =
        (CounterReading) decodeEvent(COUNT_TOPIC, "{\"total\":10,\"good\":8,\"scrap\":2}");

    assertThat(event.goodCount()).isEqualTo(8);
    assertThat(event.scrapCount()).isEqualTo(2);
  }

  @Test
  void emptyOptionalText_readsAsAbsent() {
    // PLCs send an empty string tag when there is no reason.
    TelemetryEvent event = decodeEvent(STATE_TOPIC, "{\"state\":\"RUNNING\",\"reason\":\"\"}");

    assertThat(event)
        .isEqualTo(new StateChange(event.envelope(), MachineState.RUNNING, null, null));
  }

  @Test
  void state_codeWithOwnReason_keepsGatewayReason() {
    TelemetryEvent event = decodeEvent(STATE_TOPIC, "{\"code\":11,\"reason\":\"E-STOP-3\"}");

    assertThat(event)
        .isEqualTo(new StateChange(event.envelope(), MachineState.DOWN, "E-STOP-3", 11));
  }

  @Test
  void state_nameAndCode_nameWinsAndCodeIsKept() {
    TelemetryEvent event = decodeEvent(STATE_TOPIC, "{\"state\":\"CHANGEOVER\",\"code\":4711}");

    assertThat(event)
        .isEqualTo(new StateChange(event.envelope(), MachineState.CHANGEOVER, null, 4711));
  }

  @Test
  void state_stationTable_mapsItsOwnCodes() {
    StateCodeTable press =
        StateCodeTable.of(
            Map.of(
                100, new StateCodeTable.Entry(MachineState.RUNNING, null),
                200, new StateCodeTable.Entry(MachineState.DOWN, "HYDRAULICS")));
    TelemetryDecoder stationDecoder =
        new TelemetryDecoder(
            new DecoderSettings(
                1024,
                10,
                topic -> topic.station().equals("press-2") ? press : StateCodeTable.packMl()),
            DecodeCounters.NONE);
    Topic pressState = new Topic("lahore", "battery", "pack-1", "press-2", Channel.STATE);

    List<Decoded> atPress =
        stationDecoder.decode(pressState.toString(), "{\"code\":200}".getBytes(), ARRIVAL);
    List<Decoded> packMlCodeAtPress =
        stationDecoder.decode(pressState.toString(), "{\"code\":6}".getBytes(), ARRIVAL);
    List<Decoded> elsewhere =
        stationDecoder.decode(STATE_TOPIC.toString(), "{\"code\":6}".getBytes(), ARRIVAL);

    assertThat(atPress)
        .singleElement()
        .extracting(d -> ((StateChange) d).state(), d -> ((StateChange) d).reason())
        .containsExactly(MachineState.DOWN, "HYDRAULICS");
    assertThat(packMlCodeAtPress)
        .singleElement()
        .extracting(d -> ((Reject) d).reason())
        .isEqualTo(RejectReason.UNKNOWN_STATE_CODE);
    assertThat(elsewhere)
        .singleElement()
        .extracting(d -> ((StateChange) d).state())
        .isEqualTo(MachineState.RUNNING);
  }

  @Test
  void batch_judgesEachElementOnItsOwn() {
    List<Decoded> decoded =
        decode(
            COUNT_TOPIC,
            """
            [{"ts":"2026-11-26T06:01:00+05:00","seq":1,"total":10,"good":10},
             {"ts":"2026-11-26T06:02:00+05:00","seq":2,"total":"twenty","good":20},
             42,
             {"ts":"2026-11-26T06:03:00+05:00","seq":3,"total":30,"good":29}]""");

    assertThat(decoded).hasSize(4);
    assertThat(decoded.get(0))
        .isEqualTo(
            new CounterReading(
                new Envelope(COUNT_TOPIC, Instant.parse("2026-11-26T01:01:00Z"), false, 1),
                10,
                10L,
                null));
    assertThat(decoded.get(1))
        .isEqualTo(
            new Reject(
                COUNT_TOPIC.toString(),
                1,
                RejectReason.WRONG_TYPE,
                "total must be an integer, got string"));
    assertThat(decoded.get(2))
        .isEqualTo(
            new Reject(
                COUNT_TOPIC.toString(),
                2,
                RejectReason.NOT_AN_OBJECT,
                "batch element must be an object, got number"));
    assertThat(decoded.get(3))
        .isEqualTo(
            new CounterReading(
                new Envelope(COUNT_TOPIC, Instant.parse("2026-11-26T01:03:00Z"), false, 3),
                30,
                29L,
                null));
    assertThat(tally.accepted.get(Channel.COUNT)).isEqualTo(2);
    assertThat(tally.rejected)
        .containsEntry(RejectReason.WRONG_TYPE, 1L)
        .containsEntry(RejectReason.NOT_AN_OBJECT, 1L);
  }

  @Test
  void batch_ofExactlyTheLimit_decodesEveryElement() {
    String batch = "[" + "{\"total\":1,\"good\":1},".repeat(999) + "{\"total\":1,\"good\":1}]";

    assertThat(decode(COUNT_TOPIC, batch)).hasSize(1000).allMatch(CounterReading.class::isInstance);
  }

  @Test
  void payload_ofExactlyTheLimit_isAccepted() {
    assertThat(decode(COUNT_TOPIC, Payloads.countOfSize(65536)))
        .singleElement()
        .isInstanceOf(CounterReading.class);
  }

  @Test
  void payload_withUtf8ByteOrderMark_decodes() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] json = "{\"total\":1,\"good\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[bom.length + json.length];
    System.arraycopy(bom, 0, payload, 0, bom.length);
    System.arraycopy(json, 0, payload, bom.length, json.length);

    assertThat(decoder.decode(COUNT_TOPIC.toString(), payload, ARRIVAL))
        .singleElement()
        .isInstanceOf(CounterReading.class);
  }

  @Test
  void payload_invalidUtf8_isBadJson() {
    byte[] payload = {'{', '"', 'r', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    List<Decoded> decoded = decoder.decode(STATE_TOPIC.toString(), payload, ARRIVAL);

    assertThat(decoded)
        .singleElement()
        .extracting(d -> ((Reject) d).reason())
        .isEqualTo(RejectReason.BAD_JSON);
  }

  @Test
  void payload_nestedThirtyThousandDeep_isRejectedWithoutOverflowingTheStack() {
    String hostile = "[".repeat(30_000) + "]".repeat(30_000); // 60,000 bytes, under the size limit

    List<Decoded> decoded = decode(COUNT_TOPIC, hostile);

    assertThat(decoded)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(((Reject) d).reason()).isEqualTo(RejectReason.BAD_JSON);
              assertThat(((Reject) d).detail()).startsWith("exceeds a parser limit: ");
            });
  }

  @Test
  void payload_nullBytes_isBadJson() {
    List<Decoded> decoded = decoder.decode(COUNT_TOPIC.toString(), null, ARRIVAL);

    assertThat(decoded)
        .containsExactly(
            new Reject(COUNT_TOPIC.toString(), -1, RejectReason.BAD_JSON, "payload is empty"));
  }

  @Test
  void reject_isCountedByReason() {
    decode(COUNT_TOPIC, "{\"total\":-1,\"good\":0}");
    decode(COUNT_TOPIC, "not json");
    decode(COUNT_TOPIC, "not json either");

    assertThat(tally.rejected)
        .containsEntry(RejectReason.OUT_OF_RANGE, 1L)
        .containsEntry(RejectReason.BAD_JSON, 2L);
    assertThat(tally.accepted).isEmpty();
  }

  @Test
  void reject_toString_isOneSafeLine() {
    List<Decoded> decoded =
        decoder.decode(
            "gemba/v1/lahore/battery/pack-1/cell-stack/count\n\u001b[31mFAKE LOG LINE",
            "{}".getBytes(),
            ARRIVAL);

    String line = decoded.get(0).toString();

    assertThat(line)
        .doesNotContain("\n")
        .doesNotContain("\u001b")
        .startsWith(
            "unknown_channel [topic: gemba/v1/lahore/battery/pack-1/cell-stack/count??[31mFAKE LOG"
                + " LINE]: ")
        .contains("channel 'count??[31mFAKE LOG LINE'");
  }

  /** Counts like the agent's metrics do, without a registry. */
  static final class Tally implements DecodeCounters {
    final Map<Channel, Long> accepted = new EnumMap<>(Channel.class);
    final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    final List<RejectReason> order = new ArrayList<>();
    long tsMissing;

    @Override
    public void accepted(Channel channel, boolean missingTs) {
      accepted.merge(channel, 1L, Long::sum);
      tsMissing += missingTs ? 1 : 0;
    }

    @Override
    public void rejected(RejectReason reason) {
      rejected.merge(reason, 1L, Long::sum);
      order.add(reason);
    }
  }
}
