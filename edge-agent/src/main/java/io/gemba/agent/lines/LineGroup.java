package io.gemba.agent.lines;

import io.gemba.agent.config.EngineConfig;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.sink.PointWriter;
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
import java.time.Clock;
import java.time.Duration;
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
 */
public final class LineGroup extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(LineGroup.class);
  private static final int MAX_RUN = 1_000;
  private static final long PAUSE_RETRY_MS = 100;
  private static final long REJECT_LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final int index;
  private final LineRouter router;
  private final PlantModel model;
  private final AgentMetrics metrics;
  private final PointWriter writer;
  private final Acknowledger acknowledger;
  private final Duration tickInterval;
  private final long batchWaitMs;
  private final Clock clock;
  private final TelemetryDecoder decoder;
  private final DuplicateFilter duplicates = new DuplicateFilter();
  private final Queue<Delivery> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  private KpiEngine engine;
  private List<Point> points = new ArrayList<>();
  private EngineStats counted;
  private long timerId;
  private long seqDuplicates;
  private long lastRejectLogNanos;
  private long rejectsNotLogged;
  private volatile List<StationSnapshot> stations = List.of();
  private volatile List<LineSnapshot> lines = List.of();

  /**
   * Instance {@code index} of {@code router}'s instances.
   *
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
      Acknowledger acknowledger,
      AgentMetrics metrics,
      EngineConfig engineConfig,
      Clock clock) {
    this.index = index;
    this.router = router;
    this.model = model;
    this.writer = writer;
    this.acknowledger = acknowledger;
    this.metrics = metrics;
    this.tickInterval = engineConfig.tickInterval();
    this.batchWaitMs = engineConfig.batchWait().toMillis();
    this.clock = clock;
    this.decoder = new TelemetryDecoder(decoderSettings, new Counters());
  }

  @Override
  public Future<?> start() {
    engine = new KpiEngine(model, point -> points.add(point));
    counted = engine.stats();
    timerId = vertx.setPeriodic(tickInterval.toMillis(), id -> tick());
    refreshSnapshots();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    drain();
    return Future.succeededFuture();
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
    while (run.size() < MAX_RUN && (delivery = queue.poll()) != null) {
      run.add(delivery);
      metrics.received();
      for (Decoded decoded :
          decoder.decode(delivery.topic(), delivery.payload(), delivery.arrival())) {
        if (decoded instanceof TelemetryEvent event) {
          if (duplicates.isDuplicate(event)) {
            seqDuplicates++;
          } else {
            events.add(event);
          }
        } else {
          rejected((Reject) decoded);
        }
      }
    }
    if (!run.isEmpty()) {
      engine.acceptAll(events);
      handOn()
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

  private void acknowledge(List<Delivery> run) {
    long now = System.nanoTime();
    for (Delivery done : run) {
      acknowledger.acknowledge(done);
      metrics.processed(now - done.arrivalNanos());
    }
  }

  private void tick() {
    engine.tick(clock.instant());
    handOn();
    refreshSnapshots();
  }

  /**
   * Hands the points made so far to the writer and counts the engine's outcomes since last; the
   * future completes once the writer has kept them.
   */
  private Future<Void> handOn() {
    Future<Void> kept = Future.succeededFuture();
    if (!points.isEmpty()) {
      List<Point> made = points;
      points = new ArrayList<>();
      kept = writer.write(made);
    }
    EngineStats now = engine.stats();
    metrics.engineOutcomes(
        now.applied() - counted.applied(),
        now.duplicates() - counted.duplicates() + seqDuplicates,
        now.late() - counted.late(),
        now.ignored() - counted.ignored());
    counted = now;
    seqDuplicates = 0;
    return kept;
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
