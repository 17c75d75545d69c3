package io.gemba.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.kpi.SpcRules;
import io.gemba.collector.telemetry.Audit5s;
import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.KaizenUpdate;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.PartConsumed;
import io.gemba.collector.telemetry.StateChange;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What eight weeks of the simulated plant show of battery quality, 5S, kaizen and local content:
 * the test bench's worn contact, the line that lets its 5S audits slip, the kaizen cards that make
 * stations fail less, the parts' origins. Expected values come from the model's parameters; the
 * tolerances from the statistics of what is counted. All in event time, so it takes seconds.
 */
class PlantQualityAndLeanStatisticsTest {

  private static final SimulationOptions OPTIONS =
      SimulationOptions.defaults().withIntervals(Duration.ofMinutes(1), Duration.ofMinutes(5));
  private static final Duration SPAN = Duration.ofDays(56);
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;

  private static SimulatedPlant plant;
  private static long startMs;
  private static long endMs;
  private static final Map<String, List<StateChange>> states = new LinkedHashMap<>();
  private static final Map<String, List<BatteryTest>> tests = new LinkedHashMap<>();
  private static final List<PartConsumed> parts = new ArrayList<>();
  private static final Map<String, List<Instant>> audits = new LinkedHashMap<>();
  private static final List<KaizenUpdate> implemented = new ArrayList<>();

  /** Per station ({@code line/station}), from each implementation on, its improvements. */
  private static final Map<String, TreeMap<Long, Double>> failureShares = new HashMap<>();

  @BeforeAll
  static void simulateEightWeeks() {
    Instant start = SimulatedStream.MONDAY_0650;
    startMs = start.toEpochMilli();
    endMs = start.plus(SPAN).toEpochMilli();
    plant =
        SimulatedStream.decodeEach(OPTIONS, start, SPAN, PlantQualityAndLeanStatisticsTest::keep);
    for (SimulatedStation station : plant.stations()) {
      TreeMap<Long, Double> shares = new TreeMap<>();
      shares.put(Long.MIN_VALUE, 1.0);
      failureShares.put(key(station), shares);
    }
    Map<String, Improvements> improvements = new HashMap<>();
    for (KaizenUpdate card : implemented) {
      for (SimulatedStation station : plant.stations(card.topic().line())) {
        if (card.topic().isWholeLine() || card.topic().station().equals(station.id())) {
          Improvements of = improvements.computeIfAbsent(key(station), k -> new Improvements());
          of.apply(card.targetKpi());
          failureShares.get(key(station)).put(card.ts().toEpochMilli(), of.failures());
        }
      }
    }
  }

  private static void keep(TelemetryEvent event) {
    String station = event.topic().line() + "/" + event.topic().station();
    if (event instanceof StateChange change) {
      states.computeIfAbsent(station, k -> new ArrayList<>()).add(change);
    } else if (event instanceof BatteryTest test) {
      tests.computeIfAbsent(event.topic().line(), k -> new ArrayList<>()).add(test);
    } else if (event instanceof PartConsumed part) {
      parts.add(part);
    } else if (event instanceof Audit5s audit) {
      audits.computeIfAbsent(event.topic().line(), k -> new ArrayList<>()).add(audit.ts());
    } else if (event instanceof KaizenUpdate card
        && card.status() == KaizenUpdate.Status.IMPLEMENTED
        && card.targetKpi() != null) {
      implemented.add(card);
    }
  }

  private static String key(SimulatedStation station) {
    return station.line() + "/" + station.id();
  }

  // ---- the test bench's worn contact ------------------------------------------------------

