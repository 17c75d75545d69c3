package io.gemba.agent.sink;

import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.metrics.AgentMetrics;
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
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of one engine instance with a spool (ADR 0006): each run's points are appended to the
 * instance's {@link SegmentLog} and made durable (one {@code fsync} per run), and only then does
 * {@link #write}'s future complete, so that the run's messages are acknowledged. A {@link
 * SpoolSender} drains the log to InfluxDB; every second the segments it has written are deleted.
 *
 * <p>Bounded: while {@code maxBytes} or more of the log are not yet written to InfluxDB, {@link
 * #writable()} is false, and the instance takes no more messages (the broker keeps them) until the
 * sender catches up. On disk the log may hold up to a segment more, and what the last trim (every
 * second) has not deleted yet. The appends, commits and deletions run in order on a worker thread
 * of the instance's own.
 *
 * <p>The sender's position is saved after every batch ({@link SentPosition}); on start it goes on
 * from there. What it sends again after a crash (the position is not forced to disk) InfluxDB
 * overwrites: the same series and time.
 */
public final class SpoolWriter implements PointWriter {

  private static final Logger log = LoggerFactory.getLogger(SpoolWriter.class);
  private static final long TRIM_INTERVAL_MS = 1_000;

  private final Vertx vertx;
  private final SegmentLog spool;
  private final SpoolSender sender;
  private final WorkerExecutor disk;
  private final long maxBytes;
  private final InfluxConfig config;
  private final long timerId;

  /** Lines committed since the sender was last woken; on the disk thread only. */
  private int linesSinceWakeUp;

  /**
   * Opens (and recovers) the log in {@code dir} and starts its sender. Call from outside any Vert.x
   * context.
   */
  public SpoolWriter(
      Vertx vertx,
      Path dir,
      long maxBytes,
      int segmentBytes,
      InfluxConfig config,
      AgentMetrics metrics,
      int group)
      throws IOException {
    String name = "spool-group-" + group;
    this.vertx = vertx;
    this.maxBytes = maxBytes;
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
      log.info("[spool: {}] {} records to send", dir, recovery.records());
    }
    this.disk = vertx.createSharedWorkerExecutor(name, 1);
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
    metrics.spool(group, this::backlogBytes, maxBytes);
  }

  @Override
  public Future<Void> write(List<Point> points) {
    if (points.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> lines = new ArrayList<>(points.size());
    LineProtocol protocol = new LineProtocol();
    for (Point point : points) {
      lines.add(protocol.of(point));
    }
    byte[] payload = SpoolRecords.points(lines);
    int count = lines.size();
    return disk.executeBlocking(
            () -> {
              spool.append(SpoolRecords.POINTS, payload);
              spool.commit();
              // A full batch wakes the sender; less waits for its flush interval.
              linesSinceWakeUp += count;
              if (linesSinceWakeUp >= config.batchSize()) {
                linesSinceWakeUp = 0;
                sender.wakeUp();
              }
              return null;
            },
            true)
        .mapEmpty();
  }

  private void trim() {
    disk.executeBlocking(
        () -> {
          spool.deleteBefore(sender.position());
          return null;
        },
        true);
  }

  @Override
  public boolean writable() {
    return backlogBytes() < maxBytes;
  }

  /** The bytes of the log not yet written to InfluxDB. */
  private long backlogBytes() {
    return spool.durableEnd() - sender.position();
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
        .eventually(() -> disk.close());
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
