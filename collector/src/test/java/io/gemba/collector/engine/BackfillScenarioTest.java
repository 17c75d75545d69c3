package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.DOWN;
import static io.gemba.collector.telemetry.MachineState.OFFLINE;
import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A gateway's buffer, flushed after an outage, is data (ADR 0010): with the default policy (late
 * events applied back to the start of the previous shift, at most 24 h) it replaces the time that
 * counted as {@code OFFLINE} meanwhile, and the final points are those of the same events on time.
 * Older events are late, counted per station, and change nothing.
 *
 * <p>The press of these scenarios counts one unit a minute at an ideal 60 s while it runs, and
 * reads its counter every minute; the agent ticks every 10 s.
 */
class BackfillScenarioTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String THU = "2026-11-26T";
  private static final String FRI = "2026-11-27T";
  private static final double EPS = 1e-9;
  private static final Duration TICK = Duration.ofSeconds(10);

  private static final EnumSet<DayOfWeek> WEEKDAYS =
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
  private static final ShiftDefinition A =
      new ShiftDefinition("A", LocalTime.of(6, 0), LocalTime.of(14, 0), List.of(), WEEKDAYS);
  private static final ShiftDefinition B =
      new ShiftDefinition("B", LocalTime.of(14, 0), LocalTime.of(22, 0), List.of(), WEEKDAYS);

  private static EngineHarness harness(KpiPolicy policy, ShiftDefinition... shifts) {
    return new EngineHarness(
        BERLIN,
        List.of(shifts),
        policy,
        EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(60))));
  }

  /**
   * Thursday's shift A: running from 06:00, jammed from 10:15 to 10:25, a reading every minute from
   * 06:00 to 13:59 (one unit for every minute it ran), and heartbeats 14:00 to 14:06.
   */
  private static List<TelemetryEvent> shift(EngineHarness h) {
    List<TelemetryEvent> events = new ArrayList<>();
    events.add(h.state("press", THU + "06:00", RUNNING));
    events.add(h.state("press", THU + "10:15", DOWN, "JAM"));
    events.add(h.state("press", THU + "10:25", RUNNING));
    long total = 0;
    for (LocalTime t = LocalTime.of(6, 0); t.isBefore(LocalTime.of(14, 0)); t = t.plusMinutes(1)) {
      events.add(h.count("press", THU + t, total, total));
      boolean jammed = !t.isBefore(LocalTime.of(10, 15)) && t.isBefore(LocalTime.of(10, 25));
      if (!jammed) {
        total++; // the minute from t on makes one unit
      }
    }
    for (int m = 0; m <= 6; m++) {
      events.add(h.heartbeat("press", THU + "14:0" + m));
    }
    events.sort(Comparator.comparing(e -> e.envelope().ts()));
    return events;
  }

  /** An event and when it reaches the agent. */
  private record Arrival(Instant at, TelemetryEvent event) {}

  /**
   * Delivers events in the order of their arrival, each run that arrives at one instant at once,
   * with a tick every 10 s of the wall clock in between (as the agent does), up to {@code until}.
   */
  private static final class Delivery {
    final EngineHarness h;
    final List<Arrival> arrivals;
    int next;
    Instant clock;

    Delivery(EngineHarness h, List<Arrival> arrivals) {
      this.h = h;
      this.arrivals = new ArrayList<>(arrivals);
      this.arrivals.sort(Comparator.comparing(Arrival::at));
      this.clock = this.arrivals.get(0).at();
    }

    void until(String localDateTime) {
      Instant until = h.at(localDateTime);
      while (next < arrivals.size() && !arrivals.get(next).at().isAfter(until)) {
        Instant at = arrivals.get(next).at();
        tickUpTo(at);
        List<TelemetryEvent> run = new ArrayList<>();
        while (next < arrivals.size() && arrivals.get(next).at().equals(at)) {
          run.add(arrivals.get(next++).event());
        }
        h.engine.acceptAll(run, at);
      }
      tickUpTo(until);
    }

    private void tickUpTo(Instant to) {
      while (!clock.plus(TICK).isAfter(to)) {
        clock = clock.plus(TICK);
        h.engine.tick(clock);
      }
    }
  }

  private static List<Arrival> arriving(
      List<TelemetryEvent> events, Function<Instant, Instant> arrival) {
    List<Arrival> arrivals = new ArrayList<>();
    for (TelemetryEvent event : events) {
      arrivals.add(new Arrival(arrival.apply(event.envelope().ts()), event));
    }
    return arrivals;
  }

  private static EngineHarness onTime() {
    EngineHarness h = harness(KpiPolicy.defaults(), A);
    new Delivery(h, arriving(shift(h), ts -> ts)).until(THU + "14:10");
    return h;
  }

  /**
   * The gateway is cut off from 10:00 to 10:40: what the press says in that time reaches the agent
   * only at 11:10, 30 minutes after the link is back, at ten times the real rate (a minute's
   * messages every 6 s, from 11:10 to 11:14), among the live messages.
   */
  private static Instant throughTheOutage(EngineHarness h, Instant ts) {
    Instant cut = h.at(THU + "10:00");
    if (ts.isBefore(cut) || !ts.isBefore(h.at(THU + "10:40"))) {
      return ts;
    }
    return h.at(THU + "11:10").plus(Duration.between(cut, ts).dividedBy(10));
  }

  @Test
  void outageOf40Minutes_flushed30MinutesLaterAt10x_givesTheShiftOfTheEventsOnTime() {
    EngineHarness h = harness(KpiPolicy.defaults(), A);
    Delivery delivery = new Delivery(h, arriving(shift(h), ts -> throughTheOutage(h, ts)));

    // During the outage: silent since its last message, the reading at 09:59.
    delivery.until(THU + "10:30");
    StationSnapshot press = h.engine.stations().get(0);
    assertThat(press.state()).isEqualTo(OFFLINE);
    assertThat(press.silentSince()).isEqualTo(h.at(THU + "09:59"));

    // Back at 10:40, before the buffer: 09:59 to 10:40 is no data, 41 minutes = 2,460 s, and the
    // shift so far (06:00 to 11:00 less the allowed lateness) has not run then.
    delivery.until(THU + "11:09");
    press = h.engine.stations().get(0);
    assertThat(press.state()).isEqualTo(RUNNING);
    assertThat(press.silentSince()).isNull();
    assertThat(h.point("oee", THU + "10:20", "station", "press", "window", "1m"))
        .containsEntry("planned_s", 60.0)
        .containsEntry("run_s", 0.0)
        .containsEntry("total", 0L);
    assertThat(h.point("oee", THU + "11:00", "station", "press", "window", "shift"))
        .containsEntry("planned_s", 18_000.0)
        .containsEntry("run_s", 18_000.0 - 2_460);

    // The buffer, 11:10 to 11:14, then the rest of the shift.
    delivery.until(THU + "14:10");

    // Planned: 06:00-14:00 = 28,800 s. The jam, 10:15-10:25: 600 s, a long stop. Run 28,200 s.
    // Units: one for each minute that ran from 06:00 to the last reading at 13:59, 479 minutes
    // less the 10 of the jam: 469 x 60 s = 28,140 s of ideal time. OEE = 28,140 / 28,800.
    Map<String, Object> shift =
        h.point("oee", THU + "14:00", "station", "press", "window", "shift");
    assertThat(shift)
        .containsEntry("planned_s", 28_800.0)
        .containsEntry("run_s", 28_200.0)
        .containsEntry("stop_s", 600.0)
        .containsEntry("total", 469L)
        .containsEntry("good", 469L);
    assertThat((double) shift.get("availability")).isCloseTo(28_200.0 / 28_800, within(EPS));
    assertThat((double) shift.get("performance")).isCloseTo(28_140.0 / 28_200, within(EPS));
    assertThat((double) shift.get("oee")).isCloseTo(28_140.0 / 28_800, within(EPS));
    assertThat(loss(h, "no_data")).isZero();
    assertThat(loss(h, "equipment_failure")).isEqualTo(600.0);
    assertThat(h.point("oee", THU + "10:20", "station", "press", "window", "1m"))
        .containsEntry("run_s", 0.0)
        .containsEntry("stop_s", 60.0);
    assertThat(h.point("oee", THU + "10:30", "station", "press", "window", "1m"))
        .containsEntry("run_s", 60.0)
        .containsEntry("total", 1L);

    assertThat(
            EngineHarness.diff(
                EngineHarness.asRead(onTime().stored()), EngineHarness.asRead(h.stored()), 8))
        .isEmpty();
    assertThat(h.engine.stats().late()).isZero();
    assertThat(h.engine.stations().get(0).quality().lateEvents()).isZero();
  }

  @Test
  void outageBuffer_inAnyOrder_givesTheSame() {
    Map<String, Map<String, Object>> onTime = EngineHarness.asRead(onTime().stored());
    for (boolean newestFirst : List.of(true, false)) {
      EngineHarness h = harness(KpiPolicy.defaults(), A);
      List<Arrival> arrivals = new ArrayList<>();
      List<TelemetryEvent> buffered = new ArrayList<>();
      for (TelemetryEvent event : shift(h)) {
        Instant ts = event.envelope().ts();
        if (throughTheOutage(h, ts).equals(ts)) {
          arrivals.add(new Arrival(ts, event));
        } else {
          buffered.add(event);
        }
      }
      if (newestFirst) {
        Collections.reverse(buffered);
      } else {
        Collections.shuffle(buffered, new Random(14));
      }
      // All of the buffer in one run at 11:10.
      for (TelemetryEvent event : buffered) {
        arrivals.add(new Arrival(h.at(THU + "11:10"), event));
      }
      new Delivery(h, arrivals).until(THU + "14:10");

      assertThat(EngineHarness.diff(onTime, EngineHarness.asRead(h.stored()), 8))
          .as(newestFirst ? "newest first" : "shuffled")
          .isEmpty();
      assertThat(h.engine.stats().late()).isZero();
    }
  }

  /**
   * Thursday's shift A with a reading every minute, its last message at 13:59:30, nothing in shift
   * B; Friday from 06:00 a reading every minute to 15:00. The horizon (the start of the shift
   * before the current one, Friday's B) begins at Friday 06:00.
   */
  private static EngineHarness twoDays(KpiPolicy policy) {
    EngineHarness h = harness(policy, A, B);
    h.feed(h.state("press", THU + "06:00", RUNNING));
    for (LocalTime t = LocalTime.of(6, 0); t.isBefore(LocalTime.of(14, 0)); t = t.plusMinutes(1)) {
      long total = t.getHour() * 60 + t.getMinute() - 360;
      h.feed(h.count("press", THU + t, total, total));
    }
    h.feed(h.heartbeat("press", THU + "13:59:30"));
    h.feed(h.state("press", FRI + "06:00", RUNNING));
    for (LocalTime t = LocalTime.of(6, 0); !t.isAfter(LocalTime.of(15, 0)); t = t.plusMinutes(1)) {
      long total = 479 + t.getHour() * 60 + t.getMinute() - 360;
      h.feed(h.count("press", FRI + t, total, total));
    }
    return h;
  }

  @Test
  void olderThanTheHorizon_isLate_countedForItsStation_andChangesNothing() {
    EngineHarness h = twoDays(KpiPolicy.defaults());
    Map<String, Map<String, Object>> before = h.stored();
    Map<String, Object> thursday =
        h.point("oee", THU + "14:00", "station", "press", "window", "shift");
    int emitted = h.emitted.size();

    // Thursday, in the shift before the previous one; Friday 05:59, before the previous shift.
    assertThat(h.engine.accept(h.state("press", THU + "13:00", DOWN, "JAM")))
        .isEqualTo(Outcome.LATE);
    assertThat(h.engine.accept(h.heartbeat("press", FRI + "05:59"))).isEqualTo(Outcome.LATE);

    assertThat(h.emitted).hasSize(emitted);
    assertThat(h.stored()).isEqualTo(before);
    assertThat(h.engine.stats().late()).isEqualTo(2);
    assertThat(h.engine.stations().get(0).quality().lateEvents()).isEqualTo(2);

    // Friday 06:30:30, in the previous shift (A): applied. A jam of 60 s, a micro-stop (tpm: the
    // idling and minor stops loss) in shift A, whose points are written again.
    assertThat(h.engine.accept(h.state("press", FRI + "06:30:30", DOWN, "JAM")))
        .isEqualTo(Outcome.APPLIED);
    assertThat(h.engine.accept(h.state("press", FRI + "06:31:30", RUNNING)))
        .isEqualTo(Outcome.APPLIED);
    assertThat(
            h.point(
                    "losses",
                    FRI + "14:00",
                    "station",
                    "press",
                    "shift",
                    "2026-11-27/A",
                    "loss",
                    "idling_minor_stops")
                .get("seconds"))
        .isEqualTo(60.0);
    assertThat(h.engine.stations().get(0).quality().lateEvents()).isEqualTo(2);
    // Thursday's shift is as it was.
    assertThat(h.point("oee", THU + "14:00", "station", "press", "window", "shift"))
        .isEqualTo(thursday);
  }

  @Test
  void backfillHorizon_limitsHowFarBack_whateverTheShifts() {
    KpiPolicy defaults = KpiPolicy.defaults();
    KpiPolicy halfAnHour =
        new KpiPolicy(
            defaults.microStopPolicy(),
            defaults.microStopThreshold(),
            defaults.oeeTarget(),
            defaults.localContentTarget(),
            defaults.allowedLateness(),
            defaults.startupAfterChangeover(),
            defaults.silenceTimeout(),
            defaults.backfillShifts(),
            Duration.ofMinutes(30));
    EngineHarness h = twoDays(halfAnHour);

    // Latest event Friday 15:00: 14:29 is older than the horizon of 30 minutes, 14:31 is not.
    assertThat(h.engine.accept(h.heartbeat("press", FRI + "14:29"))).isEqualTo(Outcome.LATE);
    assertThat(h.engine.accept(h.heartbeat("press", FRI + "14:31:30"))).isEqualTo(Outcome.APPLIED);
    assertThat(h.engine.stations().get(0).quality().lateEvents()).isEqualTo(1);
  }

  private static double loss(EngineHarness h, String loss) {
    return (double)
        h.point("losses", THU + "14:00", "station", "press", "shift", "2026-11-26/A", "loss", loss)
            .get("seconds");
  }
}
