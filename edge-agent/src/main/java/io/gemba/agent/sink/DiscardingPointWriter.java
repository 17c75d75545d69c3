package io.gemba.agent.sink;

import io.gemba.agent.engine.PointWriter;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.collector.point.Point;
import io.vertx.core.Future;
import java.util.List;

/**
 * The writer when no database is configured (as in {@code demo}): KPIs are still on the API and
 * {@code /metrics}; the points are counted as not written, with reason {@code no_database}.
 */
public final class DiscardingPointWriter implements PointWriter.PointsOnly {

  private final AgentMetrics metrics;

  /** A writer that counts what it discards in {@code metrics}. */
  public DiscardingPointWriter(AgentMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Future<Void> write(List<Point> points) {
    if (!points.isEmpty()) {
      metrics.notWritten(points.size(), "no_database");
    }
    return Future.succeededFuture();
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
