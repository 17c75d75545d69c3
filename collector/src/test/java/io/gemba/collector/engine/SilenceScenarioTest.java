package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.DOWN;
import static io.gemba.collector.telemetry.MachineState.OFFLINE;
import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Silence, worked out by hand, with the default policy (silent after 2 min without a message): a
 * press counts one unit a minute at an ideal 60 s, so that its performance is 100% while it runs,
 * and says nothing for a while.
 */
class SilenceScenarioTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String THU = "2026-11-26T";
  private static final String FRI = "2026-11-27T";
  private static final double EPS = 1e-9;

  private static final EnumSet<DayOfWeek> WEEKDAYS =
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
  private static final ShiftDefinition A =
      new ShiftDefinition("A", LocalTime.of(6, 0), LocalTime.of(14, 0), List.of(), WEEKDAYS);
  private static final ShiftDefinition B =
      new ShiftDefinition("B", LocalTime.of(14, 0), LocalTime.of(22, 0), List.of(), WEEKDAYS);

  private static EngineHarness harness(ShiftDefinition... shifts) {
    return new EngineHarness(
        BERLIN,
        List.of(shifts),
        KpiPolicy.defaults(),
        EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(60))));
  }

  /**
   * Shift A on Thursday: running from 06:00, a count every minute (one unit each, all good) to
   * 09:30, then nothing until 10:30, then a count every minute to 13:59, and heartbeats from 14:00
   * to 14:06 (after the shift; its watermark passes 14:00).
   */
  private static List<TelemetryEvent> silentHour(EngineHarness h) {
    List<TelemetryEvent> events = new ArrayList<>();
    events.add(h.state("press", THU + "06:00", RUNNING));
    long total = 0;
    for (LocalTime t = LocalTime.of(6, 0); t.isBefore(LocalTime.of(14, 0)); t = t.plusMinutes(1)) {
      boolean silent = !t.isBefore(LocalTime.of(9, 31)) && t.isBefore(LocalTime.of(10, 30));
      if (!silent) {
        events.add(h.count("press", THU + t, total, total));
        total++;
      }
    }
    for (int m = 0; m <= 6; m++) {
      events.add(h.heartbeat("press", THU + "14:0" + m));
    }
    return events;
  }

  private static EngineHarness silentHourOnTime() {
    EngineHarness h = harness(A);
    silentHour(h).forEach(h.engine::accept);
    return h;
  }

  @Test
  void silentHour_isOfflineNoData_notIdleNotRun() {
    EngineHarness h = silentHourOnTime();

    // Planned: 06:00-14:00 = 28,800 s. Silent from the count at 09:30 to the one at 10:30:
    // 3,600 s OFFLINE. Run: 28,800 - 3,600 = 25,200 s.
    // Units: 06:01..09:30 = 210, 10:30 = 1 (the counter went on from 210 to 211), 10:31..13:59 =
    // 209: 420 units x 60 s = 25,200 s of ideal time: performance 100%.
    Map<String, Object> shift =
        h.point("oee", THU + "14:00", "station", "press", "window", "shift");
    assertThat(shift)
        .containsEntry("planned_s", 28_800.0)
        .containsEntry("run_s", 25_200.0)
        .containsEntry("stop_s", 3_600.0)
        .containsEntry("total", 420L)
        .containsEntry("good", 420L);
    assertThat((double) shift.get("availability")).isCloseTo(25_200.0 / 28_800, within(EPS));
    assertThat((double) shift.get("performance")).isCloseTo(1.0, within(EPS));
    assertThat((double) shift.get("oee")).isCloseTo(0.875, within(EPS));
    // The hour is no data: not an idling loss, not run time.
    assertThat(loss(h, "no_data")).isEqualTo(3_600.0);
    assertThat(loss(h, "idling_minor_stops")).isZero();
    assertThat(loss(h, "equipment_failure")).isZero();
    // Each minute of it: planned, all stopped, nothing made.
    for (String minute : List.of("09:31", "10:00", "10:29")) {
      assertThat(h.point("oee", THU + minute, "station", "press", "window", "1m"))
          .containsEntry("planned_s", 60.0)
          .containsEntry("run_s", 0.0)
          .containsEntry("stop_s", 60.0);
    }
    assertThat(h.point("oee", THU + "10:30", "station", "press", "window", "1m"))
        .containsEntry("run_s", 60.0)
        .containsEntry("total", 1L);
  }

  @Test
  void silentHour_underTicks_showsOfflineMeanwhile_andStoresTheSame() {
    EngineHarness h = harness(A);
    for (TelemetryEvent event : silentHour(h)) {
      h.engine.accept(event);
      if (event.envelope().ts().equals(h.at(THU + "09:30"))) {
        h.tick(THU + "09:31"); // a minute quiet: not silent yet
        assertThat(h.engine.stations().get(0).state()).isEqualTo(RUNNING);
        assertThat(h.engine.stations().get(0).silentSince()).isNull();
        h.tick(THU + "09:33"); // three minutes: silent since its last message
        StationSnapshot press = h.engine.stations().get(0);
        assertThat(press.state()).isEqualTo(OFFLINE);
        assertThat(press.silentSince()).isEqualTo(h.at(THU + "09:30"));
        assertThat(h.engine.lines().get(0).stationsByState()).isEqualTo(Map.of(OFFLINE, 1));
        for (int m = 35; m < 90; m += 5) {
          h.engine.tick(h.at(THU + "09:00").plus(Duration.ofMinutes(m)));
        }
      }
    }

    assertThat(h.engine.stations().get(0).state()).isEqualTo(RUNNING);
    assertThat(h.engine.stations().get(0).silentSince()).isNull();
    assertThat(EngineHarness.diff(silentHourOnTime().stored(), h.stored(), 8)).isEmpty();
  }

  @Test
  void aMessageUndoingASilenceTheWallClockFound_beforeTheShift_isAppliedWithItsStop() {
    EngineHarness h = harness(A);
    // Before shift A: DOWN at 05:40, heard last at 05:41; the stop, 60 s so far, may still be a
    // micro-stop (2 min).
    h.feed(h.state("press", THU + "05:40", DOWN, "JAM"), h.heartbeat("press", THU + "05:41"));
    // 6.5 minutes later by the wall clock it is silent. Outside a shift its time does not move on,
    // but its watermark does: 05:41 + 6:30 less the lateness (5 min) = 05:42:30.
    h.tick(THU + "05:47:30");
    // Heard again at 05:45 (RUNNING), 4 min after 05:41: silent from 05:41, the stop ended there
    // after 60 s. Then a message of 05:42:40, not older than the watermark and 100 s after 05:41:
    // no silence from 05:41 to it, so the stop went on to the silence from 05:42:40 to 05:45
    // (140 s): 160 s, a long stop. (Before, the settlement had passed the stop's start, and the
    // replay that this message needs found no copy of the station there: an exception.)
    h.feed(h.state("press", THU + "05:45", RUNNING), h.heartbeat("press", THU + "05:42:40"));
    h.timeMovesOn(THU + "06:30");

    assertThat(h.engine.stats().late()).isZero();
    List<Point> stop =
        h.points("downtime", "station", "press").stream()
            .filter(p -> p.time().equals(h.at(THU + "05:40")))
            .toList();
    assertThat(stop).isNotEmpty();
    assertThat(stop.get(stop.size() - 1).fields()).containsEntry("duration_s", 160.0);
  }

  @Test
  void silentLaterShift_hasNoPoints_andTheApiShowsTheLastShiftWithData() {
    EngineHarness h = harness(A, B);
    h.feed(h.state("press", THU + "06:00", RUNNING));
    for (LocalTime t = LocalTime.of(6, 0); t.isBefore(LocalTime.of(14, 0)); t = t.plusMinutes(1)) {
      long total = t.getHour() * 60 + t.getMinute() - 360; // one unit a minute, all good
      h.feed(h.count("press", THU + t, total, total));
    }
    h.feed(h.heartbeat("press", THU + "13:59:30")); // its last message on Thursday
    for (String now : List.of("14:10", "16:00", "21:59", "22:30")) {
      h.tick(THU + now);
    }

    // Shift A: silent from 13:59:30 to its end, 30 s OFFLINE. Planned 28,800 s, run 28,770 s.
    // 479 units (06:01..13:59) x 60 s = 28,740 s: performance 28,740 / 28,770.
    StationSnapshot press = h.engine.stations().get(0);
    assertThat(press.state()).isEqualTo(OFFLINE);
    assertThat(press.silentSince()).isEqualTo(h.at(THU + "13:59:30"));
    assertThat(press.shift()).isEqualTo("2026-11-26/A");
    assertThat(press.shiftKpis().availability()).isCloseTo(28_770.0 / 28_800, within(EPS));
    assertThat(press.shiftKpis().performance()).isCloseTo(28_740.0 / 28_770, within(EPS));
    LineSnapshot line = h.engine.lines().get(0);
    assertThat(line.shift()).isEqualTo("2026-11-26/A");
    assertThat(line.shiftKpis()).isEqualTo(press.shiftKpis());
    assertThat(line.silentSince()).isEqualTo(h.at(THU + "13:59:30"));
    Map<String, Object> shiftA =
        h.point("oee", THU + "14:00", "station", "press", "window", "shift");
    assertThat(shiftA).containsEntry("run_s", 28_770.0).containsEntry("stop_s", 30.0);
    assertThat(loss(h, "no_data")).isEqualTo(30.0);

    // Friday: it speaks again at the start of shift A.
    h.feed(h.state("press", FRI + "06:00", RUNNING));
    for (int m = 0; m <= 30; m++) {
      h.feed(h.count("press", FRI + LocalTime.of(6, m), 479 + m, 479 + m));
    }

    assertThat(h.points("oee", "shift", "2026-11-26/B")).isEmpty();
    assertThat(h.points("losses", "shift", "2026-11-26/B")).isEmpty();
    assertThat(pointsBetween(h, THU + "14:01", FRI + "06:00")).isEmpty();
    assertThat(h.point("oee", THU + "14:00", "station", "press", "window", "shift"))
        .isEqualTo(shiftA);
    // Friday's shift so far: 06:00 to 06:30, running, 30 units.
    assertThat(h.engine.stations().get(0).shift()).isEqualTo("2026-11-27/A");
    assertThat(h.engine.stations().get(0).shiftKpis().runMs()).isEqualTo(30 * 60_000L);
    assertThat(h.engine.stations().get(0).silentSince()).isNull();
    assertThat(h.engine.lines().get(0).silentSince()).isNull();
  }

  @Test
  void sameShift_replayedADayLaterAtAnyPace_storesTheSameAsOnTime() {
    Map<String, Map<String, Object>> onTime = silentHourOnTime().stored();
    for (Duration pause :
        List.of(Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMinutes(3))) {
      EngineHarness replay = harness(A);
      List<TelemetryEvent> events = silentHour(replay);
      Instant arrival = replay.at(FRI + "12:00");
      for (int i = 0; i < events.size(); i += 20) {
        replay.engine.acceptAll(events.subList(i, Math.min(events.size(), i + 20)), arrival);
        arrival = arrival.plus(pause);
        replay.engine.tick(arrival);
      }
      assertThat(EngineHarness.diff(onTime, replay.stored(), 8)).as("pause " + pause).isEmpty();
      assertThat(replay.engine.stats().late()).as("pause " + pause).isZero();
    }
  }

  private static double loss(EngineHarness h, String loss) {
    return (double)
        h.point("losses", THU + "14:00", "station", "press", "shift", "2026-11-26/A", "loss", loss)
            .get("seconds");
  }

  private static List<Point> pointsBetween(EngineHarness h, String from, String to) {
    Instant start = h.at(from);
    Instant end = h.at(to);
    return h.emitted.stream()
        .filter(p -> !p.time().isBefore(start) && p.time().isBefore(end))
        .filter(
            p -> !p.measurement().equals("machine_state") && !p.measurement().equals("downtime"))
        .toList();
  }
}