  @Test
  void tester_wornContact_aFaultEveryTwoDaysInThePlant_ofTwoToSixHours() {
    // The schedule each tester follows, as the generator makes it. Gaps from one fault's end to
    // the next's start are exponential of mean 2 days x lines: the count over the span is about
    // Poisson, 56 days / (4 days + 4 h) = 13 per tester; allowed 4 standard deviations.
    int faults = 0;
    for (int line = 0; line < OPTIONS.lines(); line++) {
      WornContact contact = WornContact.ofLine(OPTIONS.seed(), line, OPTIONS.lines(), startMs);
      for (contact.sigmasAt(startMs); contact.fromMs() < endMs; ) {
        long length = contact.toMs() - contact.fromMs();
        assertThat(length).isBetween(2 * HOUR_MS, 6 * HOUR_MS);
        faults++;
        contact.sigmasAt(contact.toMs());
      }
    }
    double cycleMs = WornContact.PLANT_MEAN_GAP_MS * OPTIONS.lines() + 4 * HOUR_MS;
    double expected = OPTIONS.lines() * (endMs - startMs) / cycleMs;
    assertThat((double) faults)
        .isBetween(expected - 4 * Math.sqrt(expected), expected + 4 * Math.sqrt(expected));
  }

  @Test
  void tester_wornContact_dcirStepsUpByOneAndAHalfSigmas_andBackWhenCleaned() {
    // At each start and end of a fault, the mean of the tests in the 45 minutes after it less that
    // of the 45 minutes before, in sigmas of dcir: the step, +1.5 at a start and -1.5 at an end.
    // The drift (8-hour time constant) moves little in 45 minutes; the spread of the steps gives
    // their standard error. Allowed: 4 standard errors.
    List<Double> steps = new ArrayList<>();
    for (int line = 0; line < OPTIONS.lines(); line++) {
      List<BatteryTest> lineTests = tests.get(plant.lines().get(line));
      WornContact contact = WornContact.ofLine(OPTIONS.seed(), line, OPTIONS.lines(), startMs);
      for (contact.sigmasAt(startMs); contact.toMs() < endMs; ) {
        Double up = step(lineTests, contact.fromMs());
        Double down = step(lineTests, contact.toMs());
        if (up != null) {
          steps.add(up);
        }
        if (down != null) {
          steps.add(-down);
        }
        contact.sigmasAt(contact.toMs());
      }
    }
    assertThat(steps).hasSizeGreaterThan(10);
    double mean = steps.stream().mapToDouble(d -> d).average().orElseThrow();
    double variance =
        steps.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / (steps.size() - 1);
    double standardError = Math.sqrt(variance / steps.size());
    assertThat(mean)
        .isBetween(
            WornContact.STEP_SIGMAS - 4 * standardError,
            WornContact.STEP_SIGMAS + 4 * standardError);
  }

  /** The mean dcir z in the 45 minutes after {@code atMs} less that before, or null if few. */
  private static Double step(List<BatteryTest> lineTests, long atMs) {
    long window = 45 * 60_000L;
    double[] before = meanZ(lineTests, atMs - window, atMs);
    double[] after = meanZ(lineTests, atMs, atMs + window);
    return before[1] < 15 || after[1] < 15 ? null : after[0] - before[0];
  }

  private static double[] meanZ(List<BatteryTest> lineTests, long fromMs, long toMs) {
    double sum = 0;
    int n = 0;
    for (BatteryTest test : lineTests) {
      long ms = test.ts().toEpochMilli();
      if (ms >= fromMs && ms < toMs) {
        sum += z(test);
        n++;
      }
    }
    return new double[] {n == 0 ? 0 : sum / n, n};
  }

  private static double z(BatteryTest test) {
    BatteryTester.Limit dcir = dcirLimit(test.product());
    return (test.measurements().get("dcir_mohm") - dcir.mean()) / dcir.sigma();
  }

  private static BatteryTester.Limit dcirLimit(String product) {
    for (Product p : plant.products()) {
      if (p.name().equals(product)) {
        return BatteryTester.limits(p).get(1);
      }
    }
    throw new AssertionError(product);
  }

