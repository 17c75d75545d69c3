package io.gemba.agent.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.metrics.MicrometerAgentMetrics;
import io.gemba.agent.spool.WriteFailure;
import io.gemba.agent.testkit.ManualTicker;
import io.gemba.agent.testkit.VictoriaMetricsServer;
import io.gemba.collector.point.Point;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writer against a real VictoriaMetrics that goes away and comes back; its ticker is the
 * test's, moved past the backoff once the database is back instead of waiting for it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InfluxPointWriterIT {

  private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ManualTicker ticker = new ManualTicker();
  private VictoriaMetricsServer victoria;
  private Vertx vertx;

  @BeforeEach
  void start() {
    victoria = new VictoriaMetricsServer().start();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    victoria.close();
  }

  @Test
  void databaseDown_writesAreRetried_andNothingIsLostOnceItIsBack() throws Exception {
    InfluxPointWriter writer = writer(10, 1_000);
    victoria.stop();
    writer.write(cycles(0, 50));

    await().atMost(Duration.ofSeconds(30)).until(() -> count("gemba.write.failures") >= 1);
    assertThat(writer.writable()).isTrue(); // 50 waiting, room for 1,000
    victoria.restart();
    // Not tried again before the backoff (about 1 s) has passed on the ticker.
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> count("gemba.points.written") == 0);
    ticker.advance(Duration.ofMinutes(1));

    victoria.awaitFlushed(Duration.ofSeconds(60), () -> assertThat(samples()).isEqualTo(50));
    assertThat(count("gemba.points.written")).isEqualTo(50);
    assertThat(count("gemba.points.not.written")).isZero();
    writer.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void bufferFull_theOldestAreGivenUp_countedAsBufferFull() throws Exception {
    InfluxPointWriter writer = writer(10, 20);
    victoria.stop();
    writer.write(cycles(0, 10));
    // The first batch of 10 is in flight or waiting to be tried again: failing.
    await().atMost(Duration.ofSeconds(30)).until(() -> count("gemba.write.failures") >= 1);
    writer.write(cycles(10, 40));
    // 50 points for a buffer of 20: the 30 oldest are given up, the newest 20 kept.
    await().atMost(Duration.ofSeconds(10)).until(() -> count("gemba.points.not.written") == 30);
    assertThat(
            registry.get("gemba.points.not.written").tag("reason", "buffer_full").counter().count())
        .isEqualTo(30);
    victoria.restart();
    ticker.advance(Duration.ofMinutes(1));
    victoria.awaitFlushed(Duration.ofSeconds(60), () -> assertThat(samples()).isEqualTo(20));
    writer.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private InfluxPointWriter writer(int batchSize, int maxPending) {
    InfluxConfig config = victoria.influx(batchSize, maxPending);
    return new InfluxPointWriter(
        vertx,
        config,
        new InfluxLines(config),
        new MicrometerAgentMetrics(registry, Clock.systemUTC()),
        ticker,
        WriteFailure.backoff());
  }

  /** {@code count} cycle points, one second apart from {@code from} s after 06:00. */
  private static List<Point> cycles(int from, int count) {
    List<Point> points = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      points.add(
          Point.builder("cycle", T0.plusSeconds(i))
              .tag("site", "tlx")
              .tag("station", "st10")
              .field("cycle_ms", 1000L + i)
              .build());
    }
    return points;
  }

  private int samples() {
    return victoria.export("cycle_cycle_ms{station=\"st10\"}").stream()
        .mapToInt(s -> s.values().size())
        .sum();
  }

  private double count(String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }
}
