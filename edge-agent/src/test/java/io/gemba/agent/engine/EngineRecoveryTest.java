package io.gemba.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.EngineConfig;
import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.ingest.Delivery;
import io.gemba.agent.metrics.MicrometerAgentMetrics;
import io.gemba.agent.sink.InfluxLines;
import io.gemba.agent.spool.CheckpointFile;
import io.gemba.agent.spool.SegmentLog;
import io.gemba.agent.spool.SpoolRecords;
import io.gemba.agent.spool.SpoolWriter;
import io.gemba.agent.testkit.SpoolDamage;
import io.gemba.agent.testkit.TestPlant;
import io.gemba.agent.testkit.UnreachableInflux;
import io.gemba.agent.timing.Ticker;
import io.gemba.collector.engine.KpiEngine;
import io.gemba.collector.engine.StationSnapshot;
import io.gemba.collector.telemetry.DecodeCounters;
import io.gemba.collector.telemetry.Decoded;
import io.gemba.collector.telemetry.DecoderSettings;
import io.gemba.collector.telemetry.TelemetryDecoder;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine instance with a spool, stopped and started again on the same spool: it restores its
 * last checkpoint and applies again the runs after it, and its stations are then exactly those of
 * one engine that took every message without stopping (ADR 0006). No InfluxDB: its address is a
 * port where nothing listens, so the spool keeps every record.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class EngineRecoveryTest {

  /** The wall clock of the ticks: the shift's start, before every event, so none is ever late. */
  private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");

  private static final String[] STATIONS = {
    "pack-1/st10", "pack-1/eol", "pack-2/st10", "pack-2/eol"
  };
  private static final int MESSAGES = 300;
  private static final int BEFORE_CHECKPOINT = 200;

  @TempDir Path dir;

  private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean checkpointDue = new AtomicBoolean(true);

  /** False: checkpoints are dropped, as a crash drops the one a stop would take. */
  private volatile boolean keepCheckpoints = true;

  private final List<EngineInstance> instances = new ArrayList<>();
  private final List<SpoolWriter> writers = new ArrayList<>();
  private Vertx vertx;

  /** In the agent's order: the instances stop, then their writers. */
  @AfterEach
  void stop() throws Exception {
    for (EngineInstance instance : instances) {
      vertx.undeploy(instance.deploymentID()).toCompletionStage().toCompletableFuture().get();
    }
    for (SpoolWriter writer : writers) {
      writer.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void restart_restoresTheCheckpoint_replaysTheRunsAfterIt_andEndsWhereOneRunWould(Vertx vertx)
      throws Exception {
    this.vertx = vertx;
    runFirstLifeAndStop(true);
    long checkpointAt = CheckpointFile.read(dir).orElseThrow().position();
    // The runs after the checkpoint hold exactly the messages sent after it: the replay's work.
    assertThat(messagesInRunsFrom(checkpointAt)).isEqualTo(MESSAGES - BEFORE_CHECKPOINT);

    EngineInstance restarted = startInstance();

    assertThat(restarted.stations()).isEqualTo(uninterrupted());
  }

  @Test
  void aStop_checkpointsEverything_soTheNextStartAppliesNothingAgain(Vertx vertx) throws Exception {
    this.vertx = vertx;
    runFirstLifeAndStop(false);
    long checkpointAt = CheckpointFile.read(dir).orElseThrow().position();
    assertThat(messagesInRunsFrom(checkpointAt)).isZero();

    EngineInstance restarted = startInstance();

    assertThat(restarted.stations()).isEqualTo(uninterrupted());
  }

  @Test
  void aDamagedCheckpoint_isSetAside_andTheWholeLogReplayed(Vertx vertx) throws Exception {
    this.vertx = vertx;
    runFirstLifeAndStop(true);
    Path checkpoint = dir.resolve(CheckpointFile.NAME);
    byte[] bytes = Files.readAllBytes(checkpoint);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(checkpoint, bytes);

    EngineInstance restarted = startInstance();

    // Every run is still in the log (nothing was sent, so nothing trimmed): applied from the
    // start, they make the same stations.
    assertThat(restarted.stations()).isEqualTo(uninterrupted());
  }

  /**
   * Starts an instance, waits for its first checkpoint, gives it 200 messages, has it checkpoint,
   * gives it 100 more, and stops it and its writer once all are acknowledged; {@code crash}:
   * without the checkpoint a stop takes.
   */
  private void runFirstLifeAndStop(boolean crash) throws Exception {
    EngineInstance first = startInstance();
    await().until(() -> !checkpointDue.get() && Files.exists(dir.resolve(CheckpointFile.NAME)));
    long startCheckpoint = CheckpointFile.read(dir).orElseThrow().position();

    deliver(first, 0, BEFORE_CHECKPOINT);
    await().until(() -> acknowledged.size() == BEFORE_CHECKPOINT);
    checkpointDue.set(true);
    await()
        .until(
            () ->
                !checkpointDue.get()
                    && CheckpointFile.read(dir).orElseThrow().position() > startCheckpoint);

    deliver(first, BEFORE_CHECKPOINT, MESSAGES - BEFORE_CHECKPOINT);
    await().until(() -> acknowledged.size() == MESSAGES);
    keepCheckpoints = !crash;
    vertx
        .undeploy(instances.remove(0).deploymentID())
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    SpoolWriter writer = writers.remove(0);
    writer.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    keepCheckpoints = true;
  }

  private EngineInstance startInstance() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerAgentMetrics metrics =
        new MicrometerAgentMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));
    InfluxConfig influx = UnreachableInflux.config(Duration.ofMillis(200));
    SpoolWriter writer =
        new SpoolWriter(
            vertx,
            new SpoolWriter.Options(dir, 0, 1 << 30, 1 << 20, Duration.ofHours(1)),
            influx,
            new InfluxLines(influx),
            metrics,
            Ticker.SYSTEM,
            Clock.systemUTC());
    writers.add(writer);
    EngineInstance instance =
        TestEngine.deploy(
            vertx,
            new EngineOutput(writer, new TestControlledCheckpoints(writer)),
            delivery -> acknowledged.add(delivery.messageId()),
            metrics,
            new EngineConfig(1, Duration.ofMillis(50), Duration.ofMillis(5)),
            NOW,
            Duration.ofSeconds(30));
    instances.add(instance);
    return instance;
  }

  /** The spool's journal, checkpointing when the test says, not by time or size. */
  private final class TestControlledCheckpoints implements EngineJournal {
    private final SpoolWriter spool;

    TestControlledCheckpoints(SpoolWriter spool) {
      this.spool = spool;
    }

    @Override
    public void replay(Replay replay) throws IOException {
      spool.replay(replay);
    }

    @Override
    public boolean checkpointDue() {
      return checkpointDue.getAndSet(false);
    }

    @Override
    public Future<Long> checkpoint(State state) {
      return keepCheckpoints ? spool.checkpoint(state) : Future.succeededFuture(0L);
    }
  }

  /** The stations of one engine given every message, with a tick of {@link #NOW} after. */
  private static List<StationSnapshot> uninterrupted() {
    KpiEngine engine = new KpiEngine(TestPlant.model(), point -> {});
    TelemetryDecoder decoder =
        new TelemetryDecoder(DecoderSettings.defaults(), DecodeCounters.NONE);
    List<TelemetryEvent> events = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      for (Decoded decoded :
          decoder.decode(topic(i), payload(i).getBytes(StandardCharsets.UTF_8), NOW)) {
        events.add((TelemetryEvent) decoded);
      }
    }
    engine.acceptAll(events);
    engine.tick(NOW);
    return engine.stations();
  }

  private int messagesInRunsFrom(long position) throws IOException {
    int messages = 0;
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20);
        SegmentLog.Reader reader = log.reader(position, SpoolDamage.FAILS)) {
      for (SegmentLog.Entry entry = reader.next(); entry != null; entry = reader.next()) {
        if (entry.type() == SpoolRecords.RUN) {
          messages += SpoolRecords.messages(entry.payload()).size();
        }
      }
    }
    return messages;
  }

  private static void deliver(EngineInstance instance, int from, int count) {
    for (int i = from; i < from + count; i++) {
      instance.deliver(
          new Delivery(
              topic(i),
              payload(i).getBytes(StandardCharsets.UTF_8),
              i,
              1,
              NOW,
              System.nanoTime(),
              1));
    }
  }

  /** Message {@code i}: of station {@code i % 4}, every 25th a state change, else its counters. */
  private static String topic(int i) {
    String channel = i % 25 < 4 ? "state" : "count";
    return "gemba/v1/tlx/battery/" + STATIONS[i % 4] + "/" + channel;
  }

  /**
   * Message {@code i}, 2 s after message {@code i - 1}: a station runs, goes down for a jam in its
   * second and every other 100 messages, and counts a part for every message of its own, one in ten
   * scrap.
   */
  private static String payload(int i) {
    String ts = "\"ts\":\"" + NOW.plusSeconds(2L * i) + "\",\"seq\":" + i;
    if (i % 25 < 4) {
      return (i / 100) % 2 == 0
          ? "{" + ts + ",\"state\":\"RUNNING\"}"
          : "{" + ts + ",\"state\":\"DOWN\",\"reason\":\"JAM-12\"}";
    }
    int made = i / 4 + 1;
    return "{" + ts + ",\"total\":" + made + ",\"scrap\":" + made / 10 + "}";
  }
}
