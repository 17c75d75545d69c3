package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.CHANGEOVER;
import static io.gemba.collector.telemetry.MachineState.DOWN;
import static io.gemba.collector.telemetry.MachineState.IDLE;
import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.CounterReading;
import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.gemba.collector.telemetry.Topic;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Events out of order within the allowed lateness (5 min) are applied by replay and give the same
 * stored points as in order, and so do older ones within the backfill horizon (BackfillScenarioTest
 * covers the horizon); redeliveries are dropped as duplicates.
 */
class LateAndDuplicateScenarioTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String D = "2026-11-26T"; // a Thursday
  private static final long LATENESS_MS = Duration.ofMinutes(5).toMillis();

  /** A press that counts (ideal 30 s) and a welder that reports cycles (ideal 60 s, output). */
  private static EngineHarness harness() {
    return new EngineHarness(
        BERLIN,
        List.of(EngineFixtures.morningShift(LocalTime.of(9, 0))), // 06:00–14:00, tea 09:00
        EngineFixtures.onChangeOnly(KpiPolicy.defaults()),
        EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(30))),
        EngineHarness.station("welder", IdealCycleTimes.of(Duration.ofSeconds(60))));
  }

  private static StationSnapshot station(EngineHarness h, String id) {
    return h.engine.stations().stream()
        .filter(s -> s.station().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /** What both stations send first, fed in order. */
  private static List<TelemetryEvent> prefix(EngineHarness h) {
    return List.of(
        h.state("press", D + "06:00", RUNNING),
        h.count("press", D + "06:00", 1000, 1000),
        h.state("welder", D + "06:00", RUNNING));
  }

  /**
   * Half an hour of telemetry, every event of a station at its own instant: micro-stops and long
   * stops, a changeover with startup scrap, counts (some while stopped) and OK / NOK cycles.
   */
  private static List<TelemetryEvent> body(EngineHarness h) {
    List<TelemetryEvent> events = new ArrayList<>();
    String t = D + "06:";
    events.add(h.count("press", t + "03:10", 1020, 1020));
    events.add(h.state("press", t + "05:00", DOWN, "JAM"));
    events.add(h.state("press", t + "06:20", RUNNING)); // 80 s: a micro-stop
    events.add(h.count("press", t + "07:30", 1045, 1044));
    events.add(h.state("press", t + "09:00", IDLE, "STARVED"));
    events.add(h.state("press", t + "12:30", RUNNING)); // 3.5 min: a long stop
    events.add(h.count("press", t + "14:40", 1070, 1068));
    events.add(h.state("press", t + "16:00", CHANGEOVER, "P1-P2"));
    events.add(h.count("press", t + "16:50", 1072, 1069));
    events.add(h.state("press", t + "21:00", RUNNING)); // 5 min changeover
    events.add(h.count("press", t + "23:15", 1090, 1084)); // startup scrap
    events.add(h.state("press", t + "25:00", DOWN, "JAM"));
    events.add(h.state("press", t + "26:30", RUNNING)); // 90 s: a micro-stop
    events.add(h.count("press", t + "29:59", 1120, 1113));
    events.add(h.state("welder", t + "10:10", DOWN, "WIRE"));
    events.add(h.state("welder", t + "11:40", RUNNING)); // 90 s: a micro-stop
    events.add(h.state("welder", t + "18:05", DOWN, "WIRE"));
    events.add(h.state("welder", t + "21:05", RUNNING)); // 3 min: a long stop
    for (int k = 0; k < 29; k++) {
      LocalTime at = LocalTime.of(6, 0, 55).plusSeconds(60L * k);
      boolean down = !at.isBefore(LocalTime.of(6, 10, 10)) && at.isBefore(LocalTime.of(6, 11, 40));
      if (!down) {
        events.add(h.cycle("welder", D + at, k % 7 != 3, "W1"));
      }
    }
    events.add(h.heartbeat("press", D + "06:31:30"));
    events.sort(Comparator.comparing(e -> e.envelope().ts()));
    return events;
  }

  private static EngineHarness inOrder() {
    EngineHarness h = harness();
    h.feed(prefix(h).toArray(TelemetryEvent[]::new));
    h.feed(body(h).toArray(TelemetryEvent[]::new));
    h.timeMovesOn(D + "14:10");
    return h;
  }

  /**
   * (a) 30 random arrival orders, each event delayed by less than the lateness, against the same
   * events in order.
   */
  @Test
  void shuffledWithinTheLateness_storesTheSameAsInOrder() {
    EngineHarness expected = inOrder();
    for (long seed = 1; seed <= 30; seed++) {
      EngineHarness h = harness();
      h.feed(prefix(h).toArray(TelemetryEvent[]::new));
      // Each event arrives at its ts plus a random delay below the lateness: when it arrives,
      // no event seen is more than the lateness newer, so none is late.
      Random random = new Random(seed);
      List<TelemetryEvent> body = body(h);
      Map<TelemetryEvent, Long> arrival = new IdentityHashMap<>();
      for (TelemetryEvent e : body) {
        arrival.put(e, e.envelope().ts().toEpochMilli() + random.nextLong(LATENESS_MS));
      }
      List<TelemetryEvent> shuffled = new ArrayList<>(body);
      shuffled.sort(Comparator.comparing(arrival::get));
      for (TelemetryEvent e : shuffled) {
        assertThat(h.engine.accept(e)).as("seed %d, %s", seed, e).isEqualTo(Outcome.APPLIED);
      }
      h.timeMovesOn(D + "14:10");

      assertThat(h.engine.stats().corrections()).as("seed %d replayed", seed).isPositive();
      assertThat(EngineHarness.diff(expected.stored(), h.stored(), 20))
          .as("seed %d", seed)
          .isEmpty();
    }
  }

  @Test
  void inOrder_handArithmeticOfTheShiftTotals() {
    EngineHarness h = inOrder();
    // Press: units 20 + 25 + 25 + 2 + 18 + 30 = 120 (1120 - 1000), good 1113 - 1000 = 113.
    assertThat(h.point("oee", D + "14:00", "station", "press", "window", "shift"))
        .containsEntry("total", 120L)
        .containsEntry("good", 113L)
        // Counted stops (tpm): idle 3.5 min + changeover 5 min = 8.5 min = 510 s; the two jams
        // (80 s, 90 s) are micro-stops.
        .containsEntry("stop_s", 510.0);
    // Welder: 29 cycle slots 06:00:55 ... 06:28:55, less the one at 06:10:55 in the wire down:
    // 28 cycles; NOK at k = 3, 10, 17, 24 (k = 10 is 06:10:55, the one skipped): 3 NOK.
    assertThat(h.point("oee", D + "14:00", "station", "welder", "window", "shift"))
        .containsEntry("total", 28L)
        .containsEntry("good", 25L)
        .containsEntry("stop_s", 180.0);
  }

  /**
   * A reading older than the watermark (06:20 less 5 min = 06:15) but within the backfill horizon
   * is applied, by rebuilding the station from its beginning: it gives the points of the same
   * events in order. The press counts 0 at 06:00 and 10 at 06:10; the late reading of 5 at 06:05
   * moves 5 of the 10 units from minute 06:10 to minute 06:05 (a reading's units are its minute's).
   */
  @Test
  void olderThanTheLateness_withinTheHorizon_isApplied_asInOrder() {
    EngineHarness h = harness();
    h.feed(
        h.state("press", D + "06:00", RUNNING),
        h.count("press", D + "06:00", 0, 0),
        h.count("press", D + "06:10", 10, 10),
        h.state("press", D + "06:20", DOWN, "JAM"));
    assertThat(h.point("production", D + "06:10", "station", "press")).containsEntry("total", 10L);

    Outcome outcome = h.engine.accept(h.count("press", D + "06:05", 5, 5));

    assertThat(outcome).isEqualTo(Outcome.APPLIED);
    assertThat(h.engine.stats().late()).isZero();
    assertThat(station(h, "press").quality().lateEvents()).isZero();
    assertThat(h.point("production", D + "06:05", "station", "press")).containsEntry("total", 5L);
    assertThat(h.point("production", D + "06:10", "station", "press")).containsEntry("total", 5L);

    EngineHarness inOrder = harness();
    inOrder.feed(
        inOrder.state("press", D + "06:00", RUNNING),
        inOrder.count("press", D + "06:00", 0, 0),
        inOrder.count("press", D + "06:05", 5, 5),
        inOrder.count("press", D + "06:10", 10, 10),
        inOrder.state("press", D + "06:20", DOWN, "JAM"));
    h.timeMovesOn(D + "14:10");
    inOrder.timeMovesOn(D + "14:10");
    assertThat(EngineHarness.diff(inOrder.stored(), h.stored(), 8)).isEmpty();
    assertThat(h.point("oee", D + "14:00", "station", "press", "window", "shift"))
        .containsEntry("total", 10L);
  }

  @Test
  void duplicates_areDropped_counted_andChangeNothing() {
    EngineHarness h = harness();
    CounterReading reading = h.count("press", D + "06:05", 10, 10);
    CounterReading older = h.count("press", D + "06:03", 6, 6);
    h.feed(
        h.state("press", D + "06:00", RUNNING),
        h.count("press", D + "06:00", 0, 0),
        older,
        reading,
        h.heartbeat("press", D + "06:07"));
    Map<String, Map<String, Object>> before = h.stored();
    int emitted = h.emitted.size();

    // The same event again (MQTT redelivery).
    assertThat(h.engine.accept(reading)).isEqualTo(Outcome.DUPLICATE);
    // Same topic, seq and ts, another payload: still the redelivery of that message.
    CounterReading sameSeqAndTs = new CounterReading(reading.envelope(), 99, 99L, null);
    assertThat(h.engine.accept(sameSeqAndTs)).isEqualTo(Outcome.DUPLICATE);
    // A redelivery of an older event (out of order, within the lateness).
    assertThat(h.engine.accept(older)).isEqualTo(Outcome.DUPLICATE);

    assertThat(h.emitted).hasSize(emitted);
    assertThat(h.stored()).isEqualTo(before);
    assertThat(h.engine.stats().duplicates()).isEqualTo(3);
    assertThat(station(h, "press").quality().duplicates()).isEqualTo(3);

    h.timeMovesOn(D + "14:10");
    // 6 + 4 = 10 units: the duplicates added none.
    assertThat(h.point("oee", D + "14:00", "station", "press", "window", "shift"))
        .containsEntry("total", 10L);
  }

  @Test
  void redeliveriesDroppedBeforeTheEngine_countAsTheStationsDuplicates_andChangeNothing() {
    EngineHarness h = harness();
    CounterReading reading = h.count("press", D + "06:05", 10, 10);
    h.feed(h.state("press", D + "06:00", RUNNING), h.count("press", D + "06:00", 0, 0), reading);
    Map<String, Map<String, Object>> before = h.stored();
    int emitted = h.emitted.size();

    // The agent's DuplicateFilter dropped two redeliveries of the press's reading, and one of a
    // station the engine has not seen: the engine counts all three, the press two of them.
    h.engine.redelivered(reading);
    h.engine.redelivered(reading);
    h.engine.redelivered(h.count("lathe", D + "06:05", 1, 1));

    assertThat(h.emitted).hasSize(emitted);
    assertThat(h.stored()).isEqualTo(before);
    assertThat(h.engine.stats().duplicates()).isEqualTo(3);
    assertThat(station(h, "press").quality().duplicates()).isEqualTo(2);
    assertThat(h.engine.stations()).extracting(StationSnapshot::station).doesNotContain("lathe");
  }

  @Test
  void sameSeqAnotherTs_isNotADuplicate_andWithoutSeqEqualEventsAre() {
    EngineHarness h = harness();
    h.feed(h.state("press", D + "06:00", RUNNING), h.count("press", D + "06:00", 0, 0));
    CounterReading first = h.count("press", D + "06:05", 10, 10);
    h.feed(first);
    // The gateway restarted its sequence: same seq, new ts (ADR 0003): applied.
    CounterReading restarted =
        new CounterReading(
            new Envelope(
                first.envelope().topic(), h.at(D + "06:06"), false, first.envelope().seq()),
            12,
            12L,
            null);
    assertThat(h.engine.accept(restarted)).isEqualTo(Outcome.APPLIED);

    // Without seq: an equal event is a duplicate, a different one at the same ts is not.
    Topic topic =
        new Topic(
            EngineHarness.SITE, EngineHarness.AREA, EngineHarness.LINE, "press", Channel.COUNT);
    CounterReading noSeq = new CounterReading(Envelope.of(topic, h.at(D + "06:07")), 15, 15L, null);
    assertThat(h.engine.accept(noSeq)).isEqualTo(Outcome.APPLIED);
    assertThat(h.engine.accept(new CounterReading(noSeq.envelope(), 15, 15L, null)))
        .isEqualTo(Outcome.DUPLICATE);
    assertThat(h.engine.accept(new CounterReading(noSeq.envelope(), 16, 16L, null)))
        .isEqualTo(Outcome.APPLIED);
    assertThat(h.engine.stats().duplicates()).isEqualTo(1);

    h.timeMovesOn(D + "14:10");
    // 10 + 2 + 3 + 1 = 16 units.
    assertThat(h.point("oee", D + "14:00", "station", "press", "window", "shift"))
        .containsEntry("total", 16L);
  }

  /**
   * The press jams at 06:10 and runs again at 06:11, but the RUNNING message is delayed: heartbeats
   * at 06:12:30 and 06:13 carry its event time on, so the engine first sees a 3 min stop (long) and
   * emits 06:10–06:12 as stopped. The RUNNING arrives 2 min late (within the lateness): the jam was
   * 1 min, a micro-stop, which under tpm is run time. The emitted minutes are corrected.
   */
  @Test
  void lateStateChange_splitsAStopIntoAMicroStop_andCorrectsEmittedMinutes() {
    EngineHarness late = harness();
    TelemetryEvent[] events = lateRunningEvents(late);
    TelemetryEvent delayed = events[2];
    List<TelemetryEvent> arrival = new ArrayList<>(List.of(events));
    arrival.remove(delayed);
    arrival.add(4, delayed); // after the 06:13 heartbeat
    late.feed(arrival.subList(0, 4).toArray(TelemetryEvent[]::new));

    // Before the correction: 06:10, 06:11 and 06:12 emitted as a long stop.
    assertThat(late.point("oee", D + "06:10", "station", "press", "window", "1m"))
        .containsEntry("stop_s", 60.0);
    assertThat(late.point("oee", D + "06:12", "station", "press", "window", "1m"))
        .containsEntry("stop_s", 60.0);
    // The shift so far is only written once final (the watermark is 06:08), so not at 06:13 yet.
    assertThat(late.points("oee", "station", "press", "window", "shift"))
        .extracting(p -> p.time())
        .doesNotContain(late.at(D + "06:13"));

    late.feed(arrival.subList(4, arrival.size()).toArray(TelemetryEvent[]::new));
    late.timeMovesOn(D + "14:10");

    // After it: the jam 06:10–06:11 is a 60 s micro-stop, run time under tpm.
    for (String minute : List.of("06:10", "06:11", "06:12")) {
      assertThat(late.point("oee", D + minute, "station", "press", "window", "1m"))
          .as(minute)
          .containsEntry("planned_s", 60.0)
          .containsEntry("stop_s", 0.0)
          .containsEntry("run_s", 60.0)
          .containsEntry("availability", 1.0);
    }
    // The shift so far at 06:13: 780 s planned, no counted stop; 60 s of minor stops.
    assertThat(late.point("oee", D + "06:13", "station", "press", "window", "shift"))
        .containsEntry("planned_s", 780.0)
        .containsEntry("stop_s", 0.0);
    assertThat(late.point("losses", D + "06:13", "station", "press", "loss", "idling_minor_stops"))
        .containsEntry("seconds", 60.0);
    assertThat(late.point("losses", D + "06:13", "station", "press", "loss", "equipment_failure"))
        .containsEntry("seconds", 0.0);
    assertThat(late.point("reliability", D + "06:13", "station", "press"))
        .containsEntry("failures", 0L);
    assertThat(late.point("downtime", D + "06:10", "station", "press"))
        .containsEntry("duration_s", 60.0);

    // And everything stored is what the same events in order store.
    EngineHarness inOrder = harness();
    inOrder.feed(lateRunningEvents(inOrder));
    inOrder.timeMovesOn(D + "14:10");
    assertThat(EngineHarness.diff(inOrder.stored(), late.stored(), 20)).isEmpty();
    assertThat(late.engine.stats().corrections()).isEqualTo(1);
  }

  private static TelemetryEvent[] lateRunningEvents(EngineHarness h) {
    return new TelemetryEvent[] {
      h.state("press", D + "06:00", RUNNING),
      h.state("press", D + "06:10", DOWN, "JAM"),
      h.state("press", D + "06:11", RUNNING), // the delayed one
      h.heartbeat("press", D + "06:12:30"),
      h.heartbeat("press", D + "06:13"),
      h.heartbeat("press", D + "06:20"),
    };
  }
}