  @Test
  void tester_wornContact_breaksTheRunRules_inNearlyEveryFault() {
    // A 1.5 sigma step puts 93% of the tests above the centre line: nine in a row come within the
    // first 20 tests with a chance of about 85%, and two of three beyond 2 sigmas (31% of the
    // tests each) as often; one of the three rules nearly always fires within a fault's tests.
    // The chart: the baseline is the 125 tests of the product before the fault, as the agent's.
    int faults = 0;
    int caught = 0;
    int mask = SpcRules.NELSON_2.bit() | SpcRules.WE_2_OF_3.bit() | SpcRules.WE_4_OF_5.bit();
    for (int line = 0; line < OPTIONS.lines(); line++) {
      List<BatteryTest> lineTests = tests.get(plant.lines().get(line));
      WornContact contact = WornContact.ofLine(OPTIONS.seed(), line, OPTIONS.lines(), startMs);
      for (contact.sigmasAt(startMs); contact.toMs() < endMs; ) {
        Boolean fired = fired(lineTests, contact.fromMs(), contact.toMs(), mask);
        if (fired != null) {
          faults++;
          caught += fired ? 1 : 0;
        }
        contact.sigmasAt(contact.toMs());
      }
    }
    assertThat(faults).isGreaterThan(5);
    assertThat((double) caught / faults).isGreaterThanOrEqualTo(0.8);
  }

