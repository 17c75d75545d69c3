package io.gemba.collector.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every example payload of the telemetry contract, decoded, with the expected fields written out.
 * The contract's {@code "ts":"..."} placeholders are filled with times of the same morning shift.
 */
class ContractExamplesTest {

  private static final Instant ARRIVAL = Instant.parse("2026-11-26T01:30:00Z");

  private final TelemetryDecoder decoder =
      new TelemetryDecoder(DecoderSettings.defaults(), DecodeCounters.NONE);

  private static Topic topic(String station, Channel channel) {
    return new Topic("lahore", "battery", "pack-1", station, channel);
  }

  private TelemetryEvent decodeOne(Topic topic, String json) {
    List<Decoded> decoded =
        decoder.decode(topic.toString(), json.getBytes(StandardCharsets.UTF_8), ARRIVAL);
    assertThat(decoded).hasSize(1);
    assertThat(decoded.get(0)).isInstanceOf(TelemetryEvent.class);
    return (TelemetryEvent) decoded.get(0);
  }

  @Test
  void state_example_decodesStateAndReason() {
    Topic topic = topic("eol-test", Channel.STATE);
    TelemetryEvent event =
        decodeOne(
            topic,
            "{\"ts\":\"2026-11-26T06:00:00+05:00\",\"state\":\"DOWN\",\"reason\":\"JAM-12\"}");

    // 06:00 at +05:00 is 01:00 UTC.
    assertThat(event)
        .isEqualTo(
            new StateChange(
                new Envelope(topic, Instant.parse("2026-11-26T01:00:00Z"), false, Envelope.NO_SEQ),
                MachineState.DOWN,
                "JAM-12",
                null));
  }

  @Test
  void state_codeExample_mapsThroughPackMlTable() {
    Topic topic = topic("eol-test", Channel.STATE);
    // PackML 11 is Held: an internal fault, so DOWN with the table's reason.
    TelemetryEvent event = decodeOne(topic, "{\"ts\":\"2026-11-26T06:00:00+05:00\",\"code\":11}");

    assertThat(event)
        .isEqualTo(
            new StateChange(
                Envelope.of(topic, Instant.parse("2026-11-26T01:00:00Z")),
                MachineState.DOWN,
                "PACKML-HELD",
                11));
  }

  @Test
  void count_example_decodesCumulativeCounters() {
    Topic topic = topic("cell-stack", Channel.COUNT);
    CounterReading event =
        (CounterReading)
            decodeOne(topic, "{\"ts\":\"2026-11-26T06:01:00+05:00\",\"total\":1234,\"scrap\":12}");

    assertThat(event)
        .isEqualTo(
            new CounterReading(
                Envelope.of(topic, Instant.parse("2026-11-26T01:01:00Z")), 1234, null, 12L));
    assertThat(event.goodCount()).isEqualTo(1222); // 1234 - 12
    assertThat(event.scrapCount()).isEqualTo(12);
  }

  @Test
  void order_example_decodesStartOfWorkOrder() {
    Topic topic = topic(Topic.WHOLE, Channel.ORDER);
    TelemetryEvent event =
        decodeOne(
            topic,
            """
            {"ts":"2026-11-26T06:00:00+05:00","event":"START","order":"WO-2026-1187",
             "product":"HEV-PACK-1.3KWH","plannedQty":480,"idealCycleMs":60000}""");

    assertThat(event)
        .isEqualTo(
            new OrderEvent(
                Envelope.of(topic, Instant.parse("2026-11-26T01:00:00Z")),
                OrderEvent.Kind.START,
                "WO-2026-1187",
                "HEV-PACK-1.3KWH",
                480L,
                60000L));
    assertThat(event.topic().isWholeLine()).isTrue();
  }

  @Test
  void cycle_example_decodesOneUnit() {
    Topic topic = topic("module-press", Channel.CYCLE);
    TelemetryEvent event =
        decodeOne(
            topic,
            """
            {"ts":"2026-11-26T06:02:30.250+05:00","cycleMs":58210,"result":"OK",
             "product":"HEV-PACK-1.3KWH","serial":"P123"}""");

    assertThat(event)
        .isEqualTo(
            new CycleCompleted(
                Envelope.of(topic, Instant.parse("2026-11-26T01:02:30.250Z")),
                58210,
                CycleCompleted.Result.OK,
                "HEV-PACK-1.3KWH",
                "P123"));
  }

  @Test
  void battery_example_decodesAllMeasurements() {
    Topic topic = topic("eol-test", Channel.BATTERY);
    TelemetryEvent event =
        decodeOne(
            topic,
            """
            {"ts":"2026-11-26T06:03:00+05:00","serial":"HVB-000123","product":"HEV-PACK-1.3KWH",
             "retest":false,"result":"PASS",
             "measurements":{"ocv_v":201.6,"dcir_mohm":85.2,"capacity_ah":6.45,
                             "cell_spread_mv":12.0,"insulation_mohm":550.0,"leak_pa_min":1.2,
                             "temp_c":27.1}}""");

    assertThat(event)
        .isEqualTo(
            new BatteryTest(
                Envelope.of(topic, Instant.parse("2026-11-26T01:03:00Z")),
                "HVB-000123",
                "HEV-PACK-1.3KWH",
                false,
                BatteryTest.Verdict.PASS,
                Map.of(
                    "ocv_v", 201.6,
                    "dcir_mohm", 85.2,
                    "capacity_ah", 6.45,
                    "cell_spread_mv", 12.0,
                    "insulation_mohm", 550.0,
                    "leak_pa_min", 1.2,
                    "temp_c", 27.1)));
  }

