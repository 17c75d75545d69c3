package io.gemba.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.EngineConfig;
import io.gemba.agent.config.SpoolConfig;
import io.gemba.agent.lines.LineRouter;
import io.gemba.agent.testkit.ManualClock;
import io.gemba.agent.testkit.MosquittoServer;
import io.gemba.agent.testkit.VictoriaMetricsServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway that makes up station ids, through a real Mosquitto: the agent takes its bound of
 * stations the configuration does not name, rejects the messages of the others as {@code
 * too_many_stations} (counted, and said in {@code /health/ready}), and goes on with its stations.
 */
class StationBoundIT {

  private static final int BOUND = 100; // 50 for each of the two engine instances
  private static final int JUNK = 3_000;
  private static final int JUNK_LINES = 40;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T06:00:00Z"));
  private MosquittoServer mosquitto;
  private VictoriaMetricsServer victoria;
  private Agent agent;

  @BeforeEach
  void start() throws Exception {
    mosquitto = MosquittoServer.builder().build().start();
    victoria = new VictoriaMetricsServer().start();
    AgentConfig config =
        ItConfigs.agent(
            mosquitto.uri(),
            "gemba-bound-it",
            victoria.url(),
            SpoolConfig.disabled(),
            new EngineConfig(
                2,
                Duration.ofMillis(200),
                EngineConfig.DEFAULT_BATCH_WAIT,
                EngineConfig.DEFAULT_SNAPSHOT_INTERVAL,
                BOUND));
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
  void madeUpStations_theAgentHoldsItsBound_rejectsTheRest_andGoesOn() throws Exception {
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-junk")) {
      for (int i = 0; i < JUNK; i++) {
        gateway.publish(
            "gemba/v1/tlx/battery/junk-" + (i % JUNK_LINES) + "/st-" + i + "/state",
            "{\"ts\":\"2026-11-26T06:00:00Z\",\"state\":\"RUNNING\"}");
      }
      // A configured station still comes in.
      gateway.publish(
          "gemba/v1/tlx/battery/pack-1/st10/state",
          "{\"ts\":\"2026-11-26T06:00:01Z\",\"state\":\"RUNNING\"}");
    }

    // Each instance takes 50 of the made-up stations of its lines (3,000 over 40 lines: each
    // instance has hundreds of them), the rest are rejected.
    int held = heldByTheInstances();
    await().atMost(Duration.ofSeconds(60)).until(() -> applied() + tooManyStations() == JUNK + 1);
    assertThat(applied()).isEqualTo(held + 1.0);
    assertThat(tooManyStations()).isEqualTo((double) (JUNK - held));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                AgentHttp.get(agent, "/api/v1/stations?configured=false")
                    .headers()
                    .firstValue("X-Total-Count")
                    .equals(java.util.Optional.of(Integer.toString(held))));
    // Each instance publishes its own snapshot: the one holding st10 may show it a tick later.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(AgentHttp.get(agent, "/api/v1/stations?configured=true").body())
                    .contains("\"station\":\"st10\""));

    HttpResponse<String> ready = AgentHttp.get(agent, "/health/ready");
    assertThat(ready.statusCode()).as("still ready").isEqualTo(200);
    assertThat(ready.body())
        .contains(
            "\"stations\":\"DEGRADED\"", "at its bound of 50 stations not in the configuration");
    assertThat(AgentHttp.get(agent, "/metrics").body())
        .contains(
            "gemba_events_rejected_total{reason=\"too_many_stations\"} " + (double) (JUNK - held));
  }

  /** The made-up stations the two instances take: each its bound, or all of its lines' if fewer. */
  private static int heldByTheInstances() {
    LineRouter router = new LineRouter(io.gemba.agent.testkit.TestPlant.model(), 2);
    int[] perInstance = new int[2];
    for (int i = 0; i < JUNK; i++) {
      perInstance[router.instanceOf("tlx", "battery", "junk-" + (i % JUNK_LINES))]++;
    }
    return Math.min(BOUND / 2, perInstance[0]) + Math.min(BOUND / 2, perInstance[1]);
  }

  private double applied() {
    return agent.registry().get("gemba.engine.events").tag("outcome", "applied").counter().count();
  }

  private double tooManyStations() {
    return agent
        .registry()
        .get("gemba.events.rejected")
        .tag("reason", "too_many_stations")
        .counter()
        .count();
  }
}
