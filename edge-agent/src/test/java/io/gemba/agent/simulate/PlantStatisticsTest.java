package io.gemba.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.Interval;
import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.ShiftCalendar;
import io.gemba.collector.plant.SpecLimits;
import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.CounterReading;
import io.gemba.collector.telemetry.CycleCompleted;
import io.gemba.collector.telemetry.KaizenUpdate;
import io.gemba.collector.telemetry.KaizenUpdate.TargetKpi;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.OrderEvent;
import io.gemba.collector.telemetry.StateChange;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What two weeks of the simulated plant look like: its failures, repairs, counters, scrap, parts
 * and production times, checked against the options and the shift calendar. All in event time: no
 * wall clock is involved, so the run takes seconds.
 */
class PlantStatisticsTest {

  private static final SimulationOptions OPTIONS =
      SimulationOptions.defaults().withIntervals(Duration.ofMinutes(1), Duration.ofMinutes(1));

  private static SimulatedStream weeks;
  private static ShiftCalendar calendar;
  private static long[] workStarts;
  private static long[] workEnds;

  @BeforeAll
  static void simulateTwoWeeks() {
    weeks = SimulatedStream.of(OPTIONS, SimulatedStream.MONDAY_0650, Duration.ofDays(14));
    calendar = weeks.plant.calendar();
    loadWorkingTime();
  }

  /** A station's state changes, then the end of the stream as a last change. */
  private static Map<String, List<StateChange>> statesByStation() {
    Map<String, List<StateChange>> byStation = new LinkedHashMap<>();
    for (StateChange change : weeks.events(StateChange.class)) {
      byStation.computeIfAbsent(station(change), k -> new ArrayList<>()).add(change);
    }
    return byStation;
  }

  private static String station(TelemetryEvent event) {
    return event.topic().line() + "/" + event.topic().station();
  }

  private static Instant endOf(List<StateChange> states, int i) {
    return i + 1 < states.size() ? states.get(i + 1).ts() : weeks.end;
  }

  @Test
  void plant_twoWeeks_mtbfAndMttrNearConfigured() {
    Map<String, List<StateChange>> byStation = statesByStation();
    double expectedFailures = 0;
    double repairsInMttrs = 0;
    int allFailures = 0;
    for (SimulatedStation station : weeks.plant.stations()) {
      List<StateChange> states = byStation.get(station.line() + "/" + station.id());
      // Until a kaizen card makes it fail less (PlantQualityAndLeanStatisticsTest checks after).
      Instant until = firstKaizen(station, true);
      long runningMs = 0;
      long repairMs = 0;
      int failures = 0;
      for (int i = 0; i < states.size() && states.get(i).ts().isBefore(until); i++) {
        StateChange state = states.get(i);
        Instant end = endOf(states, i).isBefore(until) ? endOf(states, i) : until;
        long ms = Duration.between(state.ts(), end).toMillis();
        if (state.state() == MachineState.RUNNING) {
          runningMs += ms;
        } else if (state.state() == MachineState.DOWN && StopReasons.isFailure(state.reason())) {
          failures++;
          repairMs += ms;
        }
      }
      // About 12 working days of 16.5 h, 85% of it running: 170 h, so with MTBFs of 31-63 min
      // 160 to 330 failures a station.
      assertThat(failures).as(station.id()).isGreaterThan(100);
      // The observed MTBF is running time / failures: running time is nearly fixed and the
      // failures are Poisson, so its relative standard error is 1/sqrt(n). The observed MTTR is
      // the mean of n exponential repair times: relative standard error 1/sqrt(n) too. Allowed:
      // 4 standard errors (with n = 160, 32%), which a correct generator exceeds for one of the
      // 20 checks with a chance of about 20 x 6e-5 = 0.1%.
      double tolerance = 4 / Math.sqrt(failures);
      double mtbfMs = (double) runningMs / failures;
      double mttrMs = (double) repairMs / failures;
      assertThat(mtbfMs / station.mtbf().toMillis())
          .as(
              "observed/configured MTBF of %s/%s, %d failures",
              station.line(), station.id(), failures)
          .isBetween(1 - tolerance, 1 + tolerance);
      expectedFailures += (double) runningMs / station.mtbf().toMillis();
      repairsInMttrs += (double) repairMs / station.mttr().toMillis();
      allFailures += failures;
      assertThat(mttrMs / station.mttr().toMillis())
          .as(
              "observed/configured MTTR of %s/%s, %d failures",
              station.line(), station.id(), failures)
          .isBetween(1 - tolerance, 1 + tolerance);
    }
    // All stations together, to see a bias that hides in the spread of one station: the failures
    // are Poisson with mean sum(running time / MTBF), standard deviation its square root; the
    // repairs in units of their station's MTTR are N exponentials of mean 1, whose mean has the
    // standard error 1/sqrt(N). Allowed: 4 standard errors (with N = 2,300, 8%).
    assertThat((double) allFailures)
        .isBetween(
            expectedFailures - 4 * Math.sqrt(expectedFailures),
            expectedFailures + 4 * Math.sqrt(expectedFailures));
    assertThat(repairsInMttrs / allFailures)
        .isBetween(1 - 4 / Math.sqrt(allFailures), 1 + 4 / Math.sqrt(allFailures));
  }

