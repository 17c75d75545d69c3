package io.gemba.collector.engine;

import io.gemba.collector.kpi.KpiCalculator;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.point.Point;
import io.gemba.collector.point.PointSink;
import java.util.Objects;

/** What every station tracker of one engine shares: the policy in milliseconds, and the sink. */
final class EngineContext {

  final long thresholdMs;
  final long latenessMs;
  final long startupMs;
  final long silenceMs;
  final int backfillShifts;
  final long backfillHorizonMs;
  final KpiCalculator calculator;
  private final PointSink sink;
  long points;

  /** Events older than their station's latest, and replays, summed over stations as they come. */
  long backwards;

  long corrections;

  /** Events taken for a rebuild that the horizon had passed when it came: late after all. */
  long lateAtRebuild;

  EngineContext(KpiPolicy policy, PointSink sink) {
    Objects.requireNonNull(policy, "policy");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.thresholdMs = policy.microStopThreshold().toMillis();
    this.latenessMs = policy.allowedLateness().toMillis();
    this.startupMs = policy.startupAfterChangeover().toMillis();
    this.silenceMs = policy.silenceTimeout().toMillis();
    this.backfillShifts = policy.backfillShifts();
    this.backfillHorizonMs = policy.backfillHorizon().toMillis();
    this.calculator = new KpiCalculator(policy.microStopPolicy());
  }

  void emit(Point point) {
    points++;
    sink.accept(point);
  }
}
