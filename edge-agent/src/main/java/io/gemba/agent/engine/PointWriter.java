package io.gemba.agent.engine;

import io.gemba.agent.ingest.Message;
import io.gemba.collector.point.Point;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Where an engine instance hands its points: a spool, the time-series database directly, or nowhere
 * when none is configured. Each call hands over one engine run with what made its points, which a
 * writer with a spool keeps with them so that a restart can apply it again (ADR 0006).
 */
public interface PointWriter {

  /**
   * Takes a run of messages and the points they made. Called on an engine's context: never blocks.
   *
   * @return completes, on the caller's context, once the run is as safe as this writer makes it
   *     (the points taken into memory; or messages and points durable in a spool): the messages may
   *     then be acknowledged. Fails if they could not be kept.
   */
  Future<Void> write(List<? extends Message> messages, List<Point> points);

  /** Takes a tick of the wall clock and the points it made; as {@link #write(List, List)}. */
  Future<Void> write(Instant tick, List<Point> points);

  /** Whether points are being taken without loss (for {@code /health/ready}). */
  boolean writable();

  /** Writes what is still pending (within the configured timeout), then releases the client. */
  Future<Void> close();

  /**
   * A writer that keeps only points, in memory: a run of messages and a tick are both their points,
   * and a restart does not apply them again.
   */
  interface PointsOnly extends PointWriter {

    /** Takes points; as {@link PointWriter#write(List, List)}. */
    Future<Void> write(List<Point> points);

    @Override
    default Future<Void> write(List<? extends Message> messages, List<Point> points) {
      return write(points);
    }

    @Override
    default Future<Void> write(Instant tick, List<Point> points) {
      return write(points);
    }
  }
}
