package io.gemba.agent.engine;

import io.gemba.agent.config.EngineConfig;
import io.gemba.agent.ingest.Acknowledger;
import io.gemba.agent.ingest.DeadLetterTopic;
import io.gemba.agent.ingest.Delivery;
import io.gemba.agent.lines.Inbox;
import io.gemba.agent.lines.LineRouter;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.timing.Ticker;
import io.gemba.collector.engine.LeanSnapshot;
import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.engine.QualitySnapshot;
import io.gemba.collector.engine.StationSnapshot;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.DecoderSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine instance: the lines the {@link LineRouter} gives it, on one Vert.x context, so that
 * its engine needs no locks and a slow line holds up only the lines of its instance.
 *
 * <p>Deliveries are queued from the MQTT client's thread ({@link #deliver}). The first one into an
 * empty queue starts the batch wait ({@code engine.batchWait}), so that the messages of the next
 * few milliseconds are applied together: waking the context, handing points on and acknowledging
 * cost about as much per batch as per message. They are applied on the context in runs of up to
 * {@value #MAX_RUN} ({@link EngineRun}), the points handed to the {@link PointWriter}, and the
 * messages acknowledged only once the writer has kept them (in memory, or durable in a spool).
 * While the writer is not writable (a spool at its bound) the instance takes nothing from its
 * queue: the messages stay unacknowledged, and the session's receive maximum makes the broker hold
 * the rest. A tick of the wall clock every {@code tickInterval} closes the minutes and shifts of
 * silent stations and checkpoints when one is due ({@link Checkpoints}); every {@code
 * snapshotInterval} the {@link Snapshots} that the API and the gauges show are refreshed.
 *
 * <p>On start, before it takes any message, the instance recovers its engine from its {@link
 * EngineJournal} ({@link Recovery}); on stop it applies what is queued and checkpoints last.
 */
public final class EngineInstance extends VerticleBase implements Inbox {

  private static final Logger log = LoggerFactory.getLogger(EngineInstance.class);
  private static final int MAX_RUN = 1_000;
  private static final int MAX_RUN_BYTES = 1 << 20;
  private static final long PAUSE_RETRY_MS = 100;

  private final int index;
  private final PlantModel model;
  private final DecoderSettings decoderSettings;
  private final PointWriter writer;
  private final EngineJournal journal;
  private final Acknowledger acknowledger;
  private final AgentMetrics metrics;
  private final long tickIntervalMs;
  private final long snapshotIntervalMs;
  private final long batchWaitMs;
  private final int maxUnconfiguredStations;
  private final DeadLetterTopic deadLetters;
  private final Clock clock;
  private final Ticker ticker;
  private final Snapshots snapshots;
  private final Checkpoints checkpoints;
  private final Queue<Delivery> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  private EngineRun run;
  private volatile LiveTally tally;
  private long tickTimer;
  private long snapshotTimer;

  /**
   * Instance {@code index} of {@code router}'s instances.
   *
   * @param output where its points and checkpoints go
   * @param acknowledger acknowledges a message once the writer has kept its points
   * @param deadLetters where rejected messages are republished, if anywhere
   * @param config the tick interval, the batch wait and the snapshot interval
   * @param clock the wall clock of ticks
   * @param ticker measures latencies and paces the reject log
   */
  public EngineInstance(
      int index,
      LineRouter router,
      PlantModel model,
      DecoderSettings decoderSettings,
      EngineOutput output,
      Acknowledger acknowledger,
      DeadLetterTopic deadLetters,
      AgentMetrics metrics,
      EngineConfig config,
      Clock clock,
      Ticker ticker) {
    this.index = index;
    this.model = model;
    this.decoderSettings = decoderSettings;
    this.writer = output.writer();
    this.journal = output.journal();
    this.acknowledger = acknowledger;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.tickIntervalMs = config.tickInterval().toMillis();
    this.snapshotIntervalMs = config.snapshotInterval().toMillis();
    this.batchWaitMs = config.batchWait().toMillis();
    this.maxUnconfiguredStations = config.maxUnconfiguredStationsPerInstance(router.instances());
    this.clock = clock;
    this.ticker = ticker;
    this.snapshots = new Snapshots(index, router, metrics);
    this.checkpoints = new Checkpoints(index, journal, metrics, ticker);
  }

  /**
   * Recovers the engine from the journal (on a worker thread: the context does nothing with it
   * meanwhile), then starts ticking; the agent consumes from MQTT only after this.
   */
  @Override
  public Future<?> start() {
    return vertx
        .executeBlocking(
            () -> Recovery.recover(index, journal, model, decoderSettings, maxUnconfiguredStations))
        .onSuccess(
            recovered -> {
              run = recovered;
              tally =
                  new LiveTally(
                      index,
                      metrics,
                      ticker,
                      run.engine().stats(),
                      maxUnconfiguredStations,
                      deadLetters);
              tickTimer = vertx.setPeriodic(tickIntervalMs, id -> tick());
              snapshotTimer =
                  vertx.setPeriodic(snapshotIntervalMs, id -> snapshots.refresh(run.engine()));
              snapshots.refresh(run.engine());
              checkpoints.ifDue(run.engine());
            });
  }

  /** Applies what is queued and hands it on, then checkpoints last. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(tickTimer);
    vertx.cancelTimer(snapshotTimer);
    drain();
    return checkpoints.last(run.engine());
  }

  /** Queues a delivery for this instance's context. Any thread; never blocks. */
  @Override
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

  /** The stations of this instance as of the last snapshot. Any thread. */
  public List<StationSnapshot> stations() {
    return snapshots.stations();
  }

  /** The battery test quality of this instance's stations, as of the last snapshot. Any thread. */
  public List<QualitySnapshot> quality() {
    return snapshots.quality();
  }

  /** This instance's lean KPIs as of the last snapshot, or null before the first. Any thread. */
  public LeanSnapshot lean() {
    return snapshots.lean();
  }

  /** The configured lines this instance owns, as of the last snapshot. Any thread. */
  public List<LineSnapshot> lines() {
    return snapshots.lines();
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
    List<Delivery> taken = new ArrayList<>();
    Delivery delivery;
    int takenBytes = 0;
    while (taken.size() < MAX_RUN
        && takenBytes < MAX_RUN_BYTES
        && (delivery = queue.poll()) != null) {
      taken.add(delivery);
      takenBytes += delivery.payload().length;
      metrics.received();
    }
    if (!taken.isEmpty()) {
      List<Point> points = run.apply(taken, tally);
      tally.outcomes(run.engine());
      writer
          .write(taken, points)
          .onComplete(
              kept -> {
                if (kept.succeeded()) {
                  acknowledge(taken);
                } else {
                  // Not acknowledged: the broker sends them again in the next session.
                  log.error(
                      "[group: {}] {} messages not acknowledged: their points could not be kept",
                      index,
                      taken.size(),
                      kept.cause());
                }
              });
    }
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  private void acknowledge(List<Delivery> done) {
    long now = ticker.nanos();
    for (Delivery delivery : done) {
      acknowledger.acknowledge(delivery);
      metrics.processed(now - delivery.arrivalNanos());
    }
  }

  /**
   * Whether this instance has refused messages of new unconfigured stations since start, at its
   * bound, with how many and the last; any thread.
   */
  public Optional<String> stationsRefused() {
    LiveTally counted = tally;
    return counted == null ? Optional.empty() : counted.stationsRefused();
  }

  private void tick() {
    Instant now = clock.instant();
    List<Point> points = run.tick(now);
    tally.outcomes(run.engine());
    writer
        .write(now, points)
        .onFailure(e -> log.error("[group: {}] a tick's points could not be kept", index, e));
    checkpoints.ifDue(run.engine());
  }
}
