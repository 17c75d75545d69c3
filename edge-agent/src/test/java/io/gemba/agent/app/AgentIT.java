package io.gemba.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.SpoolConfig;
import io.gemba.agent.testkit.ManualClock;
import io.gemba.agent.testkit.MosquittoServer;
import io.gemba.agent.testkit.VictoriaMetricsServer;
import io.gemba.agent.testkit.VictoriaMetricsServer.Series;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The assembled agent against a real Mosquitto and a real VictoriaMetrics (speaking the InfluxDB
 * write API), both started by the test on free loopback ports. The agent's wall clock is the test's
 * and stays put, so that no station goes silent while the test runs: event time moves with the
 * stations' messages only.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AgentIT {

  private static final String PACK_1 = "gemba/v1/tlx/battery/pack-1/";
  private static final String PACK_2 = "gemba/v1/tlx/battery/pack-2/";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T06:00:00Z"));
  private MosquittoServer mosquitto;
  private VictoriaMetricsServer victoria;
  private Agent agent;

  @BeforeEach
  void startServersAndAgent() throws Exception {
    mosquitto = MosquittoServer.builder().build().start();
    victoria = new VictoriaMetricsServer().start();
    agent = startAgent();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (agent != null) {
      agent.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (victoria != null) {
      victoria.close();
    }
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  private Agent startAgent() throws Exception {
    AgentConfig config =
        ItConfigs.agent(mosquitto.uri(), "gemba-agent-it", victoria.url(), SpoolConfig.disabled());
    return AgentHttp.startReady(config, clock);
  }

  @Test
  void contractMessages_comeOutAsThePointsOfTheSchema_andRejectsAreCountedByReason()
      throws Exception {
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-1")) {
      gateway.publish(
          PACK_1 + "_/order",
          msg("06:00:00", 1, "\"event\":\"START\",\"order\":\"WO-1\",\"product\":\"HEV-PACK\""));
      gateway.publish(PACK_1 + "st10/state", msg("06:00:00", 1, "\"state\":\"RUNNING\""));
      gateway.publish(PACK_1 + "st10/count", msg("06:00:00", 2, "\"total\":100,\"scrap\":0"));
      gateway.publish(PACK_1 + "st10/count", msg("06:01:00", 3, "\"total\":101,\"scrap\":0"));
      gateway.publish(PACK_1 + "st10/state", "{\"ts\":");
      gateway.publish(PACK_1 + "st10/count", msg("06:01:30", 4, "\"total\":102,\"scrap\":0"));
      gateway.publish(PACK_1 + "st10/bogus", msg("06:01:40", 9, "\"x\":1"));
      gateway.publish(
          PACK_1 + "st10/state", msg("06:02:00", 5, "\"state\":\"DOWN\",\"reason\":\"JAM-12\""));
      // The gateway says the station is there while it is down: no message in 2 min is silence.
      heartbeat(gateway, "st10", 3, 4);
      gateway.publish(PACK_1 + "st10/state", msg("06:05:00", 6, "\"state\":\"RUNNING\""));
      gateway.publish(PACK_1 + "st10/count", msg("06:06:00", 7, "\"total\":104,\"scrap\":1"));
      gateway.publish(PACK_1 + "eol/state", msg("06:00:00", 1, "\"state\":\"RUNNING\""));
      gateway.publish(
          PACK_1 + "eol/cycle", msg("06:00:40", 2, "\"result\":\"OK\",\"cycleMs\":31000"));
      gateway.publish(
          PACK_1 + "eol/cycle", msg("06:01:20", 3, "\"result\":\"NOK\",\"cycleMs\":29500"));
      heartbeat(gateway, "eol", 2, 6);
      gateway.publish(PACK_1 + "eol/heartbeat", msg("06:07:00", 4, "\"gateway\":\"plc-gw-07\""));
      // Both stations go on saying they are there, every minute to 06:14: their event time moves
      // on (a station's time is its own; the wall clock stays at 06:00, so neither is silent).
      heartbeat(gateway, "st10", 7, 14);
      heartbeat(gateway, "eol", 8, 14);
    }
    // Applied: the line's order 1; st10's states 3, counts 4 and heartbeats 2 + 8; eol's state 1,
    // cycles 2 and heartbeats 5 + 1 + 7: 34. Rejected: the cut JSON and the unknown channel: 2.
    await().atMost(Duration.ofSeconds(30)).until(() -> applied() == 34 && rejected() == 2);
    // With the default lateness of 5 min, event time 06:14 puts the watermark at 06:09, so the
    // minutes up to 06:08 settle with their ratios, and the shift so far is written at 06:09:00.
    victoria.awaitFlushed(
        Duration.ofSeconds(30),
        () -> assertThat(latest("oee_availability", "st10", "shift")).containsKey(at("06:09:00")));

    // machine_state: the duration of the state that ended, 0 for the first
    assertThat(samples("machine_state_duration_s{station=\"st10\"}"))
        .isEqualTo(
            Map.of(
                at("06:00:00"), "RUNNING/0.0",
                at("06:02:00"), "DOWN/JAM-12/120.0",
                at("06:05:00"), "RUNNING/180.0"));
    // downtime: one point per ended stop, at its start
    assertThat(values("downtime_duration_s{station=\"st10\",state=\"DOWN\",reason=\"JAM-12\"}"))
        .isEqualTo(Map.of(at("06:02:00"), 180.0));
    // production per minute from the counters: 06:01 has 101-100 and 102-101; 06:06 has 104-102
    // with one scrapped
    assertThat(values("production_total{station=\"st10\",product=\"HEV-PACK\"}"))
        .isEqualTo(Map.of(at("06:01:00"), 2.0, at("06:06:00"), 2.0));
    assertThat(values("production_scrap{station=\"st10\",product=\"HEV-PACK\"}"))
        .isEqualTo(Map.of(at("06:01:00"), 0.0, at("06:06:00"), 1.0));
    // cycles of the output station, and the line's production through it (station _line)
    assertThat(values("cycle_cycle_ms{station=\"eol\"}"))
        .isEqualTo(Map.of(at("06:00:40"), 31000.0, at("06:01:20"), 29500.0));
    assertThat(values("production_good{station=\"_line\",line=\"pack-1\"}"))
        .isEqualTo(Map.of(at("06:00:00"), 1.0, at("06:01:00"), 0.0));
    // oee by minute, ideal cycle time 30 s: 06:01 ran all minute and made 2 units (60 s of ideal
    // time in 60 s); 06:03 was down all minute (a stop of 3 min, longer than the 2 min threshold)
    assertThat(values("oee_availability{station=\"st10\",window=\"1m\"}"))
        .containsEntry(at("06:01:00"), 1.0)
        .containsEntry(at("06:03:00"), 0.0);
    assertThat(values("oee_performance{station=\"st10\",window=\"1m\"}"))
        .containsEntry(at("06:01:00"), 1.0);
    assertThat(values("oee_quality{station=\"st10\",window=\"1m\"}"))
        .containsEntry(at("06:06:00"), 0.5);
    // the shift so far at 06:09: planned 540 s, stopped 180 s, run 360 s; 4 units (3 good) of 30 s
    // (VictoriaMetrics keeps 12 significant digits)
    assertShiftSoFar("oee_availability", 360.0 / 540);
    assertShiftSoFar("oee_performance", 120.0 / 360);
    assertShiftSoFar("oee_quality", 0.75);
    assertShiftSoFar("oee_oee", 90.0 / 540);
    // the order's KPIs are written too
    assertThat(
            victoria.seriesCount("oee_planned_s{station=\"st10\",window=\"order\",order=\"WO-1\"}"))
        .isEqualTo(1);

    String metrics = get("/metrics");
    assertThat(metrics)
        .contains("gemba_events_rejected_total{reason=\"bad_json\"} 1.0")
        .contains("gemba_events_rejected_total{reason=\"unknown_channel\"} 1.0")
        .contains("gemba_mqtt_connected 1.0");
    // the API shows it once the next snapshot is taken (every second)
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(get("/api/v1/lines"))
                    .contains("\"line\":\"pack-1\"")
                    .contains("\"availability\":1.0"));
  }

  @Test
  void brokerRestartMidStream_losesNothing() throws Exception {
    int messages = 1_000;
    Instant start = Instant.parse("2026-11-26T07:00:00Z");
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-2")) {
      for (int i = 0; i < messages; i++) {
        if (i == messages / 2) {
          mosquitto.restart();
        }
        String station = i % 2 == 0 ? "st10" : "eol";
        String state = (i / 2) % 2 == 0 ? "RUNNING" : "IDLE";
        String json =
            "{\"ts\":\""
                + start.plusSeconds(i)
                + "\",\"seq\":"
                + i
                + ",\"state\":\""
                + state
                + "\"}";
        publishRetrying(gateway, PACK_2 + station + "/state", json);
      }
    }
    // Every state message is a change of its station's state, so each makes one machine_state
    // point: 1,000 samples, none lost in the restart and none doubled by redelivery.
    victoria.awaitFlushed(
        Duration.ofSeconds(60),
        () ->
            assertThat(sampleCount("machine_state_duration_s{line=\"pack-2\"}"))
                .isEqualTo(messages));
    assertThat(AgentHttp.ready(agent)).isTrue();
  }

  private static void publishRetrying(TestPublisher gateway, String topic, String json)
      throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(
            () -> {
              gateway.publish(topic, json);
              return true;
            });
  }

  /** Heartbeats of {@code station} at every minute from 06:{@code from} to 06:{@code to}. */
  private static void heartbeat(TestPublisher gateway, String station, int from, int to)
      throws Exception {
    for (int minute = from; minute <= to; minute++) {
      gateway.publish(
          PACK_1 + station + "/heartbeat",
          msg(String.format("06:%02d:00", minute), 100 + minute, "\"gateway\":\"plc-gw-07\""));
    }
  }

  private static String msg(String time, long seq, String fields) {
    return "{\"ts\":\"2026-11-26T" + time + "Z\",\"seq\":" + seq + "," + fields + "}";
  }

  private static long at(String time) {
    return Instant.parse("2026-11-26T" + time + "Z").toEpochMilli();
  }

  /** Timestamp to value of every sample of the series matching {@code selector}. */
  private Map<Long, Double> values(String selector) {
    Map<Long, Double> byTime = new TreeMap<>();
    for (Series series : victoria.export(selector)) {
      for (int i = 0; i < series.values().size(); i++) {
        byTime.put(series.timestampsMs().get(i), series.values().get(i));
      }
    }
    return byTime;
  }

  /** Timestamp to "state[/reason]/value" of machine_state samples. */
  private Map<Long, String> samples(String selector) {
    Map<Long, String> byTime = new TreeMap<>();
    for (Series series : victoria.export(selector)) {
      String reason = series.labels().get("reason");
      String label = series.labels().get("state") + (reason == null ? "" : "/" + reason);
      for (int i = 0; i < series.values().size(); i++) {
        byTime.put(series.timestampsMs().get(i), label + "/" + series.values().get(i));
      }
    }
    return byTime;
  }

  /** The latest sample of {@code metric} for a station's window, as a one-entry map. */
  private Map<Long, Double> latest(String metric, String station, String window) {
    Map<Long, Double> all =
        values(metric + "{station=\"" + station + "\",window=\"" + window + "\"}");
    if (all.isEmpty()) {
      return Map.of();
    }
    Map.Entry<Long, Double> last = ((TreeMap<Long, Double>) all).lastEntry();
    return Map.of(last.getKey(), last.getValue());
  }

  private void assertShiftSoFar(String metric, double expected) {
    Map<Long, Double> last = latest(metric, "st10", "shift");
    assertThat(last).as(metric).containsOnlyKeys(at("06:09:00"));
    assertThat(last.get(at("06:09:00"))).as(metric).isCloseTo(expected, within(1e-9));
  }

  private int sampleCount(String selector) {
    return victoria.export(selector).stream().mapToInt(s -> s.values().size()).sum();
  }

  private double applied() {
    return agent.registry().get("gemba.engine.events").tag("outcome", "applied").counter().count();
  }

  private double rejected() {
    return agent.registry().get("gemba.events.rejected").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = AgentHttp.get(agent, path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }
}
