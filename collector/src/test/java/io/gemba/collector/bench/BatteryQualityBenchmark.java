package io.gemba.collector.bench;

import io.gemba.collector.engine.KpiEngine;
import io.gemba.collector.engine.Outcome;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's rate for battery tests alone, on one thread: {@value #TESTS} end-of-line tests of
 * the 100 testers of {@link EngineWorkload}'s plant (seven measurements each, three products, in
 * time order: a test 2–30 s late is never after its tester's next one), about 2,000 per tester, so
 * that every rolling window of {@value io.gemba.collector.plant.QualityPolicy#DEFAULT_WINDOW} tests
 * is full for most of the stream. Each test is judged, counted for first-pass yield, and moves the
 * rolling statistics and the control chart of its seven measurements: a {@code battery_test} point
 * and seven {@code battery_quality} points. The score is tests per second; {@link
 * KpiEngineBenchmark} measures them in the mixed stream, at their share there.
 *
 * <pre>
 * taskset -c 0 ./mvnw -B -o -pl collector -Pbench test-compile exec:exec \
 *     -Djmh.args="BatteryQualityBenchmark -prof gc"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class BatteryQualityBenchmark {

  static final int TESTS = 200_000;

  private PlantModel model;
  private TelemetryEvent[] tests;
  private final KpiEngineBenchmark.CountingSink sink = new KpiEngineBenchmark.CountingSink();
  private KpiEngine engine;

  /** Builds the stream and prints what it holds. */
  @Setup(Level.Trial)
  public void buildStream() {
    EngineWorkload workload = new EngineWorkload(KpiEngineBenchmark.SEED);
    EngineWorkload.Stream stream = workload.batteryTests(KpiEngineBenchmark.SEED, TESTS);
    model = workload.model;
    tests = stream.events();
    System.out.printf(
        Locale.ROOT,
        "%n[stream] %,d battery tests, event time %s to %s local (%.1f h), %,d (%.2f%%) delivered"
            + " late%n",
        TESTS,
        stream.first().atZone(EngineWorkload.ZONE).toLocalDateTime(),
        stream.last().atZone(EngineWorkload.ZONE).toLocalDateTime(),
        (stream.last().toEpochMilli() - stream.first().toEpochMilli()) / 3_600_000.0,
        stream.delayed(),
        100.0 * stream.delayed() / TESTS);
  }

  /** The engine's counters and the points per test of the last invocation. */
  @TearDown(Level.Trial)
  public void report() {
    System.out.printf(
        Locale.ROOT,
        "%n[engine] last invocation: %s, points per test %.3f%n",
        engine.stats(),
        sink.points / (double) TESTS);
  }

  /** A fresh engine for every invocation, as in {@link KpiEngineBenchmark#freshEngine}. */
  @Setup(Level.Invocation)
  public void freshEngine() {
    sink.points = 0;
    engine = null;
    System.gc();
    engine = new KpiEngine(model, sink);
  }

  /** One {@code accept} per test. */
  @Benchmark
  @OperationsPerInvocation(TESTS)
  public int accept(Blackhole blackhole) {
    sink.blackhole = blackhole;
    KpiEngine target = engine;
    int applied = 0;
    for (TelemetryEvent test : tests) {
      if (target.accept(test) == Outcome.APPLIED) {
        applied++;
      }
    }
    return applied;
  }
}
