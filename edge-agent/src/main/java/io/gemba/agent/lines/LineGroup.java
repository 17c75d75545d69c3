package io.gemba.agent.lines;

import io.gemba.agent.config.EngineConfig;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.sink.PointWriter;
import io.gemba.agent.spool.EngineJournal;
import io.gemba.agent.spool.SpoolRecords;
import io.gemba.collector.engine.EngineStats;
import io.gemba.collector.engine.KpiEngine;
import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.engine.StationSnapshot;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.DecodeCounters;
import io.gemba.collector.telemetry.Decoded;
import io.gemba.collector.telemetry.DecoderSettings;
import io.gemba.collector.telemetry.DuplicateFilter;
import io.gemba.collector.telemetry.Reject;
import io.gemba.collector.telemetry.RejectReason;
import io.gemba.collector.telemetry.TelemetryDecoder;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine instance: the lines the {@link LineRouter} gives it, on one Vert.x context, so that
 * its {@link KpiEngine} needs no locks and a slow line holds up only the lines of its group.
 *
 * <p>Deliveries are queued from the MQTT client's thread ({@link #deliver}). The first one into an
 * empty queue starts the batch wait ({@code engine.batchWait}), so that the messages of the next
 * few milliseconds are applied together: waking the context, handing points on and acknowledging
 * cost about as much per batch as per message, and at thousands of messages a second they were most
 * of the agent's work. They are applied on the context in runs of up to {@value #MAX_RUN}: decoded,
 * duplicates by {@code seq} dropped, the events applied with one {@link KpiEngine#acceptAll}, the
 * points handed to the writer, and the messages acknowledged only once the writer has kept the
 * points (in memory, or durable in a spool). While the writer is not writable (a spool at its
 * bound) the group takes nothing from its queue: the messages stay unacknowledged, and the
 * session's receive maximum makes the broker hold the rest. A tick of the wall clock every {@code
 * tickInterval} closes the minutes and shifts of silent stations and refreshes the snapshots the
 * API shows.
 *
 * <p>With a spool, the writer keeps each run's messages with its points, and each tick, and the
 * group checkpoints its engine into the {@link EngineJournal} when one is due (checked at every
 * tick): it captures the engine's state between two runs (a copy of its sums and of references to
 * its kept events), and the journal's thread writes it out while the group goes on. On start it
 * restores the last checkpoint and applies again what came after it, with the points that makes
 * thrown away (the spool holds them), before it takes any message (ADR 0006).
 */
