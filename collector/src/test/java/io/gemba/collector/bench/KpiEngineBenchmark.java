package io.gemba.collector.bench;

import io.gemba.collector.engine.EngineStats;
import io.gemba.collector.engine.KpiEngine;
import io.gemba.collector.engine.Outcome;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.point.Point;
import io.gemba.collector.point.PointSink;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * KPI engine throughput on one thread (one core): a mixed stream of {@value #EVENTS} already
 * decoded events of 1,000 stations (see {@link EngineWorkload} for the plant, the mix and the
 * event-time rate) fed into a fresh engine, one event at a time ({@link #accept}) or in batches of
 * {@value #BATCH} ({@link #acceptAllBatchesOf100}). Decoding is not measured. The score is events
 * per second: each invocation counts as {@value #EVENTS} operations, so {@code gc.alloc.rate.norm}
 * is bytes per event. The engine is made in a per-invocation setup, outside the measured time; an
 * invocation takes seconds, so an iteration of 5 s is one to a few invocations.
 *
 * <p>The trial setup prints the stream's mix, then feeds the stream once into an engine (which also
 * warms the JIT up) and prints its counters, the points per event and the heap it holds at the end
 * of the stream; the trial tear-down prints the points per event of the last invocation. Run pinned
 * to one core:
 *
 * <pre>
 * ./mvnw -q -B -o -pl collector -Pbench test-compile
 * taskset -c 0 ./mvnw -B -o -pl collector -Pbench exec:exec \
 *     -Djmh.args="KpiEngineBenchmark -prof gc -rf json -rff target/jmh-engine.json"
 * </pre>
 *
 * <p>Pinned to one CPU the JVM picks the Serial collector. The heap is the same 512 MiB as {@link
 * DecodeBenchmark}'s; the stream takes about 110 MiB of it, the engine what the setup prints.
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
public class KpiEngineBenchmark {

  static final int EVENTS = 1_000_000;
  static final int BATCH = 100;
  static final long SEED = 20261126L;

  private PlantModel model;
  private TelemetryEvent[] events;
  private List<List<TelemetryEvent>> batches;
  private final CountingSink sink = new CountingSink();
  private KpiEngine engine;

  /** Counts the points and consumes them, as a writer would take them. */
  static final class CountingSink implements PointSink {
    Blackhole blackhole;
    long points;

    @Override
    public void accept(Point point) {
      points++;
      if (blackhole != null) {
        blackhole.consume(point);
      }
    }
  }

  /**
   * Builds the stream, then feeds it once into an engine, outside the measurement: to print the
   * engine's counters, the points per event and the heap the engine holds at the end of the stream
   * (used heap after GC with and without it). This run also warms the JIT up.
   */
  @Setup(Level.Trial)
  public void buildStream() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long empty = usedAfterGc(memory);
    EngineWorkload workload = new EngineWorkload(SEED);
    EngineWorkload.Stream stream = workload.generate(SEED, EVENTS);
    model = workload.model;
    events = stream.events();
    batches = new ArrayList<>(EVENTS / BATCH + 1);
    for (int from = 0; from < EVENTS; from += BATCH) {
      batches.add(Arrays.asList(events).subList(from, Math.min(EVENTS, from + BATCH)));
    }
    long withStream = usedAfterGc(memory);
    long spanMs = stream.last().toEpochMilli() - stream.first().toEpochMilli();
    System.out.printf(
        Locale.ROOT,
        "%n[stream] %,d events of %d stations, event time %s to %s local (%.1f min), %.2f s between"
            + " a station's events on average%n[stream] by channel %s%n[stream] state changes to %s;"
            + " %,d stops under 2 min%n[stream] %,d events (%.2f%%) delivered after a later event of"
            + " their station%n",
        EVENTS,
        EngineWorkload.STATIONS,
        stream.first().atZone(EngineWorkload.ZONE).toLocalDateTime(),
        stream.last().atZone(EngineWorkload.ZONE).toLocalDateTime(),
        spanMs / 60_000.0,
        spanMs / 1000.0 / (EVENTS / (double) EngineWorkload.STATIONS),
        stream.byChannel(),
        stream.byState(),
        stream.microStops(),
        stream.delayed(),
        100.0 * stream.delayed() / EVENTS);

    CountingSink check = new CountingSink();
    KpiEngine full = new KpiEngine(model, check);
    for (TelemetryEvent event : events) {
      full.accept(event);
    }
    EngineStats stats = full.stats();
    long withEngine = usedAfterGc(memory);
    full = null;
    long withoutEngine = usedAfterGc(memory);
    System.out.printf(
        Locale.ROOT,
        "[engine] %s%n[engine] points per event (accept) %.4f%n[heap] the stream takes %,d MiB;"
            + " the engine holds %,d MiB after the stream; used after GC with both %,d MiB%n",
        stats,
        check.points / (double) EVENTS,
        (withStream - empty) >> 20,
        (withEngine - withoutEngine) >> 20,
        withEngine >> 20);
  }

  /** The points of the last invocation, per event (no GC here: it would count in -prof gc). */
  @TearDown(Level.Trial)
  public void report() {
    System.out.printf(
        Locale.ROOT,
        "%n[engine] last invocation: %s, points per event %.4f%n",
        engine.stats(),
        sink.points / (double) EVENTS);
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /**
   * A fresh engine for every invocation: event time must not go back in an engine. The engine of
   * the invocation before is collected here, outside the measurement: a running agent keeps one
   * engine, so without this every invocation would pay for collecting old engines, as many or as
   * few as the heap happened to hold, and the score would swing by a third between invocations.
   */
  @Setup(Level.Invocation)
  public void freshEngine() {
    sink.points = 0;
    engine = null;
    System.gc();
    engine = new KpiEngine(model, sink);
  }

  /** One {@code accept} per event, as the agent applies a message. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public int accept(Blackhole blackhole) {
    sink.blackhole = blackhole;
    KpiEngine target = engine;
    int applied = 0;
    for (TelemetryEvent event : events) {
      if (target.accept(event) == Outcome.APPLIED) {
        applied++;
      }
    }
    return applied;
  }

  /** {@code acceptAll} with {@value #BATCH} events at a time, as a batch poll would hand them. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public KpiEngine acceptAllBatchesOf100(Blackhole blackhole) {
    sink.blackhole = blackhole;
    KpiEngine target = engine;
    for (List<TelemetryEvent> batch : batches) {
      target.acceptAll(batch);
    }
    return target;
  }

  /**
   * The floor under {@link #accept}: only reads what the engine reads first of every event (its
   * topic and time), with no engine. With a million events of a thousand stations this is mostly
   * waiting for memory, which the engine pays too.
   */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long readStreamOnly() {
    long sum = 0;
    for (TelemetryEvent event : events) {
      sum += event.envelope().ts().toEpochMilli() + event.envelope().topic().station().length();
    }
    return sum;
  }
}
