package io.gemba.agent.sink;

import io.gemba.collector.point.Point;
import io.vertx.core.Future;
import java.util.List;

/** Where the engines' points go: the time-series database, or nowhere when none is configured. */
public interface PointWriter {

  /**
   * Takes the points of one engine step. Called on an engine's context: never blocks.
   *
   * @return completes, on the caller's context, once the points are as safe as this writer makes
   *     them (taken into memory; or durable in a spool): the messages that made them may then be
   *     acknowledged. Fails if they could not be kept.
   */
  Future<Void> write(List<Point> points);

  /** Whether points are being taken without loss (for {@code /health/ready}). */
  boolean writable();

  /** Writes what is still pending (within the configured timeout), then releases the client. */
  Future<Void> close();
}