  @Test
  void plant_running_onlyInWorkingTime() {
    for (List<StateChange> states : statesByStation().values()) {
      for (int i = 0; i < states.size(); i++) {
        if (states.get(i).state() == MachineState.RUNNING) {
          Instant from = states.get(i).ts();
          Instant to = endOf(states, i);
          assertThat(workingMs(from, to))
              .as("working time of %s", states.get(i))
              .isEqualTo(Duration.between(from, to).toMillis());
        }
      }
    }
  }

  @Test
  void plant_breaksAndBetweenShifts_noProduction() {
    List<CycleCompleted> cycles = weeks.events(CycleCompleted.class);
    assertThat(cycles).isNotEmpty();
    for (CycleCompleted cycle : cycles) {
      Instant started = cycle.ts().minusMillis(cycle.cycleMs());
      assertThat(workingMs(started, cycle.ts())).as("%s", cycle).isEqualTo(cycle.cycleMs());
    }
    for (BatteryTest test : weeks.events(BatteryTest.class)) {
      assertThat(isWorking(test.ts())).as("%s", test).isTrue();
    }
    int idleReadings = 0;
    for (List<CounterReading> readings : countsByStation().values()) {
      for (int i = 1; i < readings.size(); i++) {
        CounterReading before = readings.get(i - 1);
        CounterReading after = readings.get(i);
        if (workingMs(before.ts(), after.ts()) == 0) {
          idleReadings++;
          assertThat(after.total()).as("%s", after).isIn(before.total(), 0L);
        }
      }
    }
    assertThat(idleReadings).isGreaterThan(100);
  }

  @Test
  void plant_counters_goUpExceptAtAReset() {
    int resets = 0;
    for (List<CounterReading> readings : countsByStation().values()) {
      SimulatedStation station = stationOf(readings.get(0));
      for (int i = 1; i < readings.size(); i++) {
        CounterReading before = readings.get(i - 1);
        CounterReading after = readings.get(i);
        assertThat(after.scrapCount()).isBetween(0L, after.total());
        if (after.total() >= before.total()) {
          assertThat(after.scrapCount())
              .as("%s", after)
              .isGreaterThanOrEqualTo(before.scrapCount());
        } else {
          resets++;
          // Reset at the start of a shift: from zero, at most what the station can make since the
          // previous reading at its fastest (the ideal cycle time of the quickest pack).
          long sinceMs = Duration.between(before.ts(), after.ts()).toMillis();
          long fastestMs = station.idealCycle().toMillis();
          assertThat(after.total()).isLessThanOrEqualTo(sinceMs / fastestMs + 1);
          assertThat(calendar.shiftAt(after.ts()).map(Shift::start)).contains(after.ts());
        }
      }
    }
    // A quarter of the shift starts reset a counter station: 6 stations, 24 shifts, about 36.
    assertThat(resets).isBetween(10, 80);
  }

