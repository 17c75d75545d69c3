package io.gemba.agent.spool;

import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.config.SpoolConfig;
import io.gemba.agent.engine.EngineJournal;
import io.gemba.agent.engine.PointWriter;
import io.gemba.agent.ingest.Message;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.timing.Ticker;
import io.gemba.collector.point.Point;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool of one engine instance (ADR 0006): its {@link PointWriter} and its {@link
 * EngineJournal}. Each run's messages and the points they made are appended to the instance's
 * {@link SegmentLog} as one record and made durable (one {@code fsync} per run), and only then does
 * {@link #write}'s future complete, so that the run's messages are acknowledged. Ticks are appended
 * too, and forced to disk only when they made points. A {@link SpoolSender} drains the points to
 * the database. Checkpoints of the engine go to the {@link CheckpointFile} beside the log, each
 * covering the log before its position; a restart restores the last one and applies again the runs
 * and ticks after it ({@link #replay}).
 *
 * <p>Every second the segments are deleted that the sender has written and the last checkpoint
 * covers. Bounded: while {@code maxBytes} or more of the log are kept, {@link #writable()} is
 * false, and the instance takes no more messages (the broker keeps them) until the sender catches
 * up; a checkpoint is due when the log has grown by a quarter of that since the last one, so
 * normally only the sender holds the log. On disk the log may hold up to a segment more, and what
 * the last trim has not deleted yet. The appends, commits and deletions run in order on a worker
 * thread of the instance's own; checkpoints are written on another.
 *
 * <p>The sender's position is saved after every batch ({@link SentPosition}); on start it goes on
 * from there. What it sends again after a crash (the position is not forced to disk) the database
 * overwrites: the same series and time.
 */
public final class SpoolWriter implements PointWriter, EngineJournal {

  private static final Logger log = LoggerFactory.getLogger(SpoolWriter.class);
  private static final long TRIM_INTERVAL_MS = 1_000;
  private static final long CLOSE_POLL_MS = 50;

  private final Vertx vertx;
  private final Options options;
  private final Path dir;
  private final SegmentLog spool;
  private final SpoolSender sender;
  private final WorkerExecutor disk;
  private final WorkerExecutor checkpoints;
  private final InfluxConfig influx;
  private final AgentMetrics metrics;
  private final Ticker ticker;
  private final long timerId;

  /** Lines committed since the sender was last woken; on the disk thread only. */
  private int linesSinceWakeUp;

  /** The position the last checkpoint covers the log up to; before one, the log's start. */
  private volatile long checkpointPosition;

  /**
   * The {@link Ticker} time at which a checkpoint is due by time: at once when none was taken, an
   * interval after the last one, kept or failed.
   */
  private volatile long checkpointDueNanos;

  /**
   * The last checkpoint failed: none is due before {@link #checkpointDueNanos}, whatever the size.
   */
  private volatile boolean checkpointFailed;

  /** What the sender skipped as damaged since start, for {@code /health/ready}. */
  private volatile DamageSeen damageSeen = DamageSeen.NONE;

  /**
   * Where and how large the spool of one engine instance is.
   *
   * @param dir the instance's directory
   * @param group the instance's number
   * @param maxBytes its share of the bound
   * @param segmentBytes the size of its log's files
   * @param checkpointInterval how often it checkpoints at least
   */
  public record Options(
      Path dir, int group, long maxBytes, int segmentBytes, Duration checkpointInterval) {

    /** Instance {@code group}'s part of {@code config}'s spool, shared by {@code instances}. */
    public static Options of(SpoolConfig config, int group, int instances) {
      return new Options(
          config.dir().orElseThrow().resolve("group-" + group),
          group,
          (long) config.maxMegabytes() * 1024 * 1024 / instances,
          config.segmentMegabytes() * 1024 * 1024,
          config.checkpointInterval());
    }
  }

  /**
   * Damage skipped since start.
   *
   * @param last the last damage, if any
   */
  private record DamageSeen(int times, long bytes, int linesKept, SegmentLog.Damage last) {
    static final DamageSeen NONE = new DamageSeen(0, 0, 0, null);

    DamageSeen and(SegmentLog.Damage damage, int kept) {
      return new DamageSeen(times + 1, bytes + damage.bytes(), linesKept + kept, damage);
    }
  }

  /**
   * Opens (and recovers) the log in {@code options.dir()} and starts its sender, which writes to
   * {@code out}. Call from outside any Vert.x context.
   *
   * @param influx the sender's batch size, flush interval and timeout
   * @param ticker measures the checkpoint interval, the sender's backoffs and the close timeout
   * @param clock stamps the dead letters
   */
  public SpoolWriter(
      Vertx vertx,
      Options options,
      InfluxConfig influx,
      LineWriter out,
      AgentMetrics metrics,
      Ticker ticker,
      Clock clock)
      throws IOException {
    String name = "spool-group-" + options.group();
    this.vertx = vertx;
    this.options = options;
    this.dir = options.dir();
    this.influx = influx;
    this.metrics = metrics;
    this.ticker = ticker;
    this.checkpointDueNanos = ticker.nanos();
    this.spool = SegmentLog.open(dir, options.segmentBytes());
    SegmentLog.Recovery recovery = spool.recovery();
    if (recovery.tornTailBytes() > 0 || recovery.damagedBytes() > 0) {
      log.warn(
          "[spool: {}] recovered {} records; cut a torn tail of {} bytes, skipped {} damaged bytes",
          dir,
          recovery.records(),
          recovery.tornTailBytes(),
          recovery.damagedBytes());
    } else {
      log.info("[spool: {}] {} records kept", dir, recovery.records());
    }
    this.checkpointPosition = spool.start();
    this.disk = vertx.createSharedWorkerExecutor(name, 1);
    this.checkpoints = vertx.createSharedWorkerExecutor(name + "-checkpoint", 1);
    SentPosition sent = new SentPosition(dir);
    this.sender =
        new SpoolSender(
                spool,
                sent.read(spool),
                new SpoolSender.Settings(
                    influx,
                    out,
                    new DeadLetters(dir, clock),
                    metrics,
                    ticker,
                    WriteFailure.backoff()),
                name,
                sent::save,
                this::damaged)
            .start();
    this.timerId = vertx.setPeriodic(TRIM_INTERVAL_MS, id -> trim());
    metrics.spool(options.group(), this::keptBytes, options.maxBytes());
    metrics.writesFailing(
        options.group(), () -> sender.failingFor().map(d -> d.toMillis() / 1000.0).orElse(0.0));
  }

  @Override
  public Future<Void> write(List<? extends Message> messages, List<Point> points) {
    List<String> lines = LineProtocol.lines(points);
    return disk.executeBlocking(
            () -> {
              spool.append(SpoolRecords.RUN, SpoolRecords.run(messages, lines));
              commit(lines.size());
              return null;
            },
            true)
        .mapEmpty();
  }

  @Override
  public Future<Void> write(Instant tick, List<Point> points) {
    List<String> lines = LineProtocol.lines(points);
    return disk.executeBlocking(
            () -> {
              spool.append(SpoolRecords.TICK, SpoolRecords.tick(tick, lines));
              // A tick without points goes to disk with the next commit: lost with a crash before
              // it, it changed nothing kept, and the recovered engine ticks on from the wall clock.
              if (!lines.isEmpty()) {
                commit(lines.size());
              }
              return null;
            },
            true)
        .mapEmpty();
  }

  /** Commits; on the disk thread. A full batch of new lines wakes the sender. */
  private void commit(int lines) throws IOException {
    spool.commit();
    linesSinceWakeUp += lines;
    if (linesSinceWakeUp >= influx.batchSize()) {
      linesSinceWakeUp = 0;
      sender.wakeUp();
    }
  }

  @Override
  public void replay(Replay replay) throws IOException {
    long started = ticker.nanos();
    long from = spool.start();
    Optional<CheckpointFile.Saved> saved;
    try {
      saved = CheckpointFile.read(dir);
    } catch (IOException e) {
      log.error(
          "[spool: {}] the checkpoint is lost, replaying the whole log: {}", dir, e.getMessage());
      saved = Optional.empty();
    }
    if (saved.isPresent() && replay.checkpoint(saved.get().state())) {
      from = saved.get().position();
      if (from < spool.start()) {
        log.error(
            "[spool: {}] the log before the checkpoint's position {} is gone (it starts at {}): the"
                + " runs between are lost",
            dir,
            from,
            spool.start());
        from = spool.start();
      }
    }
    long runs = 0;
    long ticks = 0;
    if (from > spool.durableEnd()) {
      log.error(
          "[spool: {}] the log ends at {}, before the checkpoint's position {}: nothing to replay",
          dir,
          spool.durableEnd(),
          from);
    } else {
      try (SegmentLog.Reader reader = spool.reader(from, this::notReplayed)) {
        for (SegmentLog.Entry entry = reader.next(); entry != null; entry = reader.next()) {
          if (entry.type() == SpoolRecords.RUN) {
            replay.run(SpoolRecords.messages(entry.payload()));
            runs++;
          } else if (entry.type() == SpoolRecords.TICK) {
            replay.tick(SpoolRecords.tick(entry.payload()));
            ticks++;
          }
        }
      }
    }
    log.info(
        "[spool: {}] {}; replayed {} runs and {} ticks after it in {} ms",
        dir,
        saved.isPresent()
            ? "restored the checkpoint at " + saved.get().position()
            : "no checkpoint",
        runs,
        ticks,
        TimeUnit.NANOSECONDS.toMillis(ticker.nanos() - started));
  }

  /** Damage met in a replay: its runs are not applied again (the sender keeps their points). */
  private void notReplayed(SegmentLog.Damage damage) {
    log.error(
        "[spool: {}] not applied again: {} damaged bytes at position {} ({})",
        dir,
        damage.bytes(),
        damage.position(),
        damage.why());
  }

  /** Damage the sender skipped: counted, and kept for {@code /health/ready}. */
  private void damaged(SegmentLog.Damage damage, int linesKept) {
    metrics.spoolDamaged(options.group(), damage.bytes());
    damageSeen = damageSeen.and(damage, linesKept);
  }

  /**
   * How long the spool's writes have failed and why, with what waits, for {@code /health/ready};
   * empty while they succeed.
   */
  public Optional<String> writesFailing() {
    return sender
        .failingFor()
        .map(
            failing ->
                String.format(
                    Locale.ROOT,
                    "%s: writes to %s failing for %d s (%s); %d bytes kept to send",
                    dir,
                    sender.target(),
                    failing.toSeconds(),
                    sender.lastFailure(),
                    keptBytes()));
  }

  /**
   * What the spool has skipped as damaged since start, for {@code /health/ready}; empty if nothing.
   */
  public Optional<String> damage() {
    DamageSeen seen = damageSeen;
    if (seen.times() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "%s: skipped %d damaged bytes in %d places since start, the last at position %d;"
                + " %d point lines read out of them are in %s",
            dir,
            seen.bytes(),
            seen.times(),
            seen.last().position(),
            seen.linesKept(),
            DeadLetters.NAME));
  }

  @Override
  public boolean checkpointDue() {
    return ticker.nanos() - checkpointDueNanos >= 0
        || (!checkpointFailed && spool.durableEnd() - checkpointPosition >= options.maxBytes() / 4);
  }

  /**
   * The position is taken on the disk thread, after the runs before, once they are durable; the
   * state is written on a thread of its own, so that the runs after go on being made durable (and
   * acknowledged) meanwhile.
   */
  @Override
  public Future<Long> checkpoint(State state) {
    return disk.<Long>executeBlocking(
            () -> {
              spool.commit();
              return spool.durableEnd();
            },
            true)
        .compose(
            position ->
                checkpoints.executeBlocking(
                    () -> {
                      // Kept or failed, the next is due an interval on (a failed one is not tried
                      // again at every tick; the log is kept meanwhile).
                      checkpointDueNanos = ticker.nanos() + options.checkpointInterval().toNanos();
                      checkpointFailed = true;
                      long bytes = CheckpointFile.write(dir, position, state);
                      checkpointPosition = position;
                      checkpointFailed = false;
                      return bytes;
                    },
                    true));
  }

  private void trim() {
    disk.executeBlocking(
        () -> {
          spool.deleteBefore(Math.min(sender.position(), checkpointPosition));
          return null;
        },
        true);
  }

  @Override
  public boolean writable() {
    return keptBytes() < options.maxBytes();
  }

  /** The bytes of the log kept: not yet written to the database, or after the last checkpoint. */
  private long keptBytes() {
    return spool.durableEnd() - Math.min(sender.position(), checkpointPosition);
  }

  /** Waits until the sender has sent everything (within the configured timeout), then stops. */
  @Override
  public Future<Void> close() {
    vertx.cancelTimer(timerId);
    Promise<Void> done = Promise.promise();
    long deadline = ticker.nanos() + influx.timeout().toNanos();
    awaitSent(deadline, done);
    return done.future()
        .compose(
            v ->
                disk.executeBlocking(
                    () -> {
                      sender.close();
                      spool.close();
                      return null;
                    },
                    true))
        .<Void>mapEmpty()
        .eventually(() -> disk.close())
        .eventually(() -> checkpoints.close());
  }

  private void awaitSent(long deadline, Promise<Void> done) {
    if (sender.position() >= spool.durableEnd() || ticker.nanos() - deadline >= 0) {
      if (sender.position() < spool.durableEnd()) {
        log.info("[spool: {}] points not yet written stay in the spool for the next start", dir);
      }
      done.complete();
      return;
    }
    sender.wakeUp();
    vertx.setTimer(CLOSE_POLL_MS, id -> awaitSent(deadline, done));
  }
}
