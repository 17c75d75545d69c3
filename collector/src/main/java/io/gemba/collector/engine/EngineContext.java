package io.gemba.collector.engine;

import io.gemba.collector.kpi.KpiCalculator;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.SpecLimits;
import io.gemba.collector.point.Point;
import io.gemba.collector.point.PointSink;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every station tracker of one engine shares: the policy in milliseconds, the battery test
 * limits, and the sink.
 */
final class EngineContext {

  final long thresholdMs;
  final long latenessMs;
  final long startupMs;
  final long silenceMs;
  final int backfillShifts;
  final long backfillHorizonMs;
  final KpiCalculator calculator;
  final QualityPolicy quality;
  private final PlantModel model;
  private final PointSink sink;

  /** What reads every point as it is emitted (the lean KPIs' shift history). */
  private final Consumer<Point> tap;

  long points;

  /** Events older than their station's latest, and replays, summed over stations as they come. */
  long backwards;

  long corrections;

  /** Events taken for a rebuild that the horizon had passed when it came: late after all. */
  long lateAtRebuild;

  EngineContext(PlantModel model, PointSink sink, Consumer<Point> tap) {
    this.tap = Objects.requireNonNull(tap, "tap");
    this.model = Objects.requireNonNull(model, "model");
    KpiPolicy policy = model.policy();
    this.quality = model.quality();
    this.sink = Objects.requireNonNull(sink, "sink");
    this.thresholdMs = policy.microStopThreshold().toMillis();
    this.latenessMs = policy.allowedLateness().toMillis();
    this.startupMs = policy.startupAfterChangeover().toMillis();
    this.silenceMs = policy.silenceTimeout().toMillis();
    this.backfillShifts = policy.backfillShifts();
    this.backfillHorizonMs = policy.backfillHorizon().toMillis();
    this.calculator = new KpiCalculator(policy.microStopPolicy());
  }

  /** The specification limits of {@code product}'s measurements. */
  Map<String, SpecLimits> limits(String product) {
    return model.limits(product);
  }

  void emit(Point point) {
    points++;
    tap.accept(point);
    sink.accept(point);
  }
}
