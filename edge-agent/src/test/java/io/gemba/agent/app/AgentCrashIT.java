package io.gemba.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.ConfigLoader;
import io.gemba.agent.testkit.AgentJar;
import io.gemba.agent.testkit.FreePort;
import io.gemba.agent.testkit.MosquittoServer;
import io.gemba.agent.testkit.VictoriaMetricsServer;
import io.gemba.collector.engine.KpiEngine;
import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.DecodeCounters;
import io.gemba.collector.telemetry.Decoded;
import io.gemba.collector.telemetry.TelemetryDecoder;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as its own process, with a spool, killed with SIGKILL while messages stream in, then
 * started again on the same spool and the same MQTT session: nothing is lost, and the lines' shift
 * KPIs, OEE among them, are exactly those of one engine that took every message without stopping
 * (ADR 0006). Real Mosquitto, real VictoriaMetrics, the agent's real jar.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AgentCrashIT {

  private static final String[] STATIONS = {
    "pack-1/st10", "pack-1/eol", "pack-2/st10", "pack-2/eol", "pack-3/st10", "pack-3/eol"
  };
  private static final int MESSAGES = 3_000;
  private static final long SPACING_MS = 100;
  private static final long PACE_NANOS = 1_000_000;
  private static final Pattern REPLAYED = Pattern.compile("replayed (\\d+) runs");

  @TempDir Path dir;

  /** The first event's time: now, so that the wall clock's ticks never make an event late. */
  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private MosquittoServer mosquitto;
  private VictoriaMetricsServer victoria;
  private Process agent;
  private int httpPort;
  private Path config;

  @BeforeEach
  void startServers() throws Exception {
    mosquitto = MosquittoServer.builder().build().start();
    victoria = new VictoriaMetricsServer().start();
    httpPort = FreePort.find();
    config = dir.resolve("gemba.yml");
    Files.writeString(config, config(), StandardCharsets.UTF_8);
  }

  @AfterEach
  void stopAll() throws Exception {
    if (agent != null) {
      agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    victoria.close();
    mosquitto.close();
  }

  @Test
  void killedMidStream_andStartedAgain_losesNothing_andEndsWithTheOeeOfAnUninterruptedRun()
      throws Exception {
    agent = startAgent("agent-1.log");
    AtomicInteger published = new AtomicInteger();
    CompletableFuture<Void> publishing;
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-crash")) {
      publishing =
          CompletableFuture.runAsync(
              () -> {
                long begun = System.nanoTime();
                try {
                  for (int i = 0; i < MESSAGES; i++) {
                    // paced at 1,000 a second, so that the stream outlasts the first life
                    LockSupport.parkNanos(begun + i * PACE_NANOS - System.nanoTime());
                    gateway.publish(topic(i), payload(i));
                    published.incrementAndGet();
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      await().atMost(Duration.ofSeconds(60)).until(() -> applied() >= MESSAGES / 3);
      agent.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed
      assertThat(agent.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(agent.exitValue()).as("killed by SIGKILL: 128 + 9").isEqualTo(137);
      assertThat(published.get()).as("published when the agent died").isLessThan(MESSAGES);
      publishing.get(60, TimeUnit.SECONDS);
    }
    assertThat(publishing).isDone();

    agent = startAgent("agent-2.log");
    // The second life recovered from a checkpoint and applied again what came after it.
    assertThat(replayedRuns(dir.resolve("agent-2.log"))).isPositive();

    List<Point> reference = new ArrayList<>();
    List<LineSnapshot> uninterrupted = uninterrupted(reference::add);
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(eventTimes()).isEqualTo(lastEventTimes()));
    // Every line's shift sums and KPIs, as the API shows them, are the uninterrupted run's.
    JsonArray lines = new JsonArray(AgentJar.get(httpPort, "/api/v1/lines").body());
    assertThat(lines).hasSize(3);
    for (LineSnapshot expected : uninterrupted) {
      JsonObject line = line(lines, expected.line());
      assertThat(line.getString("shift")).isEqualTo(expected.shift());
      assertKpis(line.getJsonObject("kpis"), expected.shiftKpis(), expected.line());
    }
    // Every point the uninterrupted run made is in VictoriaMetrics, at its time, and no other.
    for (String series : List.of("machine_state_duration_s", "oee_planned_s")) {
      Set<String> expected = keys(reference, series);
      victoria.awaitFlushed(
          Duration.ofSeconds(60), () -> assertThat(stored(series)).isEqualTo(expected));
      assertThat(expected).isNotEmpty();
    }
  }

  private Process startAgent(String logName) throws Exception {
    Path log = dir.resolve(logName);
    Process process =
        AgentJar.start(
            AgentJar.JAR, "512m", config, log, Map.of("GEMBA_INFLUX_TOKEN", "crash-token"));
    AgentJar.awaitReady(process, httpPort, log);
    return process;
  }

  /**
   * Three lines of two stations in UTC, three 8-hour shifts every day, two engine instances, a
   * checkpoint every second: the kill comes after some and between two.
   */
  private String config() {
    return """
        plant:
          stationDefaults:
            idealCycleTime: 1s
          sites:
            - id: tlx
              country: MX
              zone: UTC
              shifts:
                - {name: A, start: "06:00", end: "14:00", days: [MON, TUE, WED, THU, FRI, SAT, SUN]}
                - {name: B, start: "14:00", end: "22:00", days: [MON, TUE, WED, THU, FRI, SAT, SUN]}
                - {name: C, start: "22:00", end: "06:00", days: [MON, TUE, WED, THU, FRI, SAT, SUN]}
              areas:
                - id: battery
                  lines:
                    - {id: pack-1, outputStation: eol, stations: [{id: st10}, {id: eol}]}
                    - {id: pack-2, outputStation: eol, stations: [{id: st10}, {id: eol}]}
                    - {id: pack-3, outputStation: eol, stations: [{id: st10}, {id: eol}]}
        mqtt:
          server: %s
          clientId: gemba-agent-crash-it
          receiveMaximum: 100
        influx:
          url: %s
          org: plant
          bucket: gemba
          flushInterval: 200ms
        http:
          host: 127.0.0.1
          port: %d
        engine:
          instances: 2
          tickInterval: 200ms
        spool:
          dir: %s
          checkpointInterval: 1s
        """
        .formatted(mosquitto.uri(), victoria.url(), httpPort, dir.resolve("spool"));
  }

  /** Message {@code i} at {@code start + i × 100 ms}: see {@link #payload}. */
  private static String topic(int i) {
    return "gemba/v1/tlx/battery/" + STATIONS[i % STATIONS.length] + "/" + channel(i);
  }

  private static String channel(int i) {
    return (i / STATIONS.length) % 10 == 0 ? "state" : "cycle";
  }

  /**
   * A station's every tenth message changes its state: running, then down for a jam every third
   * time, idle every fifth; each of the others is a part it made, every seventh scrap: a message
   * lost is a part less, so the counts and OEE show it.
   */
  private String payload(int i) {
    int own = i / STATIONS.length;
    String head = "{\"ts\":\"" + start.plusMillis(SPACING_MS * i) + "\",\"seq\":" + i;
    if (channel(i).equals("state")) {
      int change = own / 10;
      String state =
          change % 3 == 1
              ? "\"state\":\"DOWN\",\"reason\":\"JAM-12\""
              : change % 5 == 4 ? "\"state\":\"IDLE\"" : "\"state\":\"RUNNING\"";
      return head + "," + state + "}";
    }
    return head + ",\"cycleMs\":1000,\"result\":\"" + (own % 7 == 6 ? "NOK" : "OK") + "\"}";
  }

  /** Each station's last event time: of the last six messages, one per station. */
  private Set<Instant> lastEventTimes() {
    Set<Instant> times = new HashSet<>();
    for (int i = MESSAGES - STATIONS.length; i < MESSAGES; i++) {
      times.add(start.plusMillis(SPACING_MS * i));
    }
    return times;
  }

  /** The lines of one engine given every message, in order, with the same plant. */
  private List<LineSnapshot> uninterrupted(java.util.function.Consumer<Point> points)
      throws Exception {
    AgentConfig agentConfig = ConfigLoader.load(config, Map.of("GEMBA_INFLUX_TOKEN", "x"));
    KpiEngine engine = new KpiEngine(agentConfig.plant(), points::accept);
    TelemetryDecoder decoder = new TelemetryDecoder(agentConfig.decoder(), DecodeCounters.NONE);
    List<TelemetryEvent> events = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      for (Decoded decoded :
          decoder.decode(topic(i), payload(i).getBytes(StandardCharsets.UTF_8), start)) {
        events.add((TelemetryEvent) decoded);
      }
    }
    engine.acceptAll(events);
    return engine.lines();
  }

  private static void assertKpis(JsonObject actual, Kpis expected, String line) {
    assertThat(actual.getDouble("plannedSeconds")).as(line).isEqualTo(expected.plannedMs() / 1e3);
    assertThat(actual.getDouble("runSeconds")).as(line).isEqualTo(expected.runMs() / 1e3);
    assertThat(actual.getDouble("stopSeconds")).as(line).isEqualTo(expected.stopMs() / 1e3);
    assertThat(actual.getLong("total")).as(line).isEqualTo(expected.totalCount());
    assertThat(actual.getLong("good")).as(line).isEqualTo(expected.goodCount());
    assertThat(actual.getLong("failures")).as(line).isEqualTo(expected.failures());
    assertThat(actual.getDouble("availability")).as(line).isEqualTo(expected.availability());
    assertThat(actual.getDouble("performance")).as(line).isEqualTo(expected.performance());
    assertThat(actual.getDouble("quality")).as(line).isEqualTo(expected.quality());
    assertThat(actual.getDouble("oee")).as(line).isEqualTo(expected.oee());
  }

  private static JsonObject line(JsonArray lines, String id) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.getJsonObject(i).getString("line").equals(id)) {
        return lines.getJsonObject(i);
      }
    }
    throw new AssertionError("no line " + id + " in " + lines.encode());
  }

  /** The {@code eventTime} of every station the API shows. */
  private Set<Instant> eventTimes() throws Exception {
    JsonArray stations = new JsonArray(AgentJar.get(httpPort, "/api/v1/stations").body());
    Set<Instant> times = new HashSet<>();
    for (int i = 0; i < stations.size(); i++) {
      String time = stations.getJsonObject(i).getString("eventTime");
      times.add(time == null ? Instant.EPOCH : Instant.parse(time));
    }
    return times;
  }

  /** The series and times of the reference's points of {@code series} (measurement_field). */
  private static Set<String> keys(List<Point> points, String series) {
    Set<String> keys = new HashSet<>();
    for (Point point : points) {
      String prefix = point.measurement() + "_";
      if (series.startsWith(prefix)
          && point.fields().containsKey(series.substring(prefix.length()))) {
        keys.add(key(point.tags(), point.time().toEpochMilli()));
      }
    }
    return keys;
  }

  /** The series and times VictoriaMetrics holds of {@code series}. */
  private Set<String> stored(String series) {
    Set<String> keys = new HashSet<>();
    for (VictoriaMetricsServer.Series stored : victoria.export(series)) {
      Map<String, String> tags = new java.util.TreeMap<>(stored.labels());
      tags.remove("__name__");
      tags.remove("db");
      for (long time : stored.timestampsMs()) {
        keys.add(key(tags, time));
      }
    }
    return keys;
  }

  private static String key(Map<String, String> tags, long timeMs) {
    return new java.util.TreeMap<>(tags) + "@" + timeMs;
  }

  private double applied() throws Exception {
    double applied = 0;
    for (String line : AgentJar.get(httpPort, "/metrics").body().split("\n")) {
      if (line.startsWith("gemba_engine_events_total{") && line.contains("outcome=\"applied\"")) {
        applied += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return applied;
  }

  private static long replayedRuns(Path log) throws Exception {
    long runs = 0;
    Matcher matcher = REPLAYED.matcher(Files.readString(log));
    while (matcher.find()) {
      runs += Long.parseLong(matcher.group(1));
    }
    return runs;
  }
}
