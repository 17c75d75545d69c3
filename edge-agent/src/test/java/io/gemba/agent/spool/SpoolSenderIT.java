package io.gemba.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.metrics.MicrometerAgentMetrics;
import io.gemba.agent.sink.InfluxLines;
import io.gemba.agent.testkit.ManualTicker;
import io.gemba.agent.testkit.VictoriaMetricsServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender draining a spool into a real VictoriaMetrics that goes away and comes back; its ticker
 * is the test's, moved past the backoff instead of waiting for it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SpoolSenderIT {

  /** A recent minute: VictoriaMetrics refuses samples older than its retention. */
  private static final long T0 = Instant.now().minusSeconds(3600).toEpochMilli() / 60_000 * 60_000;

  @TempDir Path dir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ManualTicker ticker = new ManualTicker();
  private VictoriaMetricsServer victoria;
  private SegmentLog spool;
  private SpoolSender sender;

  @BeforeEach
  void start() throws Exception {
    victoria = new VictoriaMetricsServer().start();
    spool = SegmentLog.open(dir.resolve("spool"), 64 * 1024);
  }

  @AfterEach
  void stop() throws Exception {
    if (sender != null) {
      sender.close();
    }
    spool.close();
    victoria.close();
  }

  @Test
  void databaseDownForAStretch_nothingLost_nothingDoubled() throws Exception {
    // 10 runs of 50 points, then the database goes away, 10 more runs, and it comes back.
    appendRuns(0, 10);
    sender = sender(0).start();
    victoria.awaitFlushed(Duration.ofSeconds(30), () -> assertThat(values()).hasSize(500));
    assertThat(sender.position()).isEqualTo(spool.durableEnd());

    victoria.stop();
    long before = sender.position();
    appendRuns(10, 10);
    sender.wakeUp();
    await().atMost(Duration.ofSeconds(30)).until(() -> sender.failingFor().isPresent());
    assertThat(count("gemba.write.failures")).isGreaterThanOrEqualTo(1);
    assertThat(sender.position()).isEqualTo(before);
    // Failing since the first failure, on the ticker; why, as the log says it.
    assertThat(sender.failingFor()).hasValue(Duration.ZERO);
    ticker.advance(Duration.ofMillis(500)); // within the first backoff (0.8 s at the least)
    assertThat(sender.failingFor()).hasValue(Duration.ofMillis(500));
    assertThat(sender.lastFailure()).startsWith("unreachable: ");

    victoria.restart();
    // The backoff (about 1 s after the first failure) has not passed on the ticker: no new try.
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> sender.position() == before);
    ticker.advance(Duration.ofMinutes(1));
    sender.wakeUp();
    victoria.awaitFlushed(Duration.ofSeconds(60), () -> assertThat(values()).hasSize(1000));
    // Every point 0 to 999 once: no series holds a value twice.
    List<Double> values = values();
    Set<Double> distinct = new HashSet<>(values);
    assertThat(distinct).hasSize(1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(distinct).contains((double) i);
    }
    assertThat(count("gemba.points.written")).isEqualTo(1000);
    await().atMost(Duration.ofSeconds(10)).until(() -> sender.position() == spool.durableEnd());
    assertThat(sender.failingFor()).as("written again").isEmpty();
  }

  @Test
  void startedFromAPosition_sendsOnlyWhatFollows() throws Exception {
    appendRuns(0, 4);
    long from = spool.end();
    appendRuns(4, 2);
    sender = sender(from).start();

    victoria.awaitFlushed(Duration.ofSeconds(30), () -> assertThat(values()).hasSize(100));
    assertThat(new HashSet<>(values())).allMatch(v -> v >= 200 && v < 300);
  }

  /** Runs {@code from} to {@code from + runs - 1}, each of 50 points numbered run × 50 + k. */
  private void appendRuns(int from, int runs) throws Exception {
    for (int run = from; run < from + runs; run++) {
      List<String> lines = new ArrayList<>();
      for (int k = 0; k < 50; k++) {
        int n = run * 50 + k;
        // 10 series (stations), each point a second apart within its series
        lines.add("cycle,station=st" + (n % 10) + " cycle_ms=" + n + "i " + (T0 + n * 1000L));
      }
      spool.append(SpoolRecords.TICK, SpoolRecords.tick(Instant.EPOCH, lines));
      spool.commit();
    }
  }

  private SpoolSender sender(long position) {
    InfluxConfig config = victoria.influx(120, 100_000);
    return new SpoolSender(
        spool,
        position,
        new SpoolSender.Settings(
            config,
            new InfluxLines(config),
            new DeadLetters(dir, Clock.systemUTC()),
            new MicrometerAgentMetrics(registry, Clock.systemUTC()),
            ticker,
            WriteFailure.backoff()),
        "spool-sender-it",
        written -> {},
        (damage, kept) -> {
          throw new AssertionError("unexpected damage: " + damage);
        });
  }

  private List<Double> values() {
    List<Double> values = new ArrayList<>();
    victoria.export("cycle_cycle_ms").forEach(series -> values.addAll(series.values()));
    return values;
  }

  private double count(String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }
}
