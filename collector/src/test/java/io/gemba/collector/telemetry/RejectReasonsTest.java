package io.gemba.collector.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every reject reason, from inputs that break the contract in one way each. */
class RejectReasonsTest {

  private static final String COUNT = "gemba/v1/lahore/battery/pack-1/cell-stack/count";
  private static final String STATE = "gemba/v1/lahore/battery/pack-1/cell-stack/state";
  private static final String BATTERY = "gemba/v1/lahore/battery/pack-1/eol-test/battery";
  private static final String AUDIT = "gemba/v1/lahore/battery/pack-1/_/audit5s";
  private static final String PART = "gemba/v1/lahore/battery/pack-1/inverter-fit/part";
  private static final String KAIZEN = "gemba/v1/lahore/battery/pack-1/_/kaizen";
  private static final String ORDER = "gemba/v1/lahore/battery/pack-1/_/order";
  private static final String CYCLE = "gemba/v1/lahore/battery/pack-1/module-press/cycle";

  private static final Set<RejectReason> SEEN = EnumSet.noneOf(RejectReason.class);

  private final TelemetryDecoder decoder =
      new TelemetryDecoder(DecoderSettings.defaults(), DecodeCounters.NONE);

  static Stream<Arguments> rejects() {
    return Stream.of(
        // bad_topic
        reject(null, "{}", RejectReason.BAD_TOPIC, "topic must be gemba/v1/"),
        reject(
            "gemba/v2/lahore/battery/pack-1/cell-stack/count",
            "{}",
            RejectReason.BAD_TOPIC,
            "topic must be gemba/v1/"),
        reject(
            "gemba/v1/lahore/battery/pack-1/count",
            "{}",
            RejectReason.BAD_TOPIC,
            "topic must be gemba/v1/"),
        reject(COUNT + "/extra", "{}", RejectReason.BAD_TOPIC, "topic must be gemba/v1/"),
        reject(
            "gemba/v1/lahore/battery/pack 1/cell-stack/count",
            "{}",
            RejectReason.BAD_TOPIC,
            "line must be 1 to 64 characters of [A-Za-z0-9_-]: 'pack 1'"),
        reject(
            "gemba/v1/lahore//pack-1/cell-stack/count",
            "{}",
            RejectReason.BAD_TOPIC,
            "area must be 1 to 64 characters"),
        reject(
            "gemba/v1/" + "s".repeat(65) + "/battery/pack-1/cell-stack/count",
            "{}",
            RejectReason.BAD_TOPIC,
            "site must be 1 to 64 characters"),
        reject(
            "gemba/v1/lahore/battery/+/cell-stack/count",
            "{}",
            RejectReason.BAD_TOPIC,
            "line must be"),
        reject(
            "gemba/v1/lahore/battery/_/cell-stack/kaizen",
            "{}",
            RejectReason.BAD_TOPIC,
            "an area-level topic (line '_') must have station '_'"),
        reject(
            "gemba/v1/lahore/battery/pack-1/_/count",
            "{}",
            RejectReason.BAD_TOPIC,
            "channel count needs a station"),
        // unknown_channel
        reject(
            "gemba/v1/lahore/battery/pack-1/cell-stack/temperature",
            "{}",
            RejectReason.UNKNOWN_CHANNEL,
            "channel 'temperature' is not in the contract"),
        reject(
            "gemba/v1/lahore/battery/pack-1/cell-stack/Count",
            "{}",
            RejectReason.UNKNOWN_CHANNEL,
            "channel 'Count'"),
        // too_large: one byte over 64 KiB
        reject(
            COUNT,
            Payloads.countOfSize(65537),
            RejectReason.TOO_LARGE,
            "payload of 65537 bytes exceeds the limit of 65536"),
        // bad_batch
        reject(COUNT, "[]", RejectReason.BAD_BATCH, "a batch must have 1 to 1000 elements, got 0"),
        reject(COUNT, "[" + "{},".repeat(1000) + "{}]", RejectReason.BAD_BATCH, "got 1001"),
        // bad_json
        reject(COUNT, "", RejectReason.BAD_JSON, "payload is empty"),
        reject(COUNT, "{\"total\":1,", RejectReason.BAD_JSON, "end-of-input"),
        reject(COUNT, "{'total':1}", RejectReason.BAD_JSON, "was expecting double-quote"),
        reject(COUNT, "{\"total\":1,\"good\":1} {}", RejectReason.BAD_JSON, "Trailing token"),
        reject(
            COUNT,
            "{\"total\":1,\"total\":2,\"good\":1}",
            RejectReason.BAD_JSON,
            "Duplicate field 'total'"),
        reject(
            COUNT,
            "[".repeat(17) + "]".repeat(17),
            RejectReason.BAD_JSON,
            "exceeds a parser limit: Document nesting depth (17) exceeds the maximum allowed (16"),
        reject(
            COUNT,
            "{\"total\":" + "1".repeat(65) + ",\"good\":1}",
            RejectReason.BAD_JSON,
            "exceeds a parser limit: Number value length (65) exceeds the maximum allowed (64"),
        reject(
            COUNT,
            "{\"" + "k".repeat(257) + "\":1}",
            RejectReason.BAD_JSON,
            "exceeds a parser limit: Name length (257) exceeds the maximum allowed (256"),
        // not_an_object
        reject(COUNT, "42", RejectReason.NOT_AN_OBJECT, "got number"),
        reject(COUNT, "\"DOWN\"", RejectReason.NOT_AN_OBJECT, "got string"),
        reject(COUNT, "null", RejectReason.NOT_AN_OBJECT, "got null"),
        // missing_field
        reject(COUNT, "{\"good\":5}", RejectReason.MISSING_FIELD, "total is required"),
        reject(COUNT, "{\"total\":5}", RejectReason.MISSING_FIELD, "good or scrap is required"),
        reject(
            COUNT, "{\"total\":null,\"good\":5}", RejectReason.MISSING_FIELD, "total is required"),
        reject(
            STATE, "{\"reason\":\"JAM\"}", RejectReason.MISSING_FIELD, "state or code is required"),
        reject(
            ORDER,
            "{\"event\":\"START\",\"order\":\"WO-1\"}",
            RejectReason.MISSING_FIELD,
            "product is required"),
        reject(
            AUDIT,
            "{\"max\":5,\"scores\":{\"sort\":1,\"setInOrder\":1,\"shine\":1,"
                + "\"standardize\":1}}",
            RejectReason.MISSING_FIELD,
            "scores.sustain is required"),
        reject(
            BATTERY,
            "{\"serial\":\"\",\"product\":\"P\",\"measurements\":{\"ocv_v\":1}}",
            RejectReason.MISSING_FIELD,
            "serial is required"),
        reject(
            CYCLE,
            "{\"cycleMs\":1000,\"result\":\"\"}",
            RejectReason.MISSING_FIELD,
            "result is required"),
        reject(STATE, "{\"state\":\"\"}", RejectReason.MISSING_FIELD, "state or code is required"),
        // wrong_type
        reject(
            COUNT,
            "{\"total\":\"1234\",\"good\":5}",
            RejectReason.WRONG_TYPE,
            "total must be an integer, got string"),
        reject(
            COUNT,
            "{\"total\":12.5,\"good\":5}",
            RejectReason.WRONG_TYPE,
            "total must be an integer, got number 12.5"),
        reject(
            COUNT,
            "{\"ts\":true,\"total\":1,\"good\":1}",
            RejectReason.WRONG_TYPE,
            "ts must be an RFC 3339 string or integer epoch milliseconds, got boolean"),
        reject(
            COUNT,
            "{\"ts\":1.7e12,\"total\":1,\"good\":1}",
            RejectReason.WRONG_TYPE,
            "ts must be an RFC 3339 string or integer epoch milliseconds, got number"),
        reject(
            COUNT,
            "{\"seq\":\"7\",\"total\":1,\"good\":1}",
            RejectReason.WRONG_TYPE,
            "seq must be an integer, got string"),
        reject(
            BATTERY,
            "{\"serial\":\"S\",\"product\":\"P\",\"retest\":\"no\","
                + "\"measurements\":{\"ocv_v\":1}}",
            RejectReason.WRONG_TYPE,
            "retest must be true or false, got string"),
        reject(
            BATTERY,
            "{\"serial\":\"S\",\"product\":\"P\",\"measurements\":[1,2]}",
            RejectReason.WRONG_TYPE,
            "measurements must be an object, got array"),
        reject(
            BATTERY,
            "{\"serial\":\"S\",\"product\":\"P\",\"measurements\":{\"ocv_v\":\"201\"}}",
            RejectReason.WRONG_TYPE,
            "measurements.ocv_v must be a number, got string"),
        reject(STATE, "{\"state\":6}", RejectReason.WRONG_TYPE, "state must be a string"),
        // non_finite
        reject(
            BATTERY,
            "{\"serial\":\"S\",\"product\":\"P\",\"measurements\":{\"ocv_v\":NaN}}",
            RejectReason.NON_FINITE,
            "measurements.ocv_v is not finite: NaN"),
        reject(
            PART,
            "{\"partNumber\":\"X\",\"origin\":\"PK\",\"qty\":Infinity}",
            RejectReason.NON_FINITE,
            "qty is not finite: Infinity"),
        reject(
            PART,
            "{\"partNumber\":\"X\",\"origin\":\"PK\",\"qty\":1,\"unitCost\":1e400}",
            RejectReason.NON_FINITE,
            "unitCost is not finite: Infinity"),
        reject(
            BATTERY,
            "{\"serial\":\"S\",\"product\":\"P\",\"measurements\":{\"t_c\":-Infinity}}",
            RejectReason.NON_FINITE,
            "measurements.t_c is not finite: -Infinity"),
        reject(
            COUNT,
            "{\"total\":NaN,\"good\":1}",
            RejectReason.NON_FINITE,
            "total is not finite: NaN"),
        reject(
            COUNT,
            "{\"total\":1,\"good\":1e999}",
            RejectReason.NON_FINITE,
            "good is not finite: Infinity"),
        reject(
            COUNT,
            "{\"ts\":-Infinity,\"total\":1,\"good\":1}",
            RejectReason.NON_FINITE,
            "ts is not finite: -Infinity"),
        // out_of_range
        reject(
            COUNT,
            "{\"total\":-1,\"good\":0}",
            RejectReason.OUT_OF_RANGE,
            "total must be in [0, 9223372036854775807], got -1"),
        reject(
            COUNT,
            "{\"total\":99999999999999999999,\"good\":0}",
            RejectReason.OUT_OF_RANGE,
            "total must be in [0, 9223372036854775807], got 99999999999999999999"),
        reject(
            COUNT,
            "{\"total\":10,\"good\":11}",
            RejectReason.OUT_OF_RANGE,
            "good must be in [0, 10], got 11"),
        reject(
            COUNT,
            "{\"total\":10,\"good\":8,\"scrap\":1}",
            RejectReason.OUT_OF_RANGE,
            "good + scrap must equal total: 8 + 1 != 10"),
        reject(
            COUNT,
            "{\"ts\":-1,\"total\":1,\"good\":1}",
            RejectReason.OUT_OF_RANGE,
            "ts in epoch milliseconds must be in [0, 253402300799999], got -1"),
        reject(
            COUNT,
            "{\"seq\":-5,\"total\":1,\"good\":1}",
            RejectReason.OUT_OF_RANGE,
            "seq must be in [0, 9223372036854775807], got -5"),
        reject(
            STATE,
            "{\"state\":\"DOWN\",\"reason\":\"" + "R".repeat(65) + "\"}",
            RejectReason.OUT_OF_RANGE,
            "reason is longer than 64 characters: 65"),
        reject(
            STATE,
            "{\"state\":\"DOWN\",\"reason\":\"JAM\\n12\"}",
            RejectReason.OUT_OF_RANGE,
            "reason has a control character: 'JAM?12'"),
        reject(
            AUDIT,
            "{\"max\":5,\"scores\":{\"sort\":6,\"setInOrder\":1,\"shine\":1,"
                + "\"standardize\":1,\"sustain\":1}}",
            RejectReason.OUT_OF_RANGE,
            "scores.sort must be in [0.0, 5.0], got 6.0"),
        reject(AUDIT, "{\"max\":0,\"scores\":{}}", RejectReason.OUT_OF_RANGE, "max must be in"),
        reject(
            PART,
            "{\"partNumber\":\"X\",\"origin\":\"PK\",\"qty\":0}",
            RejectReason.OUT_OF_RANGE,
            "qty must be in"),
        reject(
            CYCLE,
            "{\"cycleMs\":86400001,\"result\":\"OK\"}",
            RejectReason.OUT_OF_RANGE,
            "cycleMs must be in [0, 86400000], got 86400001"),
        reject(
            ORDER,
            "{\"event\":\"START\",\"order\":\"WO-1\",\"product\":\"P\"," + "\"idealCycleMs\":0}",
            RejectReason.OUT_OF_RANGE,
            "idealCycleMs must be in [1, "),
        reject(
            BATTERY,
            "{\"serial\":\"S\",\"product\":\"P\",\"measurements\":{}}",
            RejectReason.OUT_OF_RANGE,
            "measurements must have 1 to 64 values, got 0"),
        reject(
            BATTERY,
            "{\"serial\":\"S\",\"product\":\"P\",\"measurements\":{\"ocv v\":1}}",
            RejectReason.OUT_OF_RANGE,
            "measurement name must be 1 to 64 characters"),
        reject(
            PART,
            "{\"partNumber\":\"X\",\"origin\":\"PAK\",\"qty\":1}",
            RejectReason.OUT_OF_RANGE,
            "origin is longer than 2 characters: 3"),
        // unknown_value
        reject(
            STATE,
            "{\"state\":\"SLEEPING\"}",
            RejectReason.UNKNOWN_VALUE,
            "state 'SLEEPING' is not one of RUNNING, IDLE, DOWN, CHANGEOVER, PLANNED_STOP, OFFLINE"),
        reject(STATE, "{\"state\":\"down\"}", RejectReason.UNKNOWN_VALUE, "state 'down'"),
        reject(
            CYCLE,
            "{\"cycleMs\":1000,\"result\":\"MAYBE\"}",
            RejectReason.UNKNOWN_VALUE,
            "result 'MAYBE' is not one of OK, NOK"),
        reject(
            KAIZEN,
            "{\"id\":\"K\",\"status\":\"DONE\",\"category\":\"COST\"}",
            RejectReason.UNKNOWN_VALUE,
            "status 'DONE'"),
        reject(
            KAIZEN,
            "{\"id\":\"K\",\"status\":\"APPROVED\",\"category\":\"COST\","
                + "\"targetKpi\":\"OEE\"}",
            RejectReason.UNKNOWN_VALUE,
            "targetKpi 'OEE' is not one of oee, availability, performance, quality, cycle_time,"
                + " downtime, scrap"),
        reject(
            PART,
            "{\"partNumber\":\"X\",\"origin\":\"XX\",\"qty\":1}",
            RejectReason.UNKNOWN_VALUE,
            "origin 'XX' is not an ISO 3166-1 alpha-2 country code"),
        reject(
            PART,
            "{\"partNumber\":\"X\",\"origin\":\"pk\",\"qty\":1}",
            RejectReason.UNKNOWN_VALUE,
            "origin 'pk'"),
        // unknown_state_code
        reject(
            STATE,
            "{\"code\":4711}",
            RejectReason.UNKNOWN_STATE_CODE,
            "code 4711 is not in the station's state table"),
        reject(STATE, "{\"code\":0}", RejectReason.UNKNOWN_STATE_CODE, "code 0"),
        // bad_timestamp
        reject(
            COUNT,
            "{\"ts\":\"2026-11-26T06:00:00\",\"total\":1,\"good\":1}",
            RejectReason.BAD_TIMESTAMP,
            "ts '2026-11-26T06:00:00' is not RFC 3339 with offset"),
        reject(
            COUNT,
            "{\"ts\":\"2026-11-26T06:00+05:00\",\"total\":1,\"good\":1}",
            RejectReason.BAD_TIMESTAMP,
            "ts '2026-11-26T06:00+05:00'"),
        reject(
            COUNT,
            "{\"ts\":\"2026-02-30T06:00:00Z\",\"total\":1,\"good\":1}",
            RejectReason.BAD_TIMESTAMP,
            "ts '2026-02-30T06:00:00Z'"),
        reject(
            COUNT,
            "{\"ts\":\"2026-11-26T24:00:00Z\",\"total\":1,\"good\":1}",
            RejectReason.BAD_TIMESTAMP,
            "ts '2026-11-26T24:00:00Z'"),
        reject(
            COUNT,
            "{\"ts\":\"1764108000000\",\"total\":1,\"good\":1}",
            RejectReason.BAD_TIMESTAMP,
            "ts '1764108000000'"),
        reject(
            COUNT,
            "{\"ts\":\"yesterday\",\"total\":1,\"good\":1}",
            RejectReason.BAD_TIMESTAMP,
            "ts 'yesterday'"));
  }

  private static Arguments reject(
      String topic, String payload, RejectReason reason, String detail) {
    return Arguments.of(topic, payload, reason, detail);
  }

  @ParameterizedTest(name = "{2}: {3}")
  @MethodSource("rejects")
  void decode_brokenInput_rejectsWithReasonAndDetail(
      String topic, String payload, RejectReason reason, String detail) {
    List<Decoded> decoded =
        decoder.decode(topic, payload.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);

    assertThat(decoded).hasSize(1);
    assertThat(decoded.get(0)).isInstanceOf(Reject.class);
    Reject reject = (Reject) decoded.get(0);
    assertThat(reject.reason()).isEqualTo(reason);
    assertThat(reject.detail()).contains(detail);
    assertThat(reject.element()).isEqualTo(Reject.WHOLE_MESSAGE);
    SEEN.add(reason);
  }

  @AfterAll
  static void everyReasonOfTheDecoderHasACase() {
    // too_many_stations is the engine's (StationBoundScenarioTest), not the decoder's.
    assertThat(SEEN)
        .containsExactlyInAnyOrderElementsOf(
            java.util.EnumSet.complementOf(java.util.EnumSet.of(RejectReason.TOO_MANY_STATIONS)));
  }
}
