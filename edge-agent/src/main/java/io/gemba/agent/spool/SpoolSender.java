package io.gemba.agent.spool;

import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.timing.Backoff;
import io.gemba.agent.timing.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the points of a {@link SegmentLog} to the database through a {@link LineWriter}, in order,
 * in batches, on a thread of its own (ADR 0006): the log holds them durably, so nothing is dropped
 * here.
 *
 * <ul>
 *   <li>A batch takes whole records from the sender's position until it holds {@code
 *       influx.batchSize} lines or more, or the log ends. When the log has no more, the sender
 *       waits {@code influx.flushInterval}, or less if {@link #wakeUp} says there is more.
 *   <li>Written: the position moves past the batch ({@link #position()}, for the log's trimming).
 *   <li>The database unreachable, 5xx or 429: the same batch again after the {@link Backoff}, or
 *       after the server's {@code Retry-After}.
 *   <li>Another 4xx: the server refuses something in the batch. It is split in halves, each sent on
 *       its own, down to single lines; a line refused alone goes to the {@link DeadLetters}, and is
 *       counted ({@code gemba_points_not_written_total{reason="refused"}}); the rest is written.
 *       (InfluxDB refuses a whole batch for one bad line.)
 *   <li>Damaged bytes in the log ({@link SegmentLog.Damage}): skipped, once each, with the point
 *       lines that can be read out of them kept in the dead letters and counted ({@code
 *       gemba_points_not_written_total{reason="damaged"}}), logged and told to the {@link
 *       DamageListener}.
 * </ul>
 */
public final class SpoolSender implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SpoolSender.class);

  private final SegmentLog spool;
  private final InfluxConfig config;
  private final LineWriter out;
  private final AgentMetrics metrics;
  private final DeadLetters deadLetters;
  private final PositionListener saved;
  private final DamageListener damaged;
  private final Ticker ticker;
  private final Backoff backoff;
  private final Thread thread;
  private final Object signal = new Object();

  private static final long NOT_FAILING = Long.MIN_VALUE;

  private volatile long position;
  private volatile boolean running = true;

  /**
   * Writes have failed since this {@link Ticker#nanos()}, with none written since; or NOT_FAILING.
   */
  private volatile long failingSinceNanos = NOT_FAILING;

  /** Why the last write failed. */
  private volatile String lastFailure = "";

  private boolean woken;

  /** Damage before this position has been reported; a batch read again does not report it twice. */
  private long damageReportedTo;

  /**
   * How many lines of the batch at {@link #position} an earlier try wrote or dead-lettered before
   * it failed for want of the server: the next try starts after them.
   */
  private int handledAtPosition;

  /** What a sender needs besides its log and its position. */
  public record Settings(
      InfluxConfig config,
      LineWriter out,
      DeadLetters deadLetters,
      AgentMetrics metrics,
      Ticker ticker,
      Backoff backoff) {}

  /**
   * A sender of {@code spool}'s points from {@code position}; start it with {@link #start}.
   *
   * @param name its thread's name
   * @param saved told each new position, to keep it for the next start
   * @param damaged told of each damage skipped, after it is logged and counted
   */
  public SpoolSender(
      SegmentLog spool,
      long position,
      Settings settings,
      String name,
      PositionListener saved,
      DamageListener damaged) {
    this.spool = spool;
    this.position = position;
    this.damageReportedTo = position;
    this.config = settings.config();
    this.out = settings.out();
    this.deadLetters = settings.deadLetters();
    this.metrics = settings.metrics();
    this.ticker = settings.ticker();
    this.backoff = settings.backoff();
    this.saved = saved;
    this.damaged = damaged;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  /** Told the new position after every batch written, on the sender's thread. */
  @FunctionalInterface
  public interface PositionListener {
    void written(long position) throws IOException;
  }

  /** Told of damage the sender skipped and dead-lettered, on the sender's thread. */
  @FunctionalInterface
  public interface DamageListener {
    void skipped(SegmentLog.Damage damage, int linesKept);
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

  /**
   * How long writes have failed, from the first failure with none written since; empty while they
   * succeed.
   */
  public Optional<Duration> failingFor() {
    long since = failingSinceNanos;
    return since == NOT_FAILING
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(ticker.nanos() - since));
  }

  /** Where it writes to. */
  public String target() {
    return out.target();
  }

  /** Why the last write failed ({@code unreachable: Connection refused}); empty if none did. */
  public String lastFailure() {
    return lastFailure;
  }

  /**
   * Says that the log has new committed records, or that the ticker moved: a wait for more ends,
   * and a backoff ends if its time is up. Any thread; never blocks.
   */
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
          moveTo(batch.end());
          await(config.flushInterval().toMillis());
          continue;
        }
        long start = ticker.nanos();
        List<String> rest = batch.lines().subList(handledAtPosition, batch.lines().size());
        Outcome outcome = write(rest, out, deadLetters, metrics);
        if (outcome.retryAfterMs() < 0) {
          metrics.written(rest.size() - outcome.refused(), ticker.nanos() - start);
          handledAtPosition = 0;
          moveTo(batch.end());
          backoff.succeeded();
          failingSinceNanos = NOT_FAILING;
        } else {
          if (failingSinceNanos == NOT_FAILING) {
            failingSinceNanos = start;
          }
          lastFailure = outcome.failure();
          // What this try wrote, and dead-lettered, stays done: the next starts after it.
          metrics.written(outcome.handled() - outcome.refused(), ticker.nanos() - start);
          handledAtPosition += outcome.handled();
          long waitMs = outcome.retryAfterMs() > 0 ? outcome.retryAfterMs() : backoff.failed();
          log.warn(
              "[influx: {}] write of {} points failed ({}), trying again in {} ms",
              out.target(),
              batch.lines().size(),
              outcome.failure(),
              waitMs);
          pause(waitMs);
        }
      } catch (IOException | RuntimeException e) {
        // The log or the dead-letter file cannot be read or written: a disk fault, tried again.
        long waitMs = backoff.failed();
        log.error(
            "[spool: {}] sender: {}, trying again in {} ms", spool.dir(), e.toString(), waitMs, e);
        pause(waitMs);
      }
    }
  }

  private void moveTo(long end) throws IOException {
    if (end != position) {
      position = end;
      saved.written(end);
    }
  }

  private record Batch(List<String> lines, long end) {}

  /** The lines of whole records from the position, up to the batch size, and where they end. */
  private Batch nextBatch() throws IOException {
    List<String> lines = new ArrayList<>();
    try (SegmentLog.Reader reader =
        spool.reader(Math.max(position, spool.start()), this::skipped)) {
      SegmentLog.Entry entry;
      while (lines.size() < config.batchSize() && (entry = reader.next()) != null) {
        if (entry.type() == SpoolRecords.RUN || entry.type() == SpoolRecords.TICK) {
          lines.addAll(SpoolRecords.points(entry.payload()));
        }
      }
      return new Batch(lines, reader.position());
    }
  }

  /** Damage the reader skipped: its points, as far as they can be read, to the dead letters. */
  private void skipped(SegmentLog.Damage damage) throws IOException {
    if (damage.position() < damageReportedTo) {
      return;
    }
    damageReportedTo = damage.end();
    int kept = deadLetters.damaged(damage);
    metrics.notWritten(kept, "damaged");
    log.error(
        "[spool: {}] skipped {} damaged bytes at position {} ({}); {} point lines read out of them"
            + " are kept in {}",
        damage.file().getParent(),
        damage.bytes(),
        damage.position(),
        damage.why(),
        kept,
        deadLetters.file());
    damaged.skipped(damage, kept);
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

  /**
   * Writes {@code lines} with {@code out}; a batch the server refuses (a 4xx but 429) is split in
   * halves, each written on its own, down to the lines refused alone, which go to {@code
   * deadLetters}; a failure to retry (unreachable, 5xx, 429) ends it, the lines not yet written to
   * be sent again.
   */
  static Outcome write(
      List<String> lines, LineWriter out, DeadLetters deadLetters, AgentMetrics metrics)
      throws IOException {
    try {
      out.write(lines);
      return Outcome.done(lines.size(), 0);
    } catch (WriteFailure e) {
      if (!e.refused()) {
        metrics.writeFailed(e.reason());
        return new Outcome(e.retryAfterMs().orElse(0), 0, 0, e.reason() + ": " + e.getMessage());
      }
      if (lines.size() == 1) {
        deadLetters.refused(lines.get(0), e.status(), e.getMessage());
        metrics.notWritten(1, "refused");
        log.warn(
            "[influx: {}] refused a point (HTTP {}), kept in {}: {}",
            out.target(),
            e.status(),
            deadLetters.file(),
            e.getMessage());
        return Outcome.done(1, 1);
      }
      int half = lines.size() / 2;
      Outcome first = write(lines.subList(0, half), out, deadLetters, metrics);
      if (first.retryAfterMs() >= 0) {
        return first;
      }
      Outcome second = write(lines.subList(half, lines.size()), out, deadLetters, metrics);
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

  /**
   * Waits until {@code ms} have passed on the ticker, whatever new records {@link #wakeUp} tells of
   * (a backoff); a wake-up only makes it look at the ticker again. {@link #close} ends it.
   */
  private void pause(long ms) {
    long deadline = ticker.nanos() + TimeUnit.MILLISECONDS.toNanos(ms);
    synchronized (signal) {
      long left;
      while (running && (left = deadline - ticker.nanos()) > 0) {
        try {
          signal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
      woken = false;
    }
  }

  /** Stops after the batch under way (waiting at most the configured timeout), and the client. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    wakeUp();
    thread.join(config.timeout().toMillis() * 2);
    out.close();
  }
}