  /** Whether a rule of {@code mask} fires within the fault, null if it has too few tests. */
  private static Boolean fired(List<BatteryTest> lineTests, long fromMs, long toMs, int mask) {
    Map<String, List<Double>> baseline = new HashMap<>();
    Map<String, List<Double>> during = new HashMap<>();
    for (BatteryTest test : lineTests) {
      long ms = test.ts().toEpochMilli();
      double x = test.measurements().get("dcir_mohm");
      if (ms < fromMs) {
        List<Double> before = baseline.computeIfAbsent(test.product(), k -> new ArrayList<>());
        before.add(x);
        if (before.size() > 125) {
          before.remove(0);
        }
      } else if (ms < toMs) {
        during.computeIfAbsent(test.product(), k -> new ArrayList<>()).add(x);
      }
    }
    Boolean fired = null;
    for (Map.Entry<String, List<Double>> entry : during.entrySet()) {
      List<Double> before = baseline.getOrDefault(entry.getKey(), List.of());
      List<Double> values = entry.getValue();
      if (before.size() < 25 || values.size() < 20) {
        continue;
      }
      double mean = before.stream().mapToDouble(d -> d).average().orElseThrow();
      double sd =
          Math.sqrt(
              before.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum()
                  / (before.size() - 1));
      double[] x = values.stream().mapToDouble(d -> d).toArray();
      double[] z = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        z[i] = (x[i] - mean) / sd;
      }
      boolean any = false;
      for (int i = 0; i < x.length; i++) {
        any |= (SpcRules.broken(x, z, i) & mask) != 0;
      }
      fired = (fired != null && fired) || any;
    }
    return fired;
  }

  // ---- 5S audits --------------------------------------------------------------------------

  @Test
  void audits_lastLine_every10To14Days_soOverdueAgainstTheWeek_otherLinesEvery16Hours() {
    String last = plant.lines().get(plant.lines().size() - 1);
    List<Instant> rare = audits.get(last);
    // Its first audit after an exponential of 16 h, then 10-14 days apart, plus, when that falls
    // between shifts, the wait for the next shift: at most from Sunday 01:00 to Monday 07:00 and
    // 2.5 h into it. Over 56 days: 4 or 5 audits.
    assertThat(rare).hasSizeBetween(4, 6);
    long overdueMs = 0;
    for (int i = 1; i < rare.size(); i++) {
      long gapMs = Duration.between(rare.get(i - 1), rare.get(i)).toMillis();
      assertThat(gapMs)
          .as("gap before %s", rare.get(i))
          .isBetween(
              LeanActivity.RARE_AUDIT_MIN_DAYS * DAY_MS,
              LeanActivity.RARE_AUDIT_MAX_DAYS * DAY_MS + 54 * HOUR_MS + 150 * 60_000L);
      overdueMs += gapMs - 7 * DAY_MS;
    }
    // Overdue from 7 days after each audit to the next: 3-7 days of every 10-14, at least 3/14.
    long auditedMs = Duration.between(rare.get(0), rare.get(rare.size() - 1)).toMillis();
    assertThat((double) overdueMs / auditedMs).isGreaterThan(3 / 14.0);
    for (String line : plant.lines()) {
      if (line.equals(last)) {
        continue;
      }
      // Exponential gaps of mean 16 h, some pushed to the next shift: about 60 audits, and never
      // near the week (a gap of 6 days has a chance of e^-9 each).
      List<Instant> often = audits.get(line);
      double meanGapHours =
          Duration.between(often.get(0), often.get(often.size() - 1)).toMillis()
              / (double) HOUR_MS
              / (often.size() - 1);
      assertThat(meanGapHours).isBetween(16 * (1 - 4 / Math.sqrt(often.size())), 16 + 8.0);
      for (int i = 1; i < often.size(); i++) {
        assertThat(Duration.between(often.get(i - 1), often.get(i))).isLessThan(Duration.ofDays(6));
      }
    }
  }

  // ---- kaizen cards -----------------------------------------------------------------------

  @Test
  void kaizen_cardAboutFailures_stationFailsLessFromItsImplementation() {
    // For each card that cut a station's failure rate, the week before and the week after it at
    // that station: failures are Poisson with mean running time x rate, the rate being 1/MTBF
    // times the share the cards left (Improvements: 25% less for downtime, 20% availability, 15%
    // OEE, never below half). Pooled over the cards, observed against expected, and the rate
    // after against the rate before, in which the cut must show.
    double observedBefore = 0;
    double observedAfter = 0;
    double expectedBefore = 0;
    double expectedAfter = 0;
    double runningBefore = 0;
    double runningAfter = 0;
    int cuts = 0;
    for (SimulatedStation station : plant.stations()) {
      TreeMap<Long, Double> shares = failureShares.get(key(station));
      for (Map.Entry<Long, Double> change : shares.entrySet()) {
        long at = change.getKey();
        if (at == Long.MIN_VALUE
            || change.getValue() >= shares.lowerEntry(at).getValue()
            || at - 7 * DAY_MS < startMs
            || at + 7 * DAY_MS > endMs) {
          continue; // no change (at the floor already), or a week outside the span
        }
        cuts++;
        double[] before = failures(station, at - 7 * DAY_MS, at);
        double[] after = failures(station, at, at + 7 * DAY_MS);
        observedBefore += before[0];
        expectedBefore += before[1];
        observedAfter += after[0];
        expectedAfter += after[1];
        runningBefore += before[2];
        runningAfter += after[2];
        assertThat(after[1] / after[2])
            .as("expected rate after, per running time, is lower")
            .isLessThan(before[1] / before[2]);
      }
    }
    assertThat(cuts).isGreaterThan(5);
    assertThat(observedBefore)
        .isBetween(
            expectedBefore - 4 * Math.sqrt(expectedBefore),
            expectedBefore + 4 * Math.sqrt(expectedBefore));
    assertThat(observedAfter)
        .isBetween(
            expectedAfter - 4 * Math.sqrt(expectedAfter),
            expectedAfter + 4 * Math.sqrt(expectedAfter));
    // The rate after over the rate before: the model expects 0.75-0.85 (less where a cut met the
    // floor, more where other cards came in the week before); its relative standard error is
    // sqrt(1/before + 1/after). Allowed: 4 of them, which must still exclude "no effect", 1.
    double expectedRatio = (expectedAfter / runningAfter) / (expectedBefore / runningBefore);
    double observedRatio = (observedAfter / runningAfter) / (observedBefore / runningBefore);
    double ratioError = 4 * expectedRatio * Math.sqrt(1 / observedBefore + 1 / observedAfter);
    assertThat(expectedRatio).isBetween(0.6, 0.9);
    assertThat(observedRatio)
        .isBetween(expectedRatio - ratioError, expectedRatio + ratioError)
        .isLessThan(1 - ratioError / 2);
  }

  /**
   * A station's failures from {@code fromMs} to {@code toMs}: observed, expected by the model, and
   * its running time in ms.
   */
  private static double[] failures(SimulatedStation station, long fromMs, long toMs) {
    List<StateChange> list = states.get(key(station));
    TreeMap<Long, Double> shares = failureShares.get(key(station));
    double observed = 0;
    double expected = 0;
    double running = 0;
    for (int i = 0; i < list.size(); i++) {
      StateChange state = list.get(i);
      long ms = state.ts().toEpochMilli();
      if (state.state() == MachineState.DOWN
          && StopReasons.isFailure(state.reason())
          && ms >= fromMs
          && ms < toMs) {
        observed++;
      }
      if (state.state() != MachineState.RUNNING) {
        continue;
      }
      long from = Math.max(fromMs, ms);
      long to = Math.min(toMs, i + 1 < list.size() ? list.get(i + 1).ts().toEpochMilli() : endMs);
      // Piecewise: the share left changes at each implementation within the run.
      for (long t = from; t < to; ) {
        long next = shares.higherKey(t) == null ? to : Math.min(to, shares.higherKey(t));
        expected += (next - t) * shares.floorEntry(t).getValue() / station.mtbf().toMillis();
        running += next - t;
        t = next;
      }
    }
    return new double[] {observed, expected, running};
  }

  // ---- local content ----------------------------------------------------------------------

  @Test
  void parts_localByQuantityNear60_byValueLower_twoPercentWithoutOrigin() {
    Map<String, PartCatalog.Part> catalog = new HashMap<>();
    for (SimulatedStation station : plant.stations()) {
      for (PartCatalog.Part part : PartCatalog.forStation(station.id())) {
        catalog.put(part.number(), part);
      }
    }
    int lots = 0;
    int unknown = 0;
    double qtyLocal = 0;
    double qtyImported = 0;
    double valueLocal = 0;
    double valueImported = 0;
    double expectedQtyLocal = 0;
    double varianceQtyLocal = 0;
    for (PartConsumed part : parts) {
      lots++;
      if (part.origin() == null) {
        unknown++;
        continue;
      }
      double p = catalog.get(part.partNumber()).localShare(OPTIONS.localShare());
      expectedQtyLocal += part.qty() * p;
      varianceQtyLocal += part.qty() * part.qty() * p * (1 - p);
      double value = part.qty() * part.unitCost();
      if (part.isFrom(SimulatedPlant.COUNTRY)) {
        qtyLocal += part.qty();
        valueLocal += value;
      } else {
        qtyImported += part.qty();
        valueImported += value;
      }
    }
    // Lots without origin: binomial, 2%, standard error sqrt(0.02 x 0.98 / n), 0.15 points with
    // n = 9,000. Allowed: 4 standard errors.
    double unknownError = 4 * Math.sqrt(0.02 * 0.98 / lots);
    assertThat((double) unknown / lots)
        .isBetween(
            PartSupply.UNKNOWN_ORIGIN_SHARE - unknownError,
            PartSupply.UNKNOWN_ORIGIN_SHARE + unknownError);
    // By quantity, of the parts whose origin is known: each lot local with its part's share, so
    // the local quantity has mean sum(q p) and variance sum(q^2 p (1-p)); cells are three
    // quarters of it in lots of 1,344-2,304, which makes its standard error about 1 point.
    // Allowed: 4 standard errors around what the catalog expects.
    double qty = qtyLocal + qtyImported;
    double qtyShare = qtyLocal / qty;
    double qtyError = 4 * Math.sqrt(varianceQtyLocal) / qty;
    assertThat(qtyShare)
        .isBetween(expectedQtyLocal / qty - qtyError, expectedQtyLocal / qty + qtyError);
    // What the catalog expects is 59.4% for packs of 96 cells only and 61.8% for 56 only (cells
    // 55% local, frames, plates and busbars 85%, BMS boards 25%): whatever the product mix, 59-62%.
    assertThat(expectedQtyLocal / qty).isBetween(0.59, 0.62);
    // By value, cells and BMS boards weigh more and local parts cost 8% less: 50-52% by the
    // catalog, at least 8 points below the share by quantity.
    double valueShare = valueLocal / (valueLocal + valueImported);
    assertThat(qtyShare - valueShare).isGreaterThan(0.05);
    assertThat(valueShare).isBetween(0.45, 0.57);
  }
}