  @Test
  void part_example_decodesOriginAndCost() {
    Topic topic = topic("inverter-fit", Channel.PART);
    PartConsumed event =
        (PartConsumed)
            decodeOne(
                topic,
                """
                {"ts":"2026-11-26T06:04:00+05:00","partNumber":"INV-220-A",
                 "supplier":"Millat Components","origin":"PK","qty":1,"unitCost":18500.0}""");

    assertThat(event)
        .isEqualTo(
            new PartConsumed(
                Envelope.of(topic, Instant.parse("2026-11-26T01:04:00Z")),
                "INV-220-A",
                "Millat Components",
                "PK",
                1.0,
                18500.0));
    assertThat(event.isFrom("PK")).isTrue();
    assertThat(event.isFrom("JP")).isFalse();
  }

  @Test
  void part_withoutOrigin_isOfUnknownOrigin_fromNoCountry() {
    Topic topic = topic("inverter-fit", Channel.PART);
    String[] payloads = {
      "{\"ts\":\"2026-11-26T06:04:00+05:00\",\"partNumber\":\"INV-220-A\",\"qty\":2}",
      "{\"ts\":\"2026-11-26T06:04:00+05:00\",\"partNumber\":\"INV-220-A\",\"origin\":null,"
          + "\"qty\":2}",
      "{\"ts\":\"2026-11-26T06:04:00+05:00\",\"partNumber\":\"INV-220-A\",\"origin\":\"\","
          + "\"qty\":2}"
    };

    for (String payload : payloads) {
      PartConsumed event = (PartConsumed) decodeOne(topic, payload);

      assertThat(event)
          .as(payload)
          .isEqualTo(
              new PartConsumed(
                  Envelope.of(topic, Instant.parse("2026-11-26T01:04:00Z")),
                  "INV-220-A",
                  null,
                  null,
                  2.0,
                  null));
      assertThat(event.isFrom("PK")).isFalse();
    }
  }

  @Test
  void part_withoutOrigin_isEncodedWithoutTheField() {
    Topic topic = topic("inverter-fit", Channel.PART);
    PartConsumed part =
        new PartConsumed(
            Envelope.of(topic, Instant.parse("2026-11-26T01:04:00Z")),
            "INV-220-A",
            "Broker",
            null,
            2.0,
            10.0);

    String json =
        new String(
            new TelemetryEncoder(TelemetryEncoder.TimeFormat.EPOCH_MILLIS, ZoneOffset.UTC)
                .encode(part),
            StandardCharsets.UTF_8);

    assertThat(json).doesNotContain("origin");
    assertThat(decodeOne(topic, json)).isEqualTo(part);
  }

  @Test
  void audit5s_example_decodesFivePillarsAndRedTags() {
    Topic topic = topic(Topic.WHOLE, Channel.AUDIT5S);
    Audit5s event =
        (Audit5s)
            decodeOne(
                topic,
                """
                {"ts":"2026-11-26T09:00:00+05:00","auditor":"S. Tanaka","max":5,
                 "scores":{"sort":4,"setInOrder":3,"shine":4,"standardize":3,"sustain":2},
                 "redTags":{"opened":3,"closed":1}}""");

    assertThat(event)
        .isEqualTo(
            new Audit5s(
                Envelope.of(topic, Instant.parse("2026-11-26T04:00:00Z")),
                "S. Tanaka",
                5,
                new Audit5s.Scores(4, 3, 4, 3, 2),
                3,
                1));
    assertThat(event.scores().total()).isEqualTo(16); // 4 + 3 + 4 + 3 + 2
  }

  @Test
  void kaizen_example_decodesCard() {
    Topic topic = topic("module-press", Channel.KAIZEN);
    TelemetryEvent event =
        decodeOne(
            topic,
            """
            {"ts":"2026-11-26T10:00:00+05:00","id":"KZ-2026-0042","status":"IMPLEMENTED",
             "category":"QUALITY","title":"Poka-yoke on connector","savingsPerYear":120000.0,
             "targetKpi":"scrap"}""");

    assertThat(event)
        .isEqualTo(
            new KaizenUpdate(
                Envelope.of(topic, Instant.parse("2026-11-26T05:00:00Z")),
                "KZ-2026-0042",
                KaizenUpdate.Status.IMPLEMENTED,
                KaizenUpdate.Category.QUALITY,
                "Poka-yoke on connector",
                120000.0,
                KaizenUpdate.TargetKpi.SCRAP));
  }

  @Test
  void heartbeat_example_decodesGateway() {
    Topic topic = topic("eol-test", Channel.HEARTBEAT);
    TelemetryEvent event =
        decodeOne(topic, "{\"ts\":\"2026-11-26T06:00:05+05:00\",\"gateway\":\"plc-gw-07\"}");

    assertThat(event)
        .isEqualTo(
            new Heartbeat(Envelope.of(topic, Instant.parse("2026-11-26T01:00:05Z")), "plc-gw-07"));
  }

  @Test
  void areaTopic_kaizenOfWholeArea_decodes() {
    Topic topic = new Topic("lahore", "battery", Topic.WHOLE, Topic.WHOLE, Channel.KAIZEN);
    TelemetryEvent event =
        decodeOne(topic, "{\"id\":\"KZ-1\",\"status\":\"SUBMITTED\",\"category\":\"SAFETY\"}");

    assertThat(event.topic().isWholeArea()).isTrue();
    assertThat(event.envelope().tsMissing()).isTrue();
    assertThat(event.ts()).isEqualTo(ARRIVAL);
  }
}