public final class LineGroup extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(LineGroup.class);
  private static final int MAX_RUN = 1_000;
  private static final int MAX_RUN_BYTES = 1 << 20;
  private static final long PAUSE_RETRY_MS = 100;
  private static final long REJECT_LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final int index;
  private final LineRouter router;
  private final PlantModel model;
  private final AgentMetrics metrics;
  private final PointWriter writer;
  private final EngineJournal journal;
  private final Acknowledger acknowledger;
  private final Duration tickInterval;
  private final long batchWaitMs;
  private final Clock clock;
  private final DecoderSettings decoderSettings;
  private final TelemetryDecoder decoder;
  private final DuplicateFilter duplicates = new DuplicateFilter();
  private final Queue<Delivery> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  private KpiEngine engine;
  private List<Point> points = new ArrayList<>();
  private EngineStats counted;
  private long timerId;

  /** A checkpoint is being written: the next waits for it. */
  private boolean checkpointing;

  private long seqDuplicates;
  private long lastRejectLogNanos;
  private long rejectsNotLogged;
  private volatile List<StationSnapshot> stations = List.of();
  private volatile List<LineSnapshot> lines = List.of();

  /**
   * Instance {@code index} of {@code router}'s instances.
   *
   * @param journal where the engine is checkpointed, and recovered from; {@link EngineJournal#NONE}
   *     without a spool
   * @param acknowledger acknowledges a message once its points are handed to {@code writer}
   * @param engineConfig the tick interval and the batch wait
   * @param clock the wall clock of ticks and of messages without {@code ts}
   */
  public LineGroup(
      int index,
      LineRouter router,
      PlantModel model,
      DecoderSettings decoderSettings,
      PointWriter writer,
      EngineJournal journal,
      Acknowledger acknowledger,
      AgentMetrics metrics,
      EngineConfig engineConfig,
      Clock clock) {
    this.index = index;
    this.router = router;
    this.model = model;
    this.writer = writer;
    this.journal = journal;
    this.acknowledger = acknowledger;
    this.metrics = metrics;
    this.tickInterval = engineConfig.tickInterval();
    this.batchWaitMs = engineConfig.batchWait().toMillis();
    this.clock = clock;
    this.decoderSettings = decoderSettings;
    this.decoder = new TelemetryDecoder(decoderSettings, new Counters());
  }

  /**
   * Recovers the engine from the journal (on a worker thread: the context does nothing with it
   * meanwhile), then starts ticking; the agent consumes from MQTT only after this.
   */
  @Override
  public Future<?> start() {
    return vertx
        .executeBlocking(this::recover)
        .onSuccess(
            recovered -> {
              engine = recovered;
              counted = engine.stats();
              seqDuplicates = 0;
              timerId = vertx.setPeriodic(tickInterval.toMillis(), id -> tick());
              refreshSnapshots();
              if (journal.checkpointDue()) {
                checkpoint();
              }
            });
  }

  /**
   * The engine as the journal leaves it: its last checkpoint, and what came after applied again.
   */
  private KpiEngine recover() throws IOException {
    Recovery recovery = new Recovery();
    journal.replay(recovery);
    return recovery.engine;
  }

  /** Rebuilds the engine from what the journal hands back; the points it makes are dropped. */
  private final class Recovery implements EngineJournal.Replay {
    private final TelemetryDecoder replayDecoder =
        new TelemetryDecoder(decoderSettings, DecodeCounters.NONE);
    private KpiEngine engine = new KpiEngine(model, point -> points.add(point));

    @Override
    public boolean checkpoint(byte[] state) {
      try {
        engine = KpiEngine.restore(model, point -> points.add(point), state);
        return true;
      } catch (IllegalArgumentException e) {
        log.error(
            "[group: {}] the checkpoint cannot be restored, replaying the whole spool: {}",
            index,
            e.getMessage());
        return false;
      } finally {
        points.clear();
      }
    }

    @Override
    public void run(List<SpoolRecords.Message> messages) {
      List<TelemetryEvent> events = new ArrayList<>();
      for (SpoolRecords.Message message : messages) {
        decode(replayDecoder, message, events, false);
      }
      engine.acceptAll(events);
      points.clear();
    }

    @Override
    public void tick(Instant now) {
      engine.tick(now);
      points.clear();
    }
  }

  /**
   * Applies what is queued and hands it on; with a spool, then checkpoints, so that the next start
   * has nothing to apply again.
   */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    drain();
    if (journal == EngineJournal.NONE) {
      return Future.succeededFuture();
    }
    return journal.checkpoint(engine.capture()::writeTo);
  }

  /** Queues a delivery for this group's context. Any thread; never blocks. */
  public void deliver(Delivery delivery) {
    queue.add(delivery);
    if (scheduled.compareAndSet(false, true)) {
      if (batchWaitMs == 0) {
        context.runOnContext(v -> drain());
      } else {
        context.runOnContext(v -> vertx.setTimer(batchWaitMs, id -> drain()));
      }
    }
  }

  /** The stations of this group as of the last tick. Any thread. */
  public List<StationSnapshot> stations() {
    return stations;
  }

  /** The configured lines this group owns, as of the last tick. Any thread. */
  public List<LineSnapshot> lines() {
    return lines;
  }

  private void drain() {
    scheduled.set(false);
    if (!writer.writable()) {
      // The writer is full (a spool at its bound): take nothing more, acknowledge nothing; the
      // broker holds the rest in the session, and the receive maximum stops its sending.
      if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
        vertx.setTimer(PAUSE_RETRY_MS, id -> drain());
      }
      return;
    }
    List<Delivery> run = new ArrayList<>();
    List<TelemetryEvent> events = new ArrayList<>();
    Delivery delivery;
    int runBytes = 0;
    while (run.size() < MAX_RUN && runBytes < MAX_RUN_BYTES && (delivery = queue.poll()) != null) {
      run.add(delivery);
      runBytes += delivery.payload().length;
      metrics.received();
      decode(decoder, delivery, events, true);
    }
    if (!run.isEmpty()) {
      engine.acceptAll(events);
      writer
          .write(run, handOn())
          .onComplete(
              kept -> {
                if (kept.succeeded()) {
                  acknowledge(run);
                } else {
                  // Not acknowledged: the broker sends them again in the next session.
                  log.error(
                      "[group: {}] {} messages not acknowledged: their points could not be kept",
                      index,
                      run.size(),
                      kept.cause());
                }
              });
    }
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  /**
   * Decodes {@code message} into {@code events}, without the redelivered ones; {@code live}: counts
   * those and the rejects (a replay's were counted when they came).
   */
  private void decode(
      TelemetryDecoder with,
      SpoolRecords.Message message,
      List<TelemetryEvent> events,
      boolean live) {
    for (Decoded decoded : with.decode(message.topic(), message.payload(), message.arrival())) {
      if (decoded instanceof TelemetryEvent event) {
        if (!duplicates.isDuplicate(event)) {
          events.add(event);
        } else if (live) {
          seqDuplicates++;
        }
      } else if (live) {
        rejected((Reject) decoded);
      }
    }
  }

  private void acknowledge(List<Delivery> run) {
    long now = System.nanoTime();
    for (Delivery done : run) {
      acknowledger.acknowledge(done);
      metrics.processed(now - done.arrivalNanos());
    }
  }

  private void tick() {
    Instant now = clock.instant();
    engine.tick(now);
    writer
        .write(now, handOn())
        .onFailure(e -> log.error("[group: {}] a tick's points could not be kept", index, e));
    refreshSnapshots();
    if (!checkpointing && journal.checkpointDue()) {
      checkpoint();
    }
  }

  /**
   * Captures the engine as the runs handed to the writer so far left it, and has the journal write
   * that after them; the group goes on meanwhile.
   */
  private void checkpoint() {
    checkpointing = true;
    long started = System.nanoTime();
    KpiEngine.Captured captured = engine.capture();
    long captureNanos = System.nanoTime() - started;
    journal
        .checkpoint(captured::writeTo)
        .onComplete(
            done -> {
              checkpointing = false;
              if (done.succeeded()) {
                metrics.checkpointed(
                    index, captureNanos, System.nanoTime() - started, done.result());
              } else {
                log.error("[group: {}] checkpoint not kept", index, done.cause());
              }
            });
  }

  /**
   * Takes the points made so far, to hand to the writer, and counts the engine's outcomes since
   * last.
   */
  private List<Point> handOn() {
    List<Point> made = List.of();
    if (!points.isEmpty()) {
      made = points;
      points = new ArrayList<>();
    }
    EngineStats now = engine.stats();
    metrics.engineOutcomes(
        now.applied() - counted.applied(),
        now.duplicates() - counted.duplicates() + seqDuplicates,
        now.late() - counted.late(),
        now.ignored() - counted.ignored());
    counted = now;
    seqDuplicates = 0;
    return made;
  }

  private void refreshSnapshots() {
    List<StationSnapshot> owned = engine.stations();
    long latest = Long.MIN_VALUE;
    for (StationSnapshot station : owned) {
      if (station.eventTime() != null) {
        latest = Math.max(latest, station.eventTime().toEpochMilli());
      }
    }
    List<LineSnapshot> ownedLines = new ArrayList<>();
    for (LineSnapshot line : engine.lines()) {
      if (router.instanceOf(line.site(), line.area(), line.line()) == index) {
        ownedLines.add(line);
      }
    }
    stations = List.copyOf(owned);
    lines = List.copyOf(ownedLines);
    metrics.lines(ownedLines);
    if (latest != Long.MIN_VALUE) {
      metrics.eventTime(index, latest);
    }
  }

  /**
   * Counts a reject, and logs it, at most one line per 10 s of wall time (not of the given clock,
   * which may be a plant's) with the count of those not logged.
   */
  private void rejected(Reject reject) {
    metrics.rejected(reject.reason());
    long now = System.nanoTime();
    if (lastRejectLogNanos == 0 || now - lastRejectLogNanos >= REJECT_LOG_INTERVAL_NANOS) {
      lastRejectLogNanos = now;
      log.warn(
          "[group: {}] rejected {} (and {} more since the last line)",
          index,
          reject,
          rejectsNotLogged);
      rejectsNotLogged = 0;
    } else {
      rejectsNotLogged++;
    }
  }

  /** The decoder's counts go to the metrics. */
  private final class Counters implements DecodeCounters {
    @Override
    public void accepted(Channel channel, boolean tsMissing) {
      metrics.decoded(channel, tsMissing);
    }

    @Override
    public void rejected(RejectReason reason) {
      // counted with the reject itself, in LineGroup.rejected
    }
  }
}
