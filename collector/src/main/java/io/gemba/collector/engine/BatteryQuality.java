package io.gemba.collector.engine;

import io.gemba.collector.kpi.Capability;
import io.gemba.collector.kpi.SampleStats;
import io.gemba.collector.kpi.SpcRules;
import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.SpecLimits;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.BatteryTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The battery end-of-line tests of one station (docs/kpis.md, "Battery test quality"): each test
 * judged against its product's limits, first-pass yield per product and shift, and per product and
 * measurement a rolling window (mean, sigma, Cp, Cpk) that is also the baseline of an individuals
 * control chart whose run rules ({@link SpcRules}) each test is checked against; over a shift, Pp
 * and Ppk.
 *
 * <p>Everything is a function of the tests kept, in time order, whatever order they came in: a test
 * that comes late (within the station's backfill horizon) is put in its place, and the points it
 * changes, its own and those of the tests after it whose window, baseline or rules it is part of,
 * are written again (the same series and time). The tests kept are those the backfill horizon can
 * still reach, from the start of its shift, and a window and a rule's run before them.
 */
final class BatteryQuality {

  static final String TEST = "battery_test";
  static final String QUALITY = "battery_quality";

  /** The {@code measurement} tag of the points about the packs, not one measurement. */
  static final String PACK = "_pack";

  /** The most serial numbers remembered, to know a retest that is not marked as one. */
  static final int MAX_SERIALS = 20_000;

  private static final Comparator<Test> ORDER =
      Comparator.<Test>comparingLong(t -> t.ts)
          .thenComparing(t -> t.event.serial())
          .thenComparingLong(t -> t.event.envelope().seq());

  /** One test, as judged. */
  static final class Test {
    final BatteryTest event;
    final long ts;
    final BatteryJudgement judgement;
    final String shiftId;
    final long shiftStartMs;
    boolean firstPass;

    Test(BatteryTest event, long ts, BatteryJudgement judgement, Shift shift) {
      this.event = event;
      this.ts = ts;
      this.judgement = judgement;
      this.shiftId = shift == null ? null : shift.id();
      this.shiftStartMs = shift == null ? 0 : shift.startMillis();
    }
  }

  /** One measurement of one product, in time order: its chart. */
  private static final class Series {
    long[] ts = new long[16];
    double[] x = new double[16];
    double[] z = new double[16];
    int[] rules = new int[16];
    Test[] tests = new Test[16];
    int n;

    int insert(Test test, double value) {
      if (n == x.length) {
        int length = n * 2;
        ts = Arrays.copyOf(ts, length);
        x = Arrays.copyOf(x, length);
        z = Arrays.copyOf(z, length);
        rules = Arrays.copyOf(rules, length);
        tests = Arrays.copyOf(tests, length);
      }
      int at = n;
      while (at > 0 && ORDER.compare(tests[at - 1], test) > 0) {
        at--;
      }
      System.arraycopy(ts, at, ts, at + 1, n - at);
      System.arraycopy(x, at, x, at + 1, n - at);
      System.arraycopy(z, at, z, at + 1, n - at);
      System.arraycopy(rules, at, rules, at + 1, n - at);
      System.arraycopy(tests, at, tests, at + 1, n - at);
      ts[at] = test.ts;
      x[at] = value;
      tests[at] = test;
      n++;
      return at;
    }

    void dropFirst(int count) {
      System.arraycopy(ts, count, ts, 0, n - count);
      System.arraycopy(x, count, x, 0, n - count);
      System.arraycopy(z, count, z, 0, n - count);
      System.arraycopy(rules, count, rules, 0, n - count);
      System.arraycopy(tests, count, tests, 0, n - count);
      Arrays.fill(tests, n - count, n, null);
      n -= count;
    }
  }

  /** The tests of one product, in time order, and its measurements' charts. */
  private static final class ProductLog {
    final String product;
    final List<Test> tests = new ArrayList<>();
    final Map<String, Series> series = new TreeMap<>();

    ProductLog(String product) {
      this.product = product;
    }
  }

  private final String[] tags;
  private final EngineContext ctx;
  private final MinuteSlicer slicer;
  private final int window;
  private final int minTests;
  private final Map<String, ProductLog> products = new TreeMap<>();

  /** Each serial's earliest test time, the oldest forgotten first. */
  private final LinkedHashMap<String, Long> firstTestMs =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_SERIALS;
        }
      };

  /** Product and shift start of the shifts whose points are due, as {@code product\0startMs}. */
  private final TreeSet<ShiftKey> dirty = new TreeSet<>();

  private boolean quiet;
  long verdictMismatches;
  long unjudged;

  private record ShiftKey(String product, long startMs, String shiftId)
      implements Comparable<ShiftKey> {
    @Override
    public int compareTo(ShiftKey o) {
      int c = product.compareTo(o.product);
      return c != 0 ? c : Long.compare(startMs, o.startMs);
    }
  }

  BatteryQuality(String[] tags, EngineContext ctx, MinuteSlicer slicer) {
    this.tags = tags;
    this.ctx = ctx;
    this.slicer = slicer;
    this.window = ctx.quality.window();
    this.minTests = ctx.quality.spcMinTests();
  }

  /**
   * Takes a test the station applied (not a repeat, not late), at {@code ts}, and writes what it
   * changes; tests older than {@code keepFromMs}, the oldest time the station still applies, are
   * forgotten as far as no later one can need them.
   */
  void add(BatteryTest event, long ts, long keepFromMs) {
    BatteryJudgement judgement = BatteryJudgement.of(event, ctx.limits(event.product()));
    if (!quiet) {
      if (judgement.mismatch()) {
        verdictMismatches++;
      }
      if (judgement.verdict() == null) {
        unjudged++;
      }
    }
    Test test = new Test(event, ts, judgement, slicer.shiftAt(ts));
    ProductLog log = products.computeIfAbsent(event.product(), ProductLog::new);
    firstPass(test);
    int at = log.tests.size();
    while (at > 0 && ORDER.compare(log.tests.get(at - 1), test) > 0) {
      at--;
    }
    log.tests.add(at, test);
    emitTest(test);
    for (Map.Entry<String, Double> measurement : new TreeMap<>(event.measurements()).entrySet()) {
      Series series = log.series.computeIfAbsent(measurement.getKey(), m -> new Series());
      int i = series.insert(test, measurement.getValue());
      SpecLimits limits = ctx.limits(log.product).get(measurement.getKey());
      int to = Math.min(series.n, i + window + SpcRules.LOOKBACK);
      for (int k = i; k < to; k++) {
        chart(series, k);
        emitRolling(log.product, measurement.getKey(), limits, series, k);
      }
    }
    due(test);
    if (keepFromMs != Long.MIN_VALUE) {
      forgetBefore(log, keepFromMs);
    }
  }

  /**
   * Whether {@code test} is a first test: not marked a retest, and no test of its serial before it.
   * A test that was taken for its serial's first and is not, now that an earlier one came, is
   * written again.
   */
  private void firstPass(Test test) {
    String serial = test.event.serial();
    Long first = firstTestMs.get(serial);
    Test holder = null;
    if (first != null && test.ts >= first) {
      if (test.ts > first) {
        test.firstPass = false;
        return;
      }
      // Another test of the serial at the same time: the first in the tests' order is the first.
      for (Test other : testsAt(serial, test.ts)) {
        if (holder == null || ORDER.compare(other, holder) < 0) {
          holder = other;
        }
      }
      if (holder != null && ORDER.compare(holder, test) < 0) {
        test.firstPass = false;
        return;
      }
    } else if (first != null) {
      for (Test other : testsAt(serial, first)) {
        if (other.firstPass) {
          holder = other;
        }
      }
    }
    test.firstPass = !test.event.retest();
    firstTestMs.put(serial, test.ts);
    if (holder != null && holder.firstPass) {
      holder.firstPass = false;
      emitTest(holder);
      due(holder);
    }
  }

  /** The tests of {@code serial} at {@code ms} kept, of whatever product (a serial is a pack). */
  private List<Test> testsAt(String serial, long ms) {
    List<Test> found = new ArrayList<>(1);
    for (ProductLog log : products.values()) {
      for (int i = log.tests.size() - 1; i >= 0; i--) {
        Test other = log.tests.get(i);
        if (other.ts < ms) {
          break;
        }
        if (other.ts == ms && other.event.serial().equals(serial)) {
          found.add(other);
        }
      }
    }
    return found;
  }

  /** Where the point at {@code k} stands on its chart: its z from the baseline, its rules. */
  private void chart(Series s, int k) {
    SampleStats baseline = SampleStats.of(s.x, Math.max(0, k - window), k);
    s.z[k] =
        baseline.n() >= minTests && baseline.sigma() > 0
            ? (s.x[k] - baseline.mean()) / baseline.sigma()
            : Double.NaN;
    s.rules[k] = SpcRules.broken(s.x, s.z, k);
  }

  private void due(Test test) {
    if (test.shiftId != null) {
      dirty.add(new ShiftKey(test.event.product(), test.shiftStartMs, test.shiftId));
    }
  }

  private void forgetBefore(ProductLog log, long keepFromMs) {
    Shift shift = slicer.shiftAt(keepFromMs);
    long keepFrom = shift == null ? keepFromMs : Math.min(keepFromMs, shift.startMillis());
    int drop = 0;
    while (drop < log.tests.size() && log.tests.get(drop).ts < keepFrom) {
      drop++;
    }
    log.tests.subList(0, drop).clear();
    int margin = window + SpcRules.LOOKBACK;
    for (Series s : log.series.values()) {
      int count = 0;
      while (s.n - count > margin && s.ts[count + margin] < keepFrom && s.ts[count] < keepFrom) {
        count++;
      }
      if (count > 0) {
        s.dropFirst(count);
      }
    }
  }

  /** Writes the shift points that changed since the last flush. */
  void flush() {
    if (quiet) {
      dirty.clear();
      return;
    }
    for (ShiftKey key : dirty) {
      ProductLog log = products.get(key.product);
      if (log != null) {
        emitShift(log, key);
      }
    }
    dirty.clear();
  }

  // ---- points ----------------------------------------------------------------------------

  private Point.Builder point(String measurement, long ms) {
    return Point.builder(measurement, Instant.ofEpochMilli(ms))
        .tag("site", tags[0])
        .tag("area", tags[1])
        .tag("line", tags[2])
        .tag("station", tags[3]);
  }

  private void emitTest(Test test) {
    if (quiet) {
      return;
    }
    BatteryTest e = test.event;
    Point.Builder point =
        point(TEST, test.ts).tag("product", e.product()).tag("result", test.judgement.resultTag());
    for (Map.Entry<String, Double> m : new TreeMap<>(e.measurements()).entrySet()) {
      point.field(m.getKey(), m.getValue());
    }
    point
        .field("first_pass", test.firstPass)
        .field("retest", !test.firstPass)
        .field("serial", e.serial())
        .field("verdict_mismatch", test.judgement.mismatch());
    if (e.result() != null) {
      point.field("station_result", e.result().name());
    }
    ctx.emit(point.build());
  }

  private void emitRolling(String product, String measurement, SpecLimits limits, Series s, int k) {
    if (quiet) {
      return;
    }
    SampleStats stats = SampleStats.of(s.x, Math.max(0, k - window + 1), k + 1);
    SampleStats baseline = SampleStats.of(s.x, Math.max(0, k - window), k);
    Capability capability = capability(stats, limits);
    Point.Builder point =
        point(QUALITY, s.ts[k])
            .tag("product", product)
            .tag("measurement", measurement)
            .tag("window", "rolling")
            .field("value", s.x[k])
            .field("tests", (long) stats.n())
            .field("mean", stats.mean())
            .field("sigma", stats.sigma())
            .field("cp", capability.cp())
            .field("cpk", capability.cpk())
            .field("cpm", capability.cpm());
    limits(point, limits);
    if (!Double.isNaN(s.z[k])) {
      point
          .field("centre", baseline.mean())
          .field("ucl", baseline.mean() + 3 * baseline.sigma())
          .field("lcl", baseline.mean() - 3 * baseline.sigma())
          .field("z", s.z[k]);
    }
    for (SpcRules rule : SpcRules.values()) {
      point.field(rule.wireName(), (s.rules[k] & rule.bit()) != 0 ? 1L : 0L);
    }
    ctx.emit(point.build());
  }

  private static void limits(Point.Builder point, SpecLimits limits) {
    if (limits != null) {
      if (limits.lsl() != null) {
        point.field("lsl", limits.lsl());
      }
      if (limits.usl() != null) {
        point.field("usl", limits.usl());
      }
      if (limits.target() != null) {
        point.field("target", limits.target());
      }
    }
  }

  private static Capability capability(SampleStats stats, SpecLimits limits) {
    return limits == null
        ? Capability.NONE
        : Capability.of(stats, limits.lsl(), limits.usl(), limits.target());
  }

  private void emitShift(ProductLog log, ShiftKey key) {
    List<Test> tests = shiftTests(log, key.startMs, key.shiftId);
    ShiftYieldSums yield = ShiftYieldSums.of(tests);
    ctx.emit(
        point(QUALITY, key.startMs)
            .tag("product", log.product)
            .tag("measurement", PACK)
            .tag("window", "shift")
            .tag("shift", key.shiftId)
            .field("tests", yield.tests)
            .field("passed", yield.passed)
            .field("failed", yield.tests - yield.passed)
            .field("first_tests", yield.firstTests)
            .field("first_passed", yield.firstPassed)
            .field("fpy", yield.fpy())
            .field("retests", yield.tests - yield.firstTests)
            .field("verdict_mismatches", yield.mismatches)
            .build());
    for (Map.Entry<String, Series> entry : log.series.entrySet()) {
      double[] values = shiftValues(entry.getValue(), key.startMs, key.shiftId);
      if (values.length == 0) {
        continue;
      }
      SampleStats stats = SampleStats.of(values);
      SpecLimits limits = ctx.limits(log.product).get(entry.getKey());
      Capability capability = capability(stats, limits);
      Point.Builder point =
          point(QUALITY, key.startMs)
              .tag("product", log.product)
              .tag("measurement", entry.getKey())
              .tag("window", "shift")
              .tag("shift", key.shiftId)
              .field("tests", (long) stats.n())
              .field("mean", stats.mean())
              .field("sigma", stats.sigma())
              .field("pp", capability.cp())
              .field("ppk", capability.cpk());
      limits(point, limits);
      ctx.emit(point.build());
    }
  }

  private static List<Test> shiftTests(ProductLog log, long startMs, String shiftId) {
    List<Test> tests = new ArrayList<>();
    for (Test test : log.tests) {
      if (test.shiftStartMs == startMs && shiftId.equals(test.shiftId)) {
        tests.add(test);
      }
    }
    return tests;
  }

  private static double[] shiftValues(Series s, long startMs, String shiftId) {
    double[] values = new double[s.n];
    int count = 0;
    for (int k = 0; k < s.n; k++) {
      Test test = s.tests[k];
      if (test.shiftStartMs == startMs && shiftId.equals(test.shiftId)) {
        values[count++] = s.x[k];
      }
    }
    return Arrays.copyOf(values, count);
  }

  /** The counts of first-pass yield over some tests. */
  private record ShiftYieldSums(
      long tests, long passed, long firstTests, long firstPassed, long mismatches) {

    static ShiftYieldSums of(List<Test> tests) {
      long passed = 0;
      long first = 0;
      long firstPassed = 0;
      long mismatches = 0;
      for (Test test : tests) {
        boolean pass = test.judgement.good();
        passed += pass ? 1 : 0;
        if (test.firstPass) {
          first++;
          firstPassed += pass ? 1 : 0;
        }
        mismatches += test.judgement.mismatch() ? 1 : 0;
      }
      return new ShiftYieldSums(tests.size(), passed, first, firstPassed, mismatches);
    }

    double fpy() {
      return firstTests == 0 ? Double.NaN : (double) firstPassed / firstTests;
    }
  }

  // ---- snapshot and checkpoint -----------------------------------------------------------

  QualitySnapshot snapshot() {
    List<QualitySnapshot.Product> list = new ArrayList<>();
    List<QualitySnapshot.Violation> violations = new ArrayList<>();
    for (ProductLog log : products.values()) {
      if (log.tests.isEmpty()) {
        continue;
      }
      Test latest = log.tests.get(log.tests.size() - 1);
      QualitySnapshot.ShiftYield shift = null;
      if (latest.shiftId != null) {
        ShiftYieldSums sums =
            ShiftYieldSums.of(shiftTests(log, latest.shiftStartMs, latest.shiftId));
        shift =
            new QualitySnapshot.ShiftYield(
                latest.shiftId,
                sums.tests,
                sums.passed,
                sums.firstTests,
                sums.firstPassed,
                sums.fpy());
      }
      List<QualitySnapshot.Measurement> measurements = new ArrayList<>();
      for (Map.Entry<String, Series> entry : log.series.entrySet()) {
        Series s = entry.getValue();
        if (s.n == 0) {
          continue;
        }
        measurements.add(measurement(log, entry.getKey(), s, latest));
        for (int k = 0; k < s.n; k++) {
          if (s.rules[k] != 0) {
            violations.add(
                new QualitySnapshot.Violation(
                    Instant.ofEpochMilli(s.ts[k]),
                    log.product,
                    entry.getKey(),
                    s.tests[k].event.serial(),
                    s.x[k],
                    s.z[k],
                    SpcRules.of(s.rules[k]).stream().map(SpcRules::wireName).toList()));
          }
        }
      }
      list.add(new QualitySnapshot.Product(log.product, shift, measurements));
    }
    violations.sort(
        Comparator.comparing(QualitySnapshot.Violation::ts)
            .reversed()
            .thenComparing(QualitySnapshot.Violation::measurement));
    return new QualitySnapshot(
        tags[0],
        tags[1],
        tags[2],
        tags[3],
        list,
        List.copyOf(
            violations.subList(0, Math.min(violations.size(), QualitySnapshot.MAX_VIOLATIONS))),
        verdictMismatches,
        unjudged);
  }

  private QualitySnapshot.Measurement measurement(
      ProductLog log, String name, Series s, Test latest) {
    int k = s.n - 1;
    SpecLimits limits = ctx.limits(log.product).get(name);
    SampleStats stats = SampleStats.of(s.x, Math.max(0, k - window + 1), k + 1);
    Capability capability = capability(stats, limits);
    SampleStats baseline = SampleStats.of(s.x, Math.max(0, k - window), k);
    boolean charted = !Double.isNaN(s.z[k]);
    double[] shiftValues =
        latest.shiftId == null
            ? new double[0]
            : shiftValues(s, latest.shiftStartMs, latest.shiftId);
    SampleStats shift = SampleStats.of(shiftValues);
    Capability overShift = capability(shift, limits);
    return new QualitySnapshot.Measurement(
        name,
        limits == null ? null : limits.lsl(),
        limits == null ? null : limits.usl(),
        limits == null ? null : limits.target(),
        s.x[k],
        stats.n(),
        stats.mean(),
        stats.sigma(),
        capability.cp(),
        capability.cpk(),
        capability.cpm(),
        charted ? baseline.mean() : Double.NaN,
        charted ? baseline.mean() + 3 * baseline.sigma() : Double.NaN,
        charted ? baseline.mean() - 3 * baseline.sigma() : Double.NaN,
        shift.n(),
        overShift.cp(),
        overShift.cpk());
  }

  /** The tests kept, in time order per product, for a checkpoint. */
  List<BatteryTest> tests() {
    List<BatteryTest> all = new ArrayList<>();
    for (ProductLog log : products.values()) {
      // A chart keeps a window's tests from before the log's: both, in order.
      TreeSet<Test> kept = new TreeSet<>(ORDER);
      kept.addAll(log.tests);
      for (Series s : log.series.values()) {
        kept.addAll(Arrays.asList(s.tests).subList(0, s.n));
      }
      for (Test test : kept) {
        all.add(test.event);
      }
    }
    return all;
  }

  /** The serials' first test times, oldest remembered first, for a checkpoint. */
  Map<String, Long> serials() {
    return new LinkedHashMap<>(firstTestMs);
  }

  /**
   * Takes over a checkpoint's state: the serials, then the tests, applied again without writing a
   * point (their points were written before the checkpoint).
   */
  void restore(
      Map<String, Long> serials, List<BatteryTest> tests, long mismatches, long unjudgedTests) {
    firstTestMs.putAll(serials);
    quiet = true;
    for (BatteryTest test : tests) {
      add(test, test.envelope().ts().toEpochMilli(), Long.MIN_VALUE);
    }
    quiet = false;
    dirty.clear();
    verdictMismatches = mismatches;
    unjudged = unjudgedTests;
  }
}
