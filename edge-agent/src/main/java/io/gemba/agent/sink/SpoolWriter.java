package io.gemba.agent.sink;

import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.spool.CheckpointFile;
import io.gemba.agent.spool.EngineJournal;
import io.gemba.agent.spool.SegmentLog;
import io.gemba.agent.spool.SentPosition;
import io.gemba.agent.spool.SpoolRecords;
import io.gemba.collector.point.Point;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer and journal of one engine instance with a spool (ADR 0006). Each run's messages and
 * the points they made are appended to the instance's {@link SegmentLog} as one record and made
 * durable (one {@code fsync} per run), and only then does {@link #write}'s future complete, so that
 * the run's messages are acknowledged. Ticks are appended too, and forced to disk only when they
 * made points. A {@link SpoolSender} drains the points to InfluxDB. Checkpoints of the engine go to
 * the {@link CheckpointFile} beside the log, each covering the log before its position; a restart
 * restores the last one and applies again the runs and ticks after it ({@link #replay}).
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
 * from there. What it sends again after a crash (the position is not forced to disk) InfluxDB
 * overwrites: the same series and time.
 */
public final class SpoolWriter implements PointWriter, EngineJournal {

  private static final Logger log = LoggerFactory.getLogger(SpoolWriter.class);
  private static final long TRIM_INTERVAL_MS = 1_000;

  private final Vertx vertx;
  private final Path dir;
  private final SegmentLog spool;
  private final SpoolSender sender;
  private final WorkerExecutor disk;
  private final WorkerExecutor checkpoints;
  private final long maxBytes;
  private final long checkpointIntervalNanos;
  private final InfluxConfig config;
  private final long timerId;

  /** Lines committed since the sender was last woken; on the disk thread only. */
  private int linesSinceWakeUp;

  /** The position the last checkpoint covers the log up to; before one, the log's start. */
  private volatile long checkpointPosition;

  /**
   * The {@link System#nanoTime()} at which a checkpoint is due by time: at once when none was
   * taken, an interval after the last one, kept or failed.
   */
  private volatile long checkpointDueNanos = System.nanoTime();

  /**
   * The last checkpoint failed: none is due before {@link #checkpointDueNanos}, whatever the size.
   */
  private volatile boolean checkpointFailed;

  /**
   * Opens (and recovers) the log in {@code dir} and starts its sender. Call from outside any Vert.x
   * context.
   */
  public SpoolWriter(
      Vertx vertx,
      Path dir,
      long maxBytes,
      int segmentBytes,
      Duration checkpointInterval,
      InfluxConfig config,
      AgentMetrics metrics,
      int group)
      throws IOException {
    String name = "spool-group-" + group;
    this.vertx = vertx;
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.checkpointIntervalNanos = checkpointInterval.toNanos();
    this.config = config;
    this.spool = SegmentLog.open(dir, segmentBytes);
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
                config,
                metrics,
                dir.resolve("dead-letters.lp"),
                name,
                sent::save)
            .start();
    this.timerId = vertx.setPeriodic(TRIM_INTERVAL_MS, id -> trim());
    metrics.spool(group, this::keptBytes, maxBytes);
  }

  @Override
  public Future<Void> write(List<? extends SpoolRecords.Message> messages, List<Point> points) {
    List<String> lines = lines(points);
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
    List<String> lines = lines(points);
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

  private static List<String> lines(List<Point> points) {
    List<String> lines = new ArrayList<>(points.size());
    LineProtocol protocol = new LineProtocol();
    for (Point point : points) {
      lines.add(protocol.of(point));
    }
    return lines;
  }

  /** Commits; on the disk thread. A full batch of new lines wakes the sender. */
  private void commit(int lines) throws IOException {
    spool.commit();
    linesSinceWakeUp += lines;
    if (linesSinceWakeUp >= config.batchSize()) {
      linesSinceWakeUp = 0;
      sender.wakeUp();
    }
  }

  @Override
  public void replay(Replay replay) throws IOException {
    long started = System.nanoTime();
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
      try (SegmentLog.Reader reader = spool.reader(from)) {
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
        (System.nanoTime() - started) / 1_000_000);
  }

  @Override
  public boolean checkpointDue() {
    return System.nanoTime() - checkpointDueNanos >= 0
        || (!checkpointFailed && spool.durableEnd() - checkpointPosition >= maxBytes / 4);
  }

  /**
   * The position is taken on the disk thread, after the runs before, once they are durable; the
   * state is written on a thread of its own, so that the runs after go on being made durable (and
   * acknowledged) meanwhile.
   */
  @Override
  public Future<Long> checkpoint(CheckpointFile.State state) {
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
                      checkpointDueNanos = System.nanoTime() + checkpointIntervalNanos;
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
    return keptBytes() < maxBytes;
  }

  /** The bytes of the log kept: not yet written to InfluxDB, or after the last checkpoint. */
  private long keptBytes() {
    return spool.durableEnd() - Math.min(sender.position(), checkpointPosition);
  }

  /** Waits until the sender has sent everything (within the configured timeout), then stops. */
  @Override
  public Future<Void> close() {
    vertx.cancelTimer(timerId);
    Promise<Void> done = Promise.promise();
    long deadline = System.currentTimeMillis() + config.timeout().toMillis();
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
    if (sender.position() >= spool.durableEnd() || System.currentTimeMillis() >= deadline) {
      if (sender.position() < spool.durableEnd()) {
        log.info("[spool] points not yet written stay in the spool for the next start");
      }
      done.complete();
      return;
    }
    sender.wakeUp();
    vertx.setTimer(50, id -> awaitSent(deadline, done));
  }
}
