package io.gemba.collector.bench;

import io.gemba.collector.engine.KpiEngine;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * One pass of {@link KpiEngineBenchmark}'s stream through a fresh engine, for {@link
 * EngineComparison}: made in a class loader of one build of the engine, it is called only through
 * the JDK's {@link LongUnaryOperator}, so that two builds can run in one JVM.
 */
public final class EnginePass implements LongUnaryOperator {

  /** {@link #applyAsLong} argument: one {@code accept} per event. */
  static final long ACCEPT = 0;

  /** {@link #applyAsLong} argument: {@code acceptAll} of {@value KpiEngineBenchmark#BATCH}. */
  static final long BATCHES = 1;

  private final PlantModel model;
  private final TelemetryEvent[] events;
  private final List<List<TelemetryEvent>> batches = new ArrayList<>();
  private long points;

  /** Builds the benchmark's stream. */
  public EnginePass() {
    EngineWorkload workload = new EngineWorkload(KpiEngineBenchmark.SEED);
    model = workload.model;
    events = workload.generate(KpiEngineBenchmark.SEED, KpiEngineBenchmark.EVENTS).events();
    for (int from = 0; from < events.length; from += KpiEngineBenchmark.BATCH) {
      int to = Math.min(events.length, from + KpiEngineBenchmark.BATCH);
      batches.add(Arrays.asList(events).subList(from, to));
    }
  }

  /** Feeds the stream into a fresh engine ({@link #ACCEPT} or {@link #BATCHES}); the points. */
  @Override
  public long applyAsLong(long mode) {
    points = 0;
    KpiEngine engine = new KpiEngine(model, point -> points++);
    if (mode == ACCEPT) {
      for (TelemetryEvent event : events) {
        engine.accept(event);
      }
    } else {
      for (List<TelemetryEvent> batch : batches) {
        engine.acceptAll(batch);
      }
    }
    return points;
  }
}