  @Test
  void plant_scrap_nearEachStationsRate() {
    Map<SimulatedStation, long[]> madeAndScrapped = new HashMap<>();
    for (List<CounterReading> readings : countsByStation().values()) {
      SimulatedStation station = stationOf(readings.get(0));
      long[] sums = madeAndScrapped.computeIfAbsent(station, k -> new long[2]);
      // Until a kaizen card makes it scrap less.
      Instant until = firstKaizen(station, false);
      for (int i = 1; i < readings.size() && readings.get(i).ts().isBefore(until); i++) {
        CounterReading before = readings.get(i - 1);
        CounterReading after = readings.get(i);
        boolean reset = after.total() < before.total();
        sums[0] += reset ? after.total() : after.total() - before.total();
        sums[1] += reset ? after.scrapCount() : after.scrapCount() - before.scrapCount();
      }
    }
    for (CycleCompleted cycle : weeks.events(CycleCompleted.class)) {
      if (stationOf(cycle).kind() != SimulatedStation.Kind.CYCLE) {
        continue; // the tester's units are scrapped by its verdicts
        // (plant_tester_reportsEachPack...)
      }
      if (!cycle.ts().isBefore(firstKaizen(stationOf(cycle), false))) {
        continue;
      }
      long[] sums = madeAndScrapped.computeIfAbsent(stationOf(cycle), k -> new long[2]);
      sums[0]++;
      sums[1] += cycle.result() == CycleCompleted.Result.NOK ? 1 : 0;
    }
    assertThat(madeAndScrapped).hasSize(8);
    // (a station with an early card has fewer units: at least 1,000.)
    for (Map.Entry<SimulatedStation, long[]> entry : madeAndScrapped.entrySet()) {
      double rate = entry.getKey().scrapRate();
      long made = entry.getValue()[0];
      // Each unit is scrapped with the station's rate: binomial, standard error
      // sqrt(p(1-p)/n); with p = 2% and n = 9,000, 0.15 points. Allowed: 4 standard errors.
      double tolerance = 4 * Math.sqrt(rate * (1 - rate) / made);
      assertThat(rate).isBetween(0.01, 0.03);
      assertThat(made).isGreaterThan(1_000);
      assertThat((double) entry.getValue()[1] / made)
          .as(entry.getKey().line() + "/" + entry.getKey().id())
          .isBetween(rate - tolerance, rate + tolerance);
    }
  }

  @Test
  void plant_tester_reportsEachPackItTestedAsOneTest_andNoCycleBesides() {
    // The output station's tests are the line's production (the contract: each test is a unit),
    // so it sends no cycle, which would count each pack twice; one test per pack it finished.
    Map<SimulatedStation, Integer> tests = new HashMap<>();
    for (BatteryTest test : weeks.events(BatteryTest.class)) {
      tests.merge(stationOf(test), 1, Integer::sum);
    }
    for (CycleCompleted cycle : weeks.events(CycleCompleted.class)) {
      assertThat(stationOf(cycle).kind())
          .as(cycle.toString())
          .isNotEqualTo(SimulatedStation.Kind.BATTERY_TEST);
    }
    assertThat(tests).hasSize(2);
    assertThat(tests.values()).allSatisfy(count -> assertThat(count).isGreaterThan(1_000));
  }

