package io.gemba.agent.sink;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.collector.point.Point;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes points to InfluxDB (or anything that speaks its v2 write API, such as VictoriaMetrics) in
 * batches, with influxdb-client-java's blocking write API on a worker thread of its own: the
 * client's asynchronous API drops points under back-pressure, this one keeps them until written.
 *
 * <p>Points wait in a bounded buffer, owned by the writer's own Vert.x context. A batch is sent
 * when {@code batchSize} points wait or every {@code flushInterval}, one batch at a time. A batch
 * that fails for want of the server (no connection, 5xx, 429) is tried again after a backoff of 1 s
 * doubling to 30 s (or the server's {@code Retry-After}); a batch the server refuses (another 4xx)
 * is given up and counted. When the buffer is full, the oldest points are given up and counted
 * ({@code buffer_full}); the bound counts the batch under way. Nothing is dropped without a count
 * and a log line; the durable spool comes with issue 5.
 */
public final class InfluxPointWriter implements PointWriter.PointsOnly {

  private static final Logger log = LoggerFactory.getLogger(InfluxPointWriter.class);

  private final Vertx vertx;
  private final Context context;
  private final InfluxConfig config;
  private final AgentMetrics metrics;
  private final InfluxDBClient client;
  private final WriteApiBlocking writeApi;
  private final WorkerExecutor executor;
  private final long timerId;

  /** Lines waiting, oldest first; touched only on {@link #context}. */
  private final ArrayDeque<String> pending = new ArrayDeque<>();

  private final AtomicInteger waiting = new AtomicInteger();
  private List<String> inFlight;
  private long backoffMs = InfluxClients.MIN_BACKOFF_MS;
  private long retryAtMs;
  private long lastOverflowLogMs;
  private boolean closing;

  /** A writer to {@code config}'s server; call from outside any Vert.x context. */
  public InfluxPointWriter(Vertx vertx, InfluxConfig config, AgentMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.metrics = metrics;
    this.context = vertx.getOrCreateContext();
    this.client = InfluxClients.create(config);
    this.writeApi = client.getWriteApiBlocking();
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
    List<String> lines = new ArrayList<>(points.size());
    LineProtocol protocol = new LineProtocol();
    for (Point point : points) {
      lines.add(protocol.of(point));
    }
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
      long now = System.currentTimeMillis();
      if (now - lastOverflowLogMs >= 10_000) {
        lastOverflowLogMs = now;
        log.warn(
            "[influx: {}] buffer of {} points full: gave up the {} oldest",
            config.url().orElseThrow(),
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
    if (inFlight != null || pending.isEmpty() || System.currentTimeMillis() < retryAtMs) {
      return;
    }
    int size = Math.min(config.batchSize(), pending.size());
    List<String> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(pending.pollFirst());
    }
    inFlight = batch;
    long start = System.nanoTime();
    executor
        .executeBlocking(
            () -> {
              writeApi.writeRecords(WritePrecision.MS, batch);
              return null;
            },
            false)
        .onComplete(
            result -> {
              inFlight = null;
              if (result.succeeded()) {
                written(batch, System.nanoTime() - start);
              } else {
                failed(batch, result.cause());
              }
            });
  }

  private void written(List<String> batch, long nanos) {
    waiting.addAndGet(-batch.size());
    metrics.written(batch.size(), nanos);
    backoffMs = InfluxClients.MIN_BACKOFF_MS;
    retryAtMs = 0;
    if (pending.size() >= config.batchSize() || closing) {
      send();
    }
  }

  private void failed(List<String> batch, Throwable cause) {
    int status = InfluxClients.status(cause);
    if (InfluxClients.refused(status)) {
      waiting.addAndGet(-batch.size());
      metrics.notWritten(batch.size(), "refused");
      log.warn(
          "[influx: {}] refused a batch of {} points (HTTP {}): {}",
          config.url().orElseThrow(),
          batch.size(),
          status,
          cause.getMessage());
      send();
      return;
    }
    metrics.writeFailed(InfluxClients.failure(status));
    for (int i = batch.size() - 1; i >= 0; i--) {
      pending.addFirst(batch.get(i));
    }
    trim();
    long waitMs = InfluxClients.retryAfterMs(cause).orElse(backoffMs);
    retryAtMs = System.currentTimeMillis() + waitMs;
    backoffMs = Math.min(InfluxClients.MAX_BACKOFF_MS, backoffMs * 2);
    log.warn(
        "[influx: {}] write of {} points failed, trying again in {} ms: {}",
        config.url().orElseThrow(),
        batch.size(),
        waitMs,
        cause.toString());
    vertx.setTimer(waitMs, id -> context.runOnContext(v -> send()));
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          closing = true;
          vertx.cancelTimer(timerId);
          retryAtMs = 0;
          send();
          long deadline = System.currentTimeMillis() + config.timeout().toMillis();
          awaitDrained(deadline, done);
        });
    return done.future().eventually(() -> executor.close()).andThen(r -> client.close());
  }

  private void awaitDrained(long deadline, Promise<Void> done) {
    if ((pending.isEmpty() && inFlight == null) || System.currentTimeMillis() >= deadline) {
      if (!pending.isEmpty() || inFlight != null) {
        int left = pending.size() + (inFlight == null ? 0 : inFlight.size());
        metrics.notWritten(left, "shutdown");
        log.warn(
            "[influx: {}] {} points not written at shutdown", config.url().orElseThrow(), left);
      }
      done.complete();
      return;
    }
    send();
    vertx.setTimer(50, id -> context.runOnContext(v -> awaitDrained(deadline, done)));
  }
}
