package io.gemba.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.SpoolConfig;
import io.gemba.agent.testkit.ManualClock;
import io.gemba.agent.testkit.MosquittoServer;
import io.gemba.agent.testkit.TestPlant;
import io.gemba.agent.testkit.VictoriaMetricsServer;
import io.gemba.agent.testkit.VictoriaMetricsServer.Series;
import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.SpecLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Battery tests, 5S audits, kaizen cards and parts published to a real Mosquitto, read back from a
 * real VictoriaMetrics and from the API. Line {@code pack-1} of site {@code tlx} (country MX, UTC),
 * shift A 06:00–14:00 every day without breaks (480 planned minutes); station {@code eol} is the
 * line's output and test bench. Limits of {@code ocv_v}: 200–204 V. Stations send only on change
 * (silence timeout a day); kaizen effects are measured over one day before and after.
 */
class QualityAndLeanIT {

  private static final Offset<Double> CLOSE = within(1e-9);
  private static final String EOL = "gemba/v1/tlx/battery/pack-1/eol/";
  private static final String LINE = "gemba/v1/tlx/battery/pack-1/_/";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
  private MosquittoServer mosquitto;
  private VictoriaMetricsServer victoria;
  private Agent agent;
  private long seq;

  @BeforeEach
  void start() throws Exception {
    mosquitto = MosquittoServer.builder().build().start();
    victoria = new VictoriaMetricsServer().start();
    KpiPolicy policy =
        new KpiPolicy(
            MicroStopPolicy.TPM,
            Duration.ofMinutes(2),
            0.85,
            0.60,
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            Duration.ofDays(1));
    QualityPolicy quality =
        new QualityPolicy(125, 25, List.of(new SpecLimits("HEV", "ocv_v", 200.0, 204.0, 202.0)));
    AgentConfig base =
        ItConfigs.agent(mosquitto.uri(), "gemba-lean-it", victoria.url(), SpoolConfig.disabled());
    AgentConfig config =
        new AgentConfig(
            TestPlant.model(policy, quality, new LeanPolicy(Duration.ofDays(7), 1)),
            base.decoder(),
            base.mqtt(),
            base.influx(),
            base.http(),
            base.engine(),
            base.spool());
    agent = AgentHttp.startReady(config, clock);
  }

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    victoria.close();
    mosquitto.close();
  }

  @Test
  void batteryFiveSKaizenAndLocalContent_writtenAndServed() throws Exception {
    int messages = 0;
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-lean")) {
      gateway.publish(
          EOL + "order",
          json("11-16T06:00:00", "\"event\":\"START\",\"order\":\"WO-1\",\"product\":\"HEV\""));
      gateway.publish(EOL + "state", json("11-16T06:00:00", "\"state\":\"RUNNING\""));
      // Four tests: S1 passes, S2 fails (205 V), S2 retested passes, S3 passes. First tests S1, S2,
      // S3; first passed S1, S3: first-pass yield 2 / 3. The rolling mean at the last: 811 / 4.
      gateway.publish(EOL + "battery", test("11-16T06:10:00", "S1", false, 202));
      gateway.publish(EOL + "battery", test("11-16T06:20:00", "S2", false, 205));
      gateway.publish(EOL + "battery", test("11-16T06:30:00", "S2", true, 203));
      gateway.publish(EOL + "battery", test("11-16T06:40:00", "S3", false, 201));
      // Parts: 6 × 10 from MX (local), 4 × 40 from JP: 60 % by quantity, 60 / 220 by value.
      gateway.publish(EOL + "part", part("11-16T07:00:00", "MX", 6, 10));
      gateway.publish(EOL + "part", part("11-16T07:05:00", "JP", 4, 40));
      // And 5 × 20 of unknown origin (no origin): counted apart, the shares stay as they are.
      gateway.publish(
          EOL + "part",
          json("11-16T07:10:00", "\"partNumber\":\"CAB-7\",\"qty\":5,\"unitCost\":20"));
      // 5S of the line: 4, 3, 4, 3, 2 of 5 = 64 %, three red tags opened; due again 11-23 09:00.
      gateway.publish(
          LINE + "audit5s",
          json(
              "11-16T09:00:00",
              "\"max\":5,\"scores\":{\"sort\":4,\"setInOrder\":3,\"shine\":4,\"standardize\":3,"
                  + "\"sustain\":2},\"redTags\":{\"opened\":3,\"closed\":0}"));
      // K1 of the line: submitted Monday 10:00, implemented Thursday 10:00: 3 days.
      gateway.publish(LINE + "kaizen", card("11-16T10:00:00", "K1", "SUBMITTED", "QUALITY", null));
      gateway.publish(
          LINE + "kaizen", card("11-19T10:00:00", "K1", "IMPLEMENTED", "QUALITY", null));
      // K7 on eol's downtime, implemented Wednesday 05:00. Tuesday: 60 min DOWN of 480; Wednesday
      // 30: 0.125 to 0.0625, −50 %.
      gateway.publish(
          EOL + "kaizen", card("11-16T10:05:00", "K7", "SUBMITTED", "PRODUCTIVITY", "downtime"));
      gateway.publish(EOL + "heartbeat", json("11-16T14:10:00", ""));
      gateway.publish(
          EOL + "state", json("11-17T07:00:00", "\"state\":\"DOWN\",\"reason\":\"jam\""));
      gateway.publish(EOL + "state", json("11-17T08:00:00", "\"state\":\"RUNNING\""));
      gateway.publish(EOL + "heartbeat", json("11-17T14:10:00", ""));
      gateway.publish(
          EOL + "kaizen", card("11-18T05:00:00", "K7", "IMPLEMENTED", "PRODUCTIVITY", null));
      gateway.publish(
          EOL + "state", json("11-18T07:00:00", "\"state\":\"DOWN\",\"reason\":\"jam\""));
      gateway.publish(EOL + "state", json("11-18T07:30:00", "\"state\":\"RUNNING\""));
      for (String day : new String[] {"11-18", "11-19", "11-20", "11-21", "11-22"}) {
        gateway.publish(EOL + "heartbeat", json(day + "T14:10:00", ""));
      }
      gateway.publish(EOL + "heartbeat", json("11-23T09:00:00", ""));
      messages = (int) seq;
    }
    int expected = messages;
    await().atMost(Duration.ofSeconds(30)).until(() -> applied() == expected);

    victoria.awaitFlushed(
        Duration.ofSeconds(30),
        () ->
            assertThat(values("audit_5s_overdue{line=\"pack-1\"}"))
                .containsEntry(at("11-23T09:00:00"), 1.0));

    // Battery
    assertThat(values("battery_quality_fpy{station=\"eol\",measurement=\"_pack\"}"))
        .containsOnlyKeys(at("11-16T06:00:00"));
    assertThat(values("battery_quality_fpy{station=\"eol\"}").get(at("11-16T06:00:00")))
        .isCloseTo(2.0 / 3, CLOSE);
    assertThat(values("battery_quality_first_tests{station=\"eol\"}"))
        .containsEntry(at("11-16T06:00:00"), 3.0);
    assertThat(values("battery_test_first_pass{station=\"eol\"}"))
        .containsEntry(at("11-16T06:30:00"), 0.0)
        .containsEntry(at("11-16T06:40:00"), 1.0);
    assertThat(values("battery_test_ocv_v{station=\"eol\",result=\"FAIL\"}"))
        .isEqualTo(Map.of(at("11-16T06:20:00"), 205.0));
    assertThat(
            values("battery_quality_mean{measurement=\"ocv_v\",window=\"rolling\"}")
                .get(at("11-16T06:40:00")))
        .isCloseTo(811.0 / 4, CLOSE);
    // Each test a unit for OEE: four made, three good, in the shift of 11-16.
    assertThat(values("oee_total{station=\"eol\",window=\"shift\",shift=\"2026-11-16/A\"}"))
        .containsValue(4.0);
    assertThat(values("oee_good{station=\"eol\",window=\"shift\",shift=\"2026-11-16/A\"}"))
        .containsValue(3.0);

    // 5S
    assertThat(values("audit_5s_total_pct{line=\"pack-1\",station=\"_line\"}"))
        .containsEntry(at("11-16T09:00:00"), 64.0);
    assertThat(values("audit_5s_red_tags_open{line=\"pack-1\"}"))
        .containsEntry(at("11-16T09:00:00"), 3.0);

    // Local content
    double qtyPct =
        values("local_content_qty_pct{line=\"pack-1\",product=\"HEV\"}").get(at("11-01T00:00:00"));
    double valuePct =
        values("local_content_value_pct{line=\"pack-1\",product=\"HEV\"}")
            .get(at("11-01T00:00:00"));
    assertThat(qtyPct).isCloseTo(60, CLOSE);
    assertThat(valuePct).isCloseTo(6000.0 / 220, within(1e-6));
    assertThat(values("local_content_qty_unknown_origin{line=\"pack-1\",product=\"HEV\"}"))
        .containsEntry(at("11-01T00:00:00"), 5.0);
    assertThat(values("local_content_value_unknown_origin{line=\"pack-1\",product=\"HEV\"}"))
        .containsEntry(at("11-01T00:00:00"), 100.0);
    assertThat(values("local_content_target_pct{line=\"pack-1\",product=\"_all\"}"))
        .containsEntry(at("11-01T00:00:00"), 60.0);

    // Kaizen
    String implemented =
        "{line=\"pack-1\",period=\"week\",status=\"IMPLEMENTED\",category=\"QUALITY\"}";
    assertThat(values("kaizen_count" + implemented)).containsEntry(at("11-16T00:00:00"), 1.0);
    assertThat(values("kaizen_lead_time_days" + implemented))
        .containsEntry(at("11-16T00:00:00"), 3.0);
    Map<Long, Double> change = values("kaizen_effect_change_pct{kaizen=\"K7\",station=\"eol\"}");
    assertThat(change).containsOnlyKeys(at("11-18T05:00:00"));
    assertThat(change.get(at("11-18T05:00:00"))).isCloseTo(-50, CLOSE);
    assertThat(values("kaizen_effect_before{kaizen=\"K7\"}").get(at("11-18T05:00:00")))
        .isCloseTo(0.125, CLOSE);

    // The API
    ObjectMapper mapper = new ObjectMapper();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> AgentHttp.get(agent, "/api/v1/lean").body().contains("\"overdue\":true"));
    JsonNode quality = mapper.readTree(AgentHttp.get(agent, "/api/v1/quality?line=pack-1").body());
    assertThat(quality).hasSize(1);
    JsonNode shift = quality.get(0).get("products").get(0).get("shift");
    assertThat(shift.get("firstTests").asLong()).isEqualTo(3);
    assertThat(shift.get("fpy").asDouble()).isCloseTo(2.0 / 3, CLOSE);
    JsonNode lean = mapper.readTree(AgentHttp.get(agent, "/api/v1/lean?line=pack-1").body());
    JsonNode audit = lean.get("audits5s").get(0);
    assertThat(audit.get("overdue").asBoolean()).isTrue();
    assertThat(audit.get("totalPct").asDouble()).isCloseTo(64, CLOSE);
    // The line's cards K1 (3 days) and K7 (11-16 10:05 to 11-18 05:00: 2,575 minutes).
    JsonNode kaizen = lean.get("kaizen").get(0);
    assertThat(kaizen.get("implemented").asLong()).isEqualTo(2);
    assertThat(kaizen.get("leadTimeDays").asDouble()).isCloseTo((3 + 2575 / 1440.0) / 2, CLOSE);
    JsonNode effect = lean.get("kaizenEffects").get(0);
    assertThat(effect.get("kaizen").asText()).isEqualTo("K7");
    assertThat(effect.get("improved").asBoolean()).isTrue();
    assertThat(AgentHttp.get(agent, "/api/v1/lean?shift=A").statusCode()).isEqualTo(400);
  }

  private String json(String at, String fields) {
    return "{\"ts\":\"2026-"
        + at
        + "Z\",\"seq\":"
        + seq++
        + (fields.isEmpty() ? "" : "," + fields)
        + "}";
  }

  private String test(String at, String serial, boolean retest, double ocv) {
    return json(
        at,
        "\"serial\":\""
            + serial
            + "\",\"product\":\"HEV\",\"retest\":"
            + retest
            + ",\"measurements\":{\"ocv_v\":"
            + ocv
            + "}");
  }

  private String part(String at, String origin, double qty, double cost) {
    return json(
        at,
        "\"partNumber\":\"INV-220-A\",\"origin\":\""
            + origin
            + "\",\"qty\":"
            + qty
            + ",\"unitCost\":"
            + cost);
  }

  private String card(String at, String id, String status, String category, String target) {
    return json(
        at,
        "\"id\":\""
            + id
            + "\",\"status\":\""
            + status
            + "\",\"category\":\""
            + category
            + "\""
            + (target == null ? "" : ",\"targetKpi\":\"" + target + "\""));
  }

  private static long at(String at) {
    return Instant.parse("2026-" + at + "Z").toEpochMilli();
  }

  private Map<Long, Double> values(String selector) {
    Map<Long, Double> byTime = new TreeMap<>();
    for (Series series : victoria.export(selector)) {
      for (int i = 0; i < series.values().size(); i++) {
        byTime.put(series.timestampsMs().get(i), series.values().get(i));
      }
    }
    return byTime;
  }

  private double applied() {
    return agent.registry().get("gemba.engine.events").tag("outcome", "applied").counter().count();
  }
}