  @Test
  void plant_batteryTests_judgedAgainstTheLimits() {
    Map<String, List<BatteryTester.Limit>> limits = new HashMap<>();
    for (Product product : weeks.plant.products()) {
      limits.put(product.name(), BatteryTester.limits(product));
    }
    Map<String, Boolean> failedBefore = new HashMap<>();
    int firstTests = 0;
    int firstFailed = 0;
    for (BatteryTest test : weeks.events(BatteryTest.class)) {
      boolean withinLimits = true;
      for (BatteryTester.Limit limit : limits.get(test.product())) {
        withinLimits &= limit.accepts(test.measurements().get(limit.name()));
      }
      assertThat(test.measurements()).containsOnlyKeys(BatteryTester.MEASUREMENTS);
      assertThat(test.result())
          .isEqualTo(withinLimits ? BatteryTest.Verdict.PASS : BatteryTest.Verdict.FAIL);
      // The agent, configured with the plant's model, judges as the bench does.
      Map<String, SpecLimits> specs = weeks.plant.model().limits(test.product());
      boolean bySpecs =
          test.measurements().entrySet().stream()
              .allMatch(m -> specs.get(m.getKey()).accepts(m.getValue()));
      assertThat(bySpecs).as("%s", test).isEqualTo(withinLimits);
      assertThat(test.retest()).isEqualTo(failedBefore.containsKey(test.serial()));
      if (!test.retest()) {
        firstTests++;
        firstFailed += withinLimits ? 0 : 1;
      }
      if (!withinLimits) {
        failedBefore.put(test.serial(), true);
      }
    }
    assertThat(firstTests).isGreaterThan(10_000);
    // Internal resistance fails 1.9% of the packs (its limit is 2.7 sigmas up, the bench's drift
    // widens the spread to 1.28 sigmas), capacity 1.6% (2.5 sigmas down, 1.17), the others nearly
    // none; the worn contact, 1.5 sigmas up for about 4% of the time, adds about 0.7%: 4.2%.
    assertThat((double) firstFailed / firstTests).isBetween(0.025, 0.055);
  }

  @Test
  void plant_orderChanges_everyStationChangesOverToAnotherProduct() {
    Map<String, List<OrderEvent>> startsByLine = new HashMap<>();
    for (OrderEvent order : weeks.events(OrderEvent.class)) {
      if (order.event() == OrderEvent.Kind.START) {
        startsByLine.computeIfAbsent(order.topic().line(), k -> new ArrayList<>()).add(order);
      }
    }
    Map<String, List<StateChange>> states = statesByStation();
    for (String line : weeks.plant.lines()) {
      List<OrderEvent> starts = startsByLine.get(line);
      assertThat(starts).hasSizeGreaterThan(10);
      for (int i = 1; i < starts.size(); i++) {
        String before = starts.get(i - 1).product();
        String after = starts.get(i).product();
        assertThat(after).isNotEqualTo(before);
        for (SimulatedStation station : weeks.plant.stations(line)) {
          IdealCycleTimes ideal =
              weeks
                  .plant
                  .model()
                  .station(SimulatedPlant.SITE, SimulatedPlant.AREA, line, station.id())
                  .idealCycleTimes();
          assertThat(ideal.forProduct(after)).isNotEqualTo(ideal.forProduct(before));
        }
      }
      for (SimulatedStation station : weeks.plant.stations(line)) {
        long changeovers =
            states.get(line + "/" + station.id()).stream()
                .filter(s -> s.state() == MachineState.CHANGEOVER)
                .count();
        assertThat(changeovers).isEqualTo(starts.size() - 1);
      }
    }
  }

  @Test
  void plant_microStops_shortAndNowAndThen() {
    for (Map.Entry<String, List<StateChange>> station : statesByStation().entrySet()) {
      List<StateChange> states = station.getValue();
      int microStops = 0;
      for (int i = 0; i < states.size(); i++) {
        String reason = states.get(i).reason();
        if (reason != null
            && (reason.equals(StopReasons.JAM) || StopReasons.WAITS.contains(reason))) {
          microStops++;
          assertThat(Duration.between(states.get(i).ts(), endOf(states, i)))
              .isLessThan(Duration.ofMinutes(2));
        }
      }
      // One every 20 min of running time on average: about 500 in 170 h.
      assertThat(microStops).as(station.getKey()).isBetween(300, 800);
    }
  }

