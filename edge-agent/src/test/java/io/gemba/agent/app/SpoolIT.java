package io.gemba.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.SpoolConfig;
import io.gemba.agent.spool.SegmentLog;
import io.gemba.agent.spool.SpoolRecords;
import io.gemba.agent.testkit.ManualClock;
import io.gemba.agent.testkit.MosquittoServer;
import io.gemba.agent.testkit.SpoolDamage;
import io.gemba.agent.testkit.VictoriaMetricsServer;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent with a spool, against a real Mosquitto and a real VictoriaMetrics that goes away while
 * messages come: every message's point arrives once when it is back, and with the spool at its
 * bound the agent stops taking messages, says so, and takes the rest once it has room again.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SpoolIT {

  private static final String PACK_2 = "gemba/v1/tlx/battery/pack-2/";
  private static final Instant START = Instant.parse("2026-11-26T07:00:00Z");

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T06:00:00Z"));
  private MosquittoServer mosquitto;
  private VictoriaMetricsServer victoria;
  private Agent agent;

  @BeforeEach
  void startServers() {
    mosquitto = MosquittoServer.builder().build().start();
    victoria = new VictoriaMetricsServer().start();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (agent != null) {
      agent.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    victoria.close();
    mosquitto.close();
  }

  @Test
  void databaseDownWhileMessagesCome_theSpoolKeepsThem_nothingLostNothingDoubled()
      throws Exception {
    agent = startAgent(1024);
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-spool-1")) {
      publishStates(gateway, 0, 300);
      victoria.stop();
      publishStates(gateway, 300, 300);
      // All 600 applied (and acknowledged) while the database is away: the spool holds them.
      await().atMost(Duration.ofSeconds(30)).until(() -> applied() == 600);
    }
    // Still ready (the spool takes the points), but degraded, saying for how long and why.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> body("/health/ready").contains("\"database\":\"DEGRADED\""));
    assertThat(status("/health/ready")).isEqualTo(200);
    assertThat(body("/health/ready"))
        .contains("\"status\":\"DEGRADED\"", "writes to ", " failing for ", "unreachable");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> spoolGauges("gemba.write.failing").stream().anyMatch(s -> s >= 1.0));
    victoria.restart();

    // Every state message changes its station's state: one machine_state point each.
    victoria.awaitFlushed(Duration.ofSeconds(60), () -> assertThat(samples()).isEqualTo(600));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> body("/health/ready").contains("\"database\":\"UP\""));
    assertThat(spoolGauges("gemba.write.failing")).containsOnly(0.0);
  }

  @Test
  void brokerRestartedMidStream_withTheSpool_nothingLostNothingDoubled() throws Exception {
    agent = startAgent(1024);
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-spool-3")) {
      publishStates(gateway, 0, 500);
      mosquitto.restart();
      await().atMost(Duration.ofSeconds(30)).until(gateway::connected);
      publishStates(gateway, 500, 500);
    }

    victoria.awaitFlushed(Duration.ofSeconds(60), () -> assertThat(samples()).isEqualTo(1000));
    assertThat(applied()).isEqualTo(1000);
  }

  @Test
  void aTornSpoolTail_isCutOnStart_andTheRestIsSent() throws Exception {
    agent = startAgent(1024);
    victoria.stop();
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-spool-4")) {
      publishStates(gateway, 0, 200);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> applied() == 200);
    agent.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    agent = null;

    // Cut the last record that holds machine_state points in half, as a crash in the middle of a
    // write would: its points are lost, and the ticks after it, but every other point is kept.
    Path segment = newestSegmentWithPoints();
    int lastRecordPoints = 0;
    long lastRecordStart = -1;
    long lastRecordEnd = -1;
    try (SegmentLog log = SegmentLog.open(segment.getParent(), 1 << 20)) {
      try (SegmentLog.Reader reader = log.reader(log.start(), SpoolDamage.FAILS)) {
        for (SegmentLog.Entry entry = reader.next(); entry != null; entry = reader.next()) {
          int points =
              (int)
                  SpoolRecords.points(entry.payload()).stream()
                      .filter(line -> line.startsWith("machine_state,"))
                      .count();
          if (points > 0) {
            lastRecordStart = entry.position();
            lastRecordEnd = entry.next();
            lastRecordPoints = points;
          }
        }
      }
    }
    // a segment is named by the log position of its first byte
    long base = Long.parseLong(segment.getFileName().toString().replace(".log", ""));
    try (java.nio.channels.FileChannel file =
        java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.WRITE)) {
      file.truncate((lastRecordStart + lastRecordEnd) / 2 - base);
    }

    victoria.restart();
    agent = startAgent(1024);
    int kept = 200 - lastRecordPoints;
    victoria.awaitFlushed(Duration.ofSeconds(60), () -> assertThat(samples()).isEqualTo(kept));
    assertThat(lastRecordPoints).isPositive();
  }

  @Test
  void aRecordDamagedInTheLiveSpool_isSkippedOnce_itsPointsDeadLettered_andTheSpoolGoesOn()
      throws Exception {
    agent = startAgent(1024);
    victoria.stop();
    Path segment;
    LoggedRecord damaged;
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-spool-5")) {
      publishStates(gateway, 0, 300);
      await().atMost(Duration.ofSeconds(30)).until(() -> applied() == 300);

      // While the agent runs and the sender waits for the database, a byte of a message in a run
      // in the middle of the spool goes bad on disk: the record fails its checksum.
      segment = newestSegmentWithPoints();
      damaged = middleRunWithStatePoints(segment);
      flip(segment, damaged.firstPayloadOffset());

      victoria.restart();
      publishStates(gateway, 300, 300);
    }

    // Every point but the damaged run's arrives once, and the sender goes on after it.
    int lost = damaged.statePoints();
    victoria.awaitFlushed(
        Duration.ofSeconds(90), () -> assertThat(samples()).isEqualTo(600 - lost));
    assertThat(lost).isPositive();
    // The run's points, read out of the damaged bytes, are in the dead letters, under a comment.
    List<String> deadLetters =
        Files.readAllLines(segment.getParent().resolve("dead-letters.lp")).stream()
            .filter(line -> !line.startsWith("#"))
            .toList();
    assertThat(deadLetters).isEqualTo(damaged.points());
    assertThat(
            agent
                .registry()
                .get("gemba.spool.damaged.bytes")
                .tag("group", segment.getParent().getFileName().toString().substring(6))
                .counter()
                .count())
        .isEqualTo(damaged.bytes());
    assertThat(
            agent
                .registry()
                .get("gemba.points.not.written")
                .tag("reason", "damaged")
                .counter()
                .count())
        .isEqualTo(damaged.points().size());
    // Ready still (it goes on), but degraded, with what was skipped.
    assertThat(status("/health/ready")).isEqualTo(200);
    assertThat(body("/health/ready"))
        .contains("\"status\":\"DEGRADED\"", "\"spool\":\"DEGRADED\"")
        .contains("skipped " + damaged.bytes() + " damaged bytes in 1 places since start")
        .contains("at position " + damaged.position());
  }

  /**
   * A committed record of the live spool, read from its segment file without opening the log (which
   * would cut what the agent is writing).
   *
   * @param offset where it starts in the file
   * @param position its position in the log
   * @param bytes its length, header included
   * @param firstPayloadOffset where in the file the payload of its first message starts
   * @param points its point lines
   * @param statePoints how many of them are pack-2 machine_state points
   */
  private record LoggedRecord(
      long offset,
      long position,
      long bytes,
      long firstPayloadOffset,
      List<String> points,
      int statePoints) {}

  /**
   * The committed run with machine_state points in the middle of {@code segment}: how many runs the
   * messages came in depends on how busy the machine is, but there are runs before and after it.
   */
  private static LoggedRecord middleRunWithStatePoints(Path segment) throws Exception {
    int runs = 0;
    while (runWithStatePoints(segment, runs) != null) {
      runs++;
    }
    assertThat(runs).as("runs with machine_state points in " + segment).isGreaterThanOrEqualTo(3);
    return runWithStatePoints(segment, runs / 2);
  }

  /**
   * The {@code n}th committed run with machine_state points in {@code segment} (from 0), or {@code
   * null} if there are fewer.
   */
  private static LoggedRecord runWithStatePoints(Path segment, int n) throws Exception {
    long base = Long.parseLong(segment.getFileName().toString().replace(".log", ""));
    ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(segment));
    int found = 0;
    while (file.remaining() >= 9) {
      int offset = file.position();
      int length = file.getInt();
      file.getInt(); // checksum
      byte type = file.get();
      byte[] payload = new byte[length - 1];
      file.get(payload);
      List<String> points = SpoolRecords.points(payload);
      int state = (int) points.stream().filter(line -> line.startsWith("machine_state,")).count();
      if (type == SpoolRecords.RUN && state > 0 && found++ == n) {
        // payload: input length 4, count 4, then the first message: arrival 12, topic length 2,
        // topic, payload length 4, payload
        ByteBuffer input = ByteBuffer.wrap(payload);
        int topicLength = input.getShort(4 + 4 + 12) & 0xffff;
        long payloadAt = offset + 9 + 4 + 4 + 12 + 2 + topicLength + 4;
        return new LoggedRecord(
            offset, base + offset, 9 + payload.length, payloadAt, points, state);
      }
    }
    return null;
  }

  private static void flip(Path file, long at) throws Exception {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, at);
      one.put(0, (byte) (one.get(0) ^ 0x10)).rewind();
      channel.write(one, at);
      channel.force(true);
    }
  }

  /** The segment file of the group whose spool holds machine_state points. */
  private Path newestSegmentWithPoints() throws Exception {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir.resolve("spool"))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".log"))
          .filter(
              f -> {
                try {
                  return new String(java.nio.file.Files.readAllBytes(f), StandardCharsets.UTF_8)
                      .contains("machine_state,");
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .max(java.util.Comparator.naturalOrder())
          .orElseThrow();
    }
  }

  @Test
  void spoolFull_consumptionPauses_andResumesWhenTheDatabaseIsBack() throws Exception {
    // 1 MiB for two instances: pack-2's instance may hold 512 KiB not yet written, about 2,000
    // machine_state points of about 250 bytes; 6,000 messages are three times that.
    agent = startAgent(1);
    victoria.stop();
    int messages = 6_000;
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-spool-2")) {
      publishStates(gateway, 0, messages);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> status("/health/ready") == 503);
    double appliedWhileFull = applied();
    assertThat(appliedWhileFull).isLessThan(messages);
    assertThat(body("/health/ready")).contains("\"writer\":\"DOWN\"");
    assertThat(spoolGauges("gemba.spool.full")).contains(1.0);
    assertThat(spoolGauges("gemba.spool.backlog.bytes")).anyMatch(bytes -> bytes >= 512 * 1024);

    victoria.restart();
    victoria.awaitFlushed(Duration.ofSeconds(120), () -> assertThat(samples()).isEqualTo(messages));
    assertThat(applied()).isEqualTo(messages);
    await().atMost(Duration.ofSeconds(30)).until(() -> status("/health/ready") == 200);
    assertThat(spoolGauges("gemba.spool.full")).containsOnly(0.0);
  }

  private java.util.List<Double> spoolGauges(String name) {
    return agent.registry().find(name).gauges().stream().map(g -> g.value()).toList();
  }

  /** {@code count} state messages from {@code from}, alternating st10 and eol, each a change. */
  private static void publishStates(TestPublisher gateway, int from, int count) throws Exception {
    for (int i = from; i < from + count; i++) {
      String station = i % 2 == 0 ? "st10" : "eol";
      String state = (i / 2) % 2 == 0 ? "RUNNING" : "IDLE";
      gateway.publish(
          PACK_2 + station + "/state",
          "{\"ts\":\""
              + START.plusSeconds(i)
              + "\",\"seq\":"
              + i
              + ",\"state\":\""
              + state
              + "\"}");
    }
  }

  private Agent startAgent(int spoolMegabytes) throws Exception {
    AgentConfig config =
        ItConfigs.agent(
            mosquitto.uri(),
            "gemba-agent-spool-it",
            victoria.url(),
            new SpoolConfig(
                Optional.of(dir.resolve("spool")), spoolMegabytes, 1, Duration.ofSeconds(1)));
    return AgentHttp.startReady(config, clock);
  }

  private int samples() {
    return victoria.export("machine_state_duration_s{line=\"pack-2\"}").stream()
        .mapToInt(s -> s.values().size())
        .sum();
  }

  private double applied() {
    return agent.registry().get("gemba.engine.events").tag("outcome", "applied").counter().count();
  }

  private int status(String path) throws Exception {
    return status(path, agent);
  }

  private static int status(String path, Agent agent) throws Exception {
    return send(path, agent).statusCode();
  }

  private String body(String path) throws Exception {
    return send(path, agent).body();
  }

  private static HttpResponse<String> send(String path, Agent agent) throws Exception {
    return AgentHttp.get(agent, path);
  }
}
