package io.gemba.agent.sink;

import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.engine.PointWriter;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.spool.LineProtocol;
import io.gemba.agent.spool.LineWriter;
import io.gemba.agent.spool.WriteFailure;
import io.gemba.agent.timing.Backoff;
import io.gemba.agent.timing.Throttle;
import io.gemba.agent.timing.Ticker;
import io.gemba.collector.point.Point;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes points to the database without a spool, through a {@link LineWriter} on a worker thread of
 * its own, in batches, keeping them in memory meanwhile.
 *
 * <p>Points wait in a bounded buffer, owned by the writer's own Vert.x context. A batch is sent
 * when {@code batchSize} points wait or at every {@code flushInterval}, one batch at a time. A
 * batch that fails for want of the server (no connection, 5xx, 429) is tried again at the first
 * flush after a {@link Backoff} (or the server's {@code Retry-After}); a batch the server refuses
 * (another 4xx) is given up and counted. When the buffer is full, the oldest points are given up
 * and counted ({@code buffer_full}); the bound counts the batch under way. Nothing is dropped
 * without a count and a log line; with a spool ({@code spool.dir}) nothing is dropped at all.
 */
public final class InfluxPointWriter implements PointWriter.PointsOnly {

  private static final Logger log = LoggerFactory.getLogger(InfluxPointWriter.class);
  private static final Duration OVERFLOW_LOG_INTERVAL = Duration.ofSeconds(10);
  private static final long CLOSE_POLL_MS = 50;

  private final Vertx vertx;
  private final Context context;
  private final InfluxConfig config;
  private final LineWriter out;
  private final AgentMetrics metrics;
  private final Ticker ticker;
  private final Backoff backoff;
  private final Throttle overflowLog;
  private final WorkerExecutor executor;
  private final long timerId;

  /** Lines waiting, oldest first; touched only on {@link #context}. */
  private final ArrayDeque<String> pending = new ArrayDeque<>();

  private final AtomicInteger waiting = new AtomicInteger();
  private List<String> inFlight;
  private long retryAtNanos;
  private boolean retrying;
  private boolean closing;

  /**
   * A writer to {@code out} with {@code config}'s batches, buffer and timeout; call from outside
   * any Vert.x context.
   *
   * @param ticker measures the backoff, the log interval and the close timeout
   */
  public InfluxPointWriter(
      Vertx vertx,
      InfluxConfig config,
      LineWriter out,
      AgentMetrics metrics,
      Ticker ticker,
      Backoff backoff) {
    this.vertx = vertx;
    this.config = config;
    this.out = out;
    this.metrics = metrics;
    this.ticker = ticker;
    this.backoff = backoff;
    this.overflowLog = new Throttle(ticker, OVERFLOW_LOG_INTERVAL);
    this.context = vertx.getOrCreateContext();
    this.executor = vertx.createSharedWorkerExecutor("influx-writer", 1);
    this.timerId =
        vertx.setPeriodic(
            config.flushInterval().toMillis(), id -> context.runOnContext(v -> send()));
  }

  /** The messages are not kept: without a spool, a restart does not apply them again. */
  @Override
  public Future<Void> write(List<Point> points) {
    if (points.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> lines = LineProtocol.lines(points);
    waiting.addAndGet(lines.size());
    context.runOnContext(v -> take(lines));
    return Future.succeededFuture();
  }

  private void take(List<String> lines) {
    pending.addAll(lines);
    trim();
    if (pending.size() >= config.batchSize()) {
      send();
    }
  }

  /**
   * Keeps at most {@code maxPendingPoints} points, those of a batch under way included, giving up
   * the oldest of those waiting.
   */
  private void trim() {
    int over =
        pending.size() + (inFlight == null ? 0 : inFlight.size()) - config.maxPendingPoints();
    if (over > 0) {
      for (int i = 0; i < over; i++) {
        pending.pollFirst();
      }
      waiting.addAndGet(-over);
      metrics.notWritten(over, "buffer_full");
      if (overflowLog.pass()) {
        log.warn(
            "[influx: {}] buffer of {} points full: gave up the {} oldest",
            out.target(),
            config.maxPendingPoints(),
            over);
      }
    }
  }

  @Override
  public boolean writable() {
    return waiting.get() < config.maxPendingPoints();
  }

  /** Sends the next batch, unless one is under way or the backoff after a failure runs. */
  private void send() {
    if (inFlight != null || pending.isEmpty() || (retrying && ticker.nanos() - retryAtNanos < 0)) {
      return;
    }
    int size = Math.min(config.batchSize(), pending.size());
    List<String> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(pending.pollFirst());
    }
    inFlight = batch;
    long start = ticker.nanos();
    executor
        .executeBlocking(
            () -> {
              out.write(batch);
              return null;
            },
            false)
        .onComplete(
            result -> {
              inFlight = null;
              if (result.succeeded()) {
                written(batch, ticker.nanos() - start);
              } else {
                failed(batch, result.cause());
              }
            });
  }

  private void written(List<String> batch, long nanos) {
    waiting.addAndGet(-batch.size());
    metrics.written(batch.size(), nanos);
    backoff.succeeded();
    retrying = false;
    if (pending.size() >= config.batchSize() || closing) {
      send();
    }
  }

  private void failed(List<String> batch, Throwable cause) {
    WriteFailure failure =
        cause instanceof WriteFailure known
            ? known
            : new WriteFailure(0, cause.toString(), OptionalLong.empty(), cause);
    if (failure.refused()) {
      waiting.addAndGet(-batch.size());
      metrics.notWritten(batch.size(), "refused");
      log.warn(
          "[influx: {}] refused a batch of {} points (HTTP {}): {}",
          out.target(),
          batch.size(),
          failure.status(),
          failure.getMessage());
      send();
      return;
    }
    metrics.writeFailed(failure.reason());
    for (int i = batch.size() - 1; i >= 0; i--) {
      pending.addFirst(batch.get(i));
    }
    trim();
    long waitMs = failure.retryAfterMs().orElse(backoff.failed());
    retrying = true;
    retryAtNanos = ticker.nanos() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    log.warn(
        "[influx: {}] write of {} points failed, trying again in {} ms: {}",
        out.target(),
        batch.size(),
        waitMs,
        failure.reason() + ": " + failure.getMessage());
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          closing = true;
          vertx.cancelTimer(timerId);
          retrying = false;
          send();
          awaitDrained(ticker.nanos() + config.timeout().toNanos(), done);
        });
    return done.future().eventually(() -> executor.close()).andThen(r -> out.close());
  }

  private void awaitDrained(long deadline, Promise<Void> done) {
    if ((pending.isEmpty() && inFlight == null) || ticker.nanos() - deadline >= 0) {
      if (!pending.isEmpty() || inFlight != null) {
        int left = pending.size() + (inFlight == null ? 0 : inFlight.size());
        metrics.notWritten(left, "shutdown");
        log.warn("[influx: {}] {} points not written at shutdown", out.target(), left);
      }
      done.complete();
      return;
    }
    send();
    vertx.setTimer(CLOSE_POLL_MS, id -> context.runOnContext(v -> awaitDrained(deadline, done)));
  }
}
