package io.gemba.collector.bench;

import io.gemba.collector.engine.KpiEngine;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;

/**
 * The KPI engine's memory at a message rate: the {@link EngineWorkload} plant (1,000 stations, the
 * default policy: 5 min lateness, backfill to the previous shift and at most 24 h, or the shifts of
 * {@code bench.backfillShifts}) fed some minutes of event time (system property {@code
 * bench.minutes}, default {@value #MINUTES}) at 1,000, 5,000 and 10,000 messages a second (its
 * counter stations read their counters more often), made a minute at a time, then the live heap the
 * engine holds (after full collections, less the heap before) and the size of its checkpoint. The
 * engine keeps the facts of its backfill horizon, so what it holds grows with the minutes fed, up
 * to the horizon; run at two lengths for the growth an hour.
 *
 * <pre>
 * ./mvnw -pl collector -Pbench test-compile org.codehaus.mojo:exec-maven-plugin:exec \
 *     -Dbench.main=io.gemba.collector.bench.EngineMemory -Dbench.jvm=-Xmx8g -Djmh.args=
 * </pre>
 *
 * Arguments, optional: the rates to measure, in messages a second. With {@code
 * bench.checkpointFile}, each rate's last checkpoint is written to that path with {@code -RATE}
 * appended, for a look at its parts.
 */
public final class EngineMemory {

  /**
   * Event time fed: the lateness and then some, so that the engine holds what it holds for good.
   */
  static final int MINUTES = 12;

  private static final int MINUTES_FED = Integer.getInteger("bench.minutes", MINUTES);

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private EngineMemory() {}

  public static void main(String[] args) throws Exception {
    int[] rates =
        args.length == 0
            ? new int[] {1_000, 5_000, 10_000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.println(
        "| messages/s (asked) | minutes | backfill | messages/s (made) | events | live heap |"
            + " checkpoint |");
    System.out.println("|---:|---:|---|---:|---:|---:|---:|");
    for (int rate : rates) {
      measure(rate);
    }
  }

  private static void measure(int rate) throws Exception {
    long before = liveHeap();
    // 800 counter stations make almost all messages; the rest make about 4 a minute each.
    long countEveryMs = Math.max(10, Math.round(800 * 1_000.0 / (rate - 70)));
    EngineWorkload workload = new EngineWorkload(KpiEngineBenchmark.SEED, countEveryMs, policy());
    long count = (long) rate * MINUTES_FED * 60;
    long[] points = new long[1];
    long[] first = {Long.MAX_VALUE};
    long[] last = {Long.MIN_VALUE};
    KpiEngine engine = new KpiEngine(workload.model, point -> points[0]++);
    workload.stream(
        KpiEngineBenchmark.SEED,
        count,
        minute -> {
          for (TelemetryEvent event : minute) {
            long ts = event.envelope().ts().toEpochMilli();
            first[0] = Math.min(first[0], ts);
            last[0] = Math.max(last[0], ts);
          }
          for (int from = 0; from < minute.size(); from += 100) {
            engine.acceptAll(minute.subList(from, Math.min(minute.size(), from + 100)));
          }
        });
    double seconds = (last[0] - first[0]) / 1000.0;
    long held = liveHeap() - before;
    byte[] saved = engine.checkpoint();
    int checkpoint = saved.length;
    String keep = System.getProperty("bench.checkpointFile");
    if (keep != null) {
      java.nio.file.Files.write(java.nio.file.Path.of(keep + "-" + rate), saved);
    }
    System.out.printf(
        "| %,d | %d | %s | %,.0f | %,d | %.1f MiB | %.1f MB |%n",
        rate,
        MINUTES_FED,
        horizon(workload.model.policy()),
        count / seconds,
        count,
        held / 1048576.0,
        checkpoint / 1e6);
    if (engine.stats().stations() == 0 || points[0] == 0) {
      throw new IllegalStateException("the engine made nothing");
    }
  }

  /**
   * The default policy, or with the backfill horizon of system property {@code
   * bench.backfillShifts} (shifts before the current one, at most 24 h).
   */
  private static KpiPolicy policy() {
    KpiPolicy p = KpiPolicy.defaults();
    Integer shifts = Integer.getInteger("bench.backfillShifts");
    if (shifts == null) {
      return p;
    }
    return new KpiPolicy(
        p.microStopPolicy(),
        p.microStopThreshold(),
        p.oeeTarget(),
        p.localContentTarget(),
        p.allowedLateness(),
        p.startupAfterChangeover(),
        p.silenceTimeout(),
        shifts,
        p.backfillHorizon());
  }

  private static String horizon(KpiPolicy policy) {
    return policy.backfillShifts()
        + " shift(s), at most "
        + policy.backfillHorizon().toHours()
        + " h";
  }

  private static long liveHeap() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