  @Test
  void plant_heartbeats_onlyFromSilentStations() {
    long silenceMs = OPTIONS.heartbeatEvery().toMillis();
    Map<String, Instant> lastByStation = new HashMap<>();
    List<Outgoing> tooQuiet = new ArrayList<>();
    List<Outgoing> notQuiet = new ArrayList<>();
    int heartbeats = 0;
    for (Outgoing message : weeks.messages) {
      String station = message.topic().substring(0, message.topic().lastIndexOf('/'));
      if (message.topic().endsWith("/kaizen")) {
        continue; // a card about a station comes from people, not from its gateway
      }
      Instant last = lastByStation.put(station, message.eventTime());
      if (last == null || station.endsWith("/_")) {
        continue;
      }
      long quietMs = Duration.between(last, message.eventTime()).toMillis();
      if (quietMs > silenceMs) {
        tooQuiet.add(message);
      }
      if (message.topic().endsWith("/heartbeat")) {
        heartbeats++;
        if (quietMs != silenceMs) {
          notQuiet.add(message);
        }
      }
    }
    assertThat(tooQuiet).as("messages after more than a heartbeat interval of silence").isEmpty();
    assertThat(notQuiet).as("heartbeats before a heartbeat interval of silence").isEmpty();
    assertThat(heartbeats).isGreaterThan(10_000);
  }

  private static Map<String, List<CounterReading>> countsByStation() {
    Map<String, List<CounterReading>> byStation = new LinkedHashMap<>();
    for (CounterReading reading : weeks.events(CounterReading.class)) {
      byStation.computeIfAbsent(station(reading), k -> new ArrayList<>()).add(reading);
    }
    return byStation;
  }

  /**
   * When the first kaizen card that changes a station's failures ({@code failures}) or its scrap
   * was implemented; the end of the stream if none was.
   */
  private static Instant firstKaizen(SimulatedStation station, boolean failures) {
    for (KaizenUpdate card : weeks.events(KaizenUpdate.class)) {
      TargetKpi target = card.targetKpi();
      boolean about = card.topic().isWholeLine() || card.topic().station().equals(station.id());
      boolean changes =
          target != null
              && (failures
                  ? Improvements.failureCut(target) > 0
                  : target == TargetKpi.SCRAP || target == TargetKpi.QUALITY);
      if (card.status() == KaizenUpdate.Status.IMPLEMENTED
          && card.topic().line().equals(station.line())
          && about
          && changes) {
        return card.ts();
      }
    }
    return weeks.end;
  }

  private static SimulatedStation stationOf(TelemetryEvent event) {
    return weeks.plant.stations(event.topic().line()).stream()
        .filter(s -> s.id().equals(event.topic().station()))
        .findFirst()
        .orElseThrow();
  }

  private static boolean isWorking(Instant t) {
    return workingMs(t, t.plusMillis(1)) == 1;
  }

  /** Milliseconds of working time (in a shift, outside its breaks) in {@code [from, to)}. */
  private static long workingMs(Instant from, Instant to) {
    long fromMs = from.toEpochMilli();
    long toMs = to.toEpochMilli();
    long ms = 0;
    // The first piece that ends after from, then on while they start before to.
    int i = Arrays.binarySearch(workEnds, fromMs + 1);
    for (i = i < 0 ? -i - 1 : i; i < workEnds.length && workStarts[i] < toMs; i++) {
      ms += Math.max(0, Math.min(toMs, workEnds[i]) - Math.max(fromMs, workStarts[i]));
    }
    return ms;
  }

  /** The working pieces of the shifts around the stream: from shift start or break end on. */
  private static void loadWorkingTime() {
    List<long[]> pieces = new ArrayList<>();
    Instant from = weeks.start.minus(Duration.ofDays(1));
    Optional<Shift> shift = calendar.nextShiftStartingAfter(from);
    while (shift.isPresent() && shift.get().start().isBefore(weeks.end.plus(Duration.ofDays(1)))) {
      Instant pieceStart = shift.get().start();
      for (Interval pause : shift.get().breaks()) {
        pieces.add(new long[] {pieceStart.toEpochMilli(), pause.start().toEpochMilli()});
        pieceStart = pause.end();
      }
      pieces.add(new long[] {pieceStart.toEpochMilli(), shift.get().endMillis()});
      shift = calendar.nextShiftStartingAfter(shift.get().start());
    }
    workStarts = pieces.stream().mapToLong(p -> p[0]).toArray();
    workEnds = pieces.stream().mapToLong(p -> p[1]).toArray();
  }
}
