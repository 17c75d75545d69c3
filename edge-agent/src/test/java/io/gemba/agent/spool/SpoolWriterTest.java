package io.gemba.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.ingest.Message;
import io.gemba.agent.metrics.MicrometerAgentMetrics;
import io.gemba.agent.sink.InfluxLines;
import io.gemba.agent.testkit.ManualTicker;
import io.gemba.agent.testkit.UnreachableInflux;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool's journal side: what it trims, and when a checkpoint is due. Runs without points, so
 * that the sender passes them without InfluxDB (its address is a port where nothing listens).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SpoolWriterTest {

  private static final int SEGMENT_BYTES = 4096;

  @TempDir Path dir;

  private final ManualTicker ticker = new ManualTicker();
  private SpoolWriter writer;

  @BeforeEach
  void open(Vertx vertx) throws Exception {
    InfluxConfig influx = UnreachableInflux.config(Duration.ofMillis(50));
    writer =
        new SpoolWriter(
            vertx,
            new SpoolWriter.Options(dir, 0, 1 << 30, SEGMENT_BYTES, Duration.ofSeconds(1)),
            influx,
            new InfluxLines(influx),
            new MicrometerAgentMetrics(new SimpleMeterRegistry(), Clock.systemUTC()),
            ticker,
            Clock.systemUTC());
  }

  @AfterEach
  void close() throws Exception {
    writer.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void segmentsSent_areKeptUntilACheckpointCoversThem_thenDeleted() throws Exception {
    checkpoint(); // at position 0, as an instance does when it starts
    for (int run = 0; run < 100; run++) {
      writer
          .write(List.of(message(run)), List.of())
          .toCompletionStage()
          .toCompletableFuture()
          .get();
    }
    // 100 runs of about 150 bytes in segments of 4 KiB: four or more files.
    int written = segments();
    assertThat(written).isGreaterThanOrEqualTo(4);

    // The sender passes them at once (no points), and the trim runs every second; but the
    // checkpoint covers none of their runs, which a restart must apply again: all stay.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> segments() == written);

    checkpoint();
    // Now covered, and sent: every segment but the one being written goes.
    await().atMost(Duration.ofSeconds(5)).until(() -> segments() == 1);
  }

  @Test
  void aCheckpointThatFails_leavesTheLastOne_andIsTriedAgainAfterTheInterval() throws Exception {
    assertThat(writer.checkpointDue()).as("none yet").isTrue();
    checkpoint();
    long position = CheckpointFile.read(dir).orElseThrow().position();
    writer.write(List.of(message(1)), List.of()).toCompletionStage().toCompletableFuture().get();
    assertThat(writer.checkpointDue()).as("within the 1 s interval").isFalse();
    ticker.advance(Duration.ofSeconds(1));
    assertThat(writer.checkpointDue()).as("once it has passed").isTrue();

    CompletableFuture<Long> failed =
        writer
            .checkpoint(
                out -> {
                  out.write(new byte[10]);
                  throw new IOException("no space left on device");
                })
            .toCompletionStage()
            .toCompletableFuture();

    assertThat(failed)
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withMessageContaining("no space left on device");
    assertThat(CheckpointFile.read(dir).orElseThrow().position()).isEqualTo(position);
    // Not at the next tick: after an interval.
    assertThat(writer.checkpointDue()).isFalse();
    ticker.advance(Duration.ofMillis(999));
    assertThat(writer.checkpointDue()).isFalse();
    ticker.advance(Duration.ofMillis(1));
    assertThat(writer.checkpointDue()).isTrue();
  }

  private void checkpoint() throws Exception {
    writer
        .checkpoint(out -> out.write("{}".getBytes(StandardCharsets.UTF_8)))
        .toCompletionStage()
        .toCompletableFuture()
        .get();
  }

  private int segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return (int) files.filter(f -> f.getFileName().toString().endsWith(".log")).count();
    }
  }

  private static Message message(int run) {
    return new SpoolRecords.LoggedMessage(
        "gemba/v1/tlx/battery/pack-1/st10/count",
        ("{\"ts\":\"2026-11-26T06:00:00Z\",\"seq\":" + run + ",\"total\":" + run + "}")
            .getBytes(StandardCharsets.UTF_8),
        Instant.parse("2026-11-26T06:00:00Z"));
  }
}
