package io.gemba.agent.sink;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.spool.SegmentLog;
import io.gemba.agent.spool.SpoolRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the points of a {@link SegmentLog} to InfluxDB, in order, in batches, on a thread of its
 * own (ADR 0006): the log holds them durably, so nothing is dropped here.
 *
 * <ul>
 *   <li>A batch takes whole records from the sender's position until it holds {@code
 *       influx.batchSize} lines or more, or the log ends. When the log has no more, the sender
 *       waits {@code influx.flushInterval}, or less if {@link #wakeUp} says there is more.
 *   <li>Written: the position moves past the batch ({@link #position()}, for the log's trimming).
 *   <li>InfluxDB unreachable, 5xx or 429: the same batch again after a backoff of 1 s doubling up
 *       to 30 s, with ±20% jitter so that agents restarted together do not retry together; or after
 *       the server's {@code Retry-After}.
 *   <li>Another 4xx: the server refuses something in the batch. It is split in halves, each sent on
 *       its own, down to single lines; a line refused alone goes to the dead-letter file, with the
 *       server's answer in a comment line above it, and is counted ({@code
 *       gemba_points_not_written_total{reason="refused"}}); the rest is written. (InfluxDB refuses
 *       a whole batch for one bad line.)
 * </ul>
 */
public final class SpoolSender implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SpoolSender.class);

  private final SegmentLog spool;
  private final InfluxConfig config;
  private final AgentMetrics metrics;
  private final Path deadLetters;
  private final InfluxDBClient client;
  private final WriteApiBlocking writeApi;
  private final Thread thread;
  private final Object signal = new Object();

  private final PositionListener saved;
  private volatile long position;
  private volatile boolean running = true;
  private boolean woken;
  private long backoffMs = InfluxClients.MIN_BACKOFF_MS;

  /**
   * How many lines of the batch at {@link #position} an earlier try wrote or dead-lettered before
   * it failed for want of the server: the next try starts after them.
   */
  private int handledAtPosition;

  /**
   * A sender of {@code spool}'s points from {@code position}; start it with {@link #start}.
   *
   * @param deadLetters the file that lines InfluxDB refuses are appended to
   */
  public SpoolSender(
      SegmentLog spool,
      long position,
      InfluxConfig config,
      AgentMetrics metrics,
      Path deadLetters,
      String name,
      PositionListener saved) {
    this.saved = saved;
    this.spool = spool;
    this.position = position;
    this.config = config;
    this.metrics = metrics;
    this.deadLetters = deadLetters;
    this.client = InfluxClients.create(config);
    this.writeApi = client.getWriteApiBlocking();
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  /** Told the new position after every batch written, on the sender's thread. */
  @FunctionalInterface
  public interface PositionListener {
    void written(long position) throws IOException;
  }

  /** Starts sending. */
  public SpoolSender start() {
    thread.start();
    return this;
  }

  /** The position up to which every point has been written (or dead-lettered). Any thread. */
  public long position() {
    return position;
  }

  /** Says that the log has new committed records. Any thread; never blocks. */
  public void wakeUp() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void run() {
    while (running) {
      try {
        Batch batch = nextBatch();
        if (batch.lines().isEmpty()) {
          position = batch.end();
          await(config.flushInterval().toMillis());
          continue;
        }
        long start = System.nanoTime();
        List<String> rest = batch.lines().subList(handledAtPosition, batch.lines().size());
        Outcome outcome = write(rest);
        if (outcome.retryAfterMs() < 0) {
          metrics.written(rest.size() - outcome.refused(), System.nanoTime() - start);
          position = batch.end();
          handledAtPosition = 0;
          saved.written(position);
          backoffMs = InfluxClients.MIN_BACKOFF_MS;
        } else {
          // What this try wrote, and dead-lettered, stays done: the next starts after it.
          metrics.written(outcome.handled() - outcome.refused(), System.nanoTime() - start);
          handledAtPosition += outcome.handled();
          long waitMs = outcome.retryAfterMs() > 0 ? outcome.retryAfterMs() : jittered(backoffMs);
          backoffMs = Math.min(InfluxClients.MAX_BACKOFF_MS, backoffMs * 2);
          log.warn(
              "[influx: {}] write of {} points failed ({}), trying again in {} ms",
              config.url().orElseThrow(),
              batch.lines().size(),
              outcome.failure(),
              waitMs);
          pause(waitMs);
        }
      } catch (IOException | RuntimeException e) {
        log.error("[influx: {}] sender: {}", config.url().orElseThrow(), e.toString(), e);
        pause(InfluxClients.MAX_BACKOFF_MS);
      }
    }
  }

  private record Batch(List<String> lines, long end) {}

  /** The lines of whole records from the position, up to the batch size, and where they end. */
  private Batch nextBatch() throws IOException {
    List<String> lines = new ArrayList<>();
    long end = position;
    try (SegmentLog.Reader reader = spool.reader(Math.max(position, spool.start()))) {
      SegmentLog.Entry entry;
      while (lines.size() < config.batchSize() && (entry = reader.next()) != null) {
        if (entry.type() == SpoolRecords.RUN || entry.type() == SpoolRecords.TICK) {
          lines.addAll(SpoolRecords.points(entry.payload()));
        }
        end = entry.next();
      }
    }
    return new Batch(lines, end);
  }

  /**
   * The outcome of writing a batch.
   *
   * @param retryAfterMs -1 when done (written, or refused lines dead-lettered); 0 to retry after
   *     the backoff; above 0 to retry after that long (the server's {@code Retry-After})
   * @param refused the lines dead-lettered
   * @param handled when to be retried: how many lines from the first were written or dead-lettered
   *     before the failure; when done, all
   * @param failure why it must be retried
   */
  record Outcome(long retryAfterMs, int refused, int handled, String failure) {
    static Outcome done(int lines, int refused) {
      return new Outcome(-1, refused, lines, "");
    }
  }

  /** One write of some lines to InfluxDB: throws {@link InfluxException} if it is not written. */
  @FunctionalInterface
  interface Write {
    void write(List<String> lines);
  }

  /** Takes a line refused on its own, with the server's status and answer. */
  @FunctionalInterface
  interface DeadLetters {
    void refused(String line, int status, String message);
  }

  private Outcome write(List<String> lines) {
    return write(
        lines, batch -> writeApi.writeRecords(WritePrecision.MS, batch), this::deadLetter, metrics);
  }

  /**
   * Writes {@code lines} with {@code write}; a batch the server refuses (a 4xx but 429) is split in
   * halves, each written on its own, down to the lines refused alone, which go to {@code
   * deadLetters}; a failure to retry (unreachable, 5xx, 429) ends it, the lines not yet written to
   * be sent again.
   */
  static Outcome write(
      List<String> lines, Write write, DeadLetters deadLetters, AgentMetrics metrics) {
    try {
      write.write(lines);
      return Outcome.done(lines.size(), 0);
    } catch (InfluxException e) {
      int status = e.status();
      if (!InfluxClients.refused(status)) {
        String reason = InfluxClients.failure(status);
        metrics.writeFailed(reason);
        return new Outcome(
            InfluxClients.retryAfterMs(e).orElse(0), 0, 0, reason + ": " + e.getMessage());
      }
      if (lines.size() == 1) {
        deadLetters.refused(lines.get(0), status, e.getMessage());
        return Outcome.done(1, 1);
      }
      int half = lines.size() / 2;
      Outcome first = write(lines.subList(0, half), write, deadLetters, metrics);
      if (first.retryAfterMs() >= 0) {
        return first;
      }
      Outcome second = write(lines.subList(half, lines.size()), write, deadLetters, metrics);
      if (second.retryAfterMs() >= 0) {
        return new Outcome(
            second.retryAfterMs(),
            first.refused() + second.refused(),
            half + second.handled(),
            second.failure());
      }
      return Outcome.done(lines.size(), first.refused() + second.refused());
    }
  }

  private void deadLetter(String line, int status, String message) {
    metrics.notWritten(1, "refused");
    String comment =
        "# "
            + Instant.now()
            + " HTTP "
            + status
            + ": "
            + String.valueOf(message).replace('\n', ' ')
            + "\n";
    try {
      Files.writeString(
          deadLetters,
          comment + line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + deadLetters, e);
    }
    log.warn(
        "[influx: {}] refused a point (HTTP {}), kept in {}: {}",
        config.url().orElseThrow(),
        status,
        deadLetters,
        message);
  }

  private static long jittered(long ms) {
    return (long) (ms * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
  }

  private void await(long ms) {
    synchronized (signal) {
      if (!woken && running) {
        try {
          signal.wait(Math.max(1, ms));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
      woken = false;
    }
  }

  /** Waits {@code ms} whatever {@link #wakeUp} says (a backoff); {@link #close} ends it. */
  private void pause(long ms) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    synchronized (signal) {
      long left;
      while (running && (left = deadline - System.nanoTime()) > 0) {
        try {
          signal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }

  /** Stops after the batch under way (waiting at most the configured timeout), and the client. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    wakeUp();
    thread.join(config.timeout().toMillis() * 2);
    client.close();
  }
}
