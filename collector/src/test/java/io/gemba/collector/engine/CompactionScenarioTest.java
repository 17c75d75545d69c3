package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.MachineState;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A station that reads its counters every second keeps what a correction needs of each minute, not
 * every reading; a late order between readings it no longer keeps still lands where the rules say
 * (a minute's units under the status of its last reading).
 */
class CompactionScenarioTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String D = "2026-11-26T";

  /** A press (ideal cycle time 1 s) in shift A, running from 06:00. */
  private static EngineHarness pressRunningFromSix() {
    EngineHarness h =
        new EngineHarness(
            BERLIN,
            List.of(EngineFixtures.morningShift(LocalTime.of(9, 0))),
            KpiPolicy.defaults(),
            EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(1))));
    h.feed(h.state("press", D + "06:00", RUNNING));
    return h;
  }

  private static EngineHarness readingEverySecond() {
    EngineHarness h = pressRunningFromSix();
    // One unit a second, read every second: the reading at 06:00:00 is the baseline (0).
    for (int s = 0; s < 600; s++) {
      LocalTime t = LocalTime.of(6, 0).plusSeconds(s);
      h.feed(h.count("press", D + t, s, s));
    }
    return h;
  }

  @Test
  void readingsEverySecond_keepAFewAMinute() {
    EngineHarness h = readingEverySecond();

    // Kept: every minute since the station's beginning (the oldest anchor of its backfill horizon),
    // each with its first and last reading, not the 601 messages. Within the lateness (settled to
    // 06:04 at 06:09:59, so from 06:04 on): 06:04 to 06:09, 6 x 2 = 12. Past it, in the cold log:
    // minute 06:00 with the state, the reading at 06:00:00 (the baseline) and at 06:00:59 (the
    // last), and 06:01 to 06:03 with their readings at :00 and :59: 3 + 3 x 2 = 9.
    EngineCheckpoint.EngineState saved = EngineCheckpoint.read(h.engine.checkpoint());
    EngineCheckpoint.StationState press = saved.stations().get(0);
    assertThat(press.events()).hasSize(12);
    assertThat(press.cold().stream().mapToInt(ColdLog.Saved::count).sum()).isEqualTo(9);
    // Minute 06:00 has 59 units (the baseline at 06:00:00 counts none), every later one 60.
    assertThat(h.point("production", D + "06:00", "station", "press").get("total")).isEqualTo(59L);
    assertThat(h.point("production", D + "06:03", "station", "press").get("total")).isEqualTo(60L);
  }

  @Test
  void readingsOutOfOrder_keepAsFewAsInOrder() {
    EngineHarness h = pressRunningFromSix();
    // The same readings as above, but every tenth (at :05, :15, ...) comes 3 s late: after the
    // readings of the next 3 s, well within the lateness.
    List<Integer> late = new java.util.ArrayList<>();
    for (int s = 0; s < 600; s++) {
      if (s % 10 == 5) {
        late.add(s);
      } else {
        LocalTime t = LocalTime.of(6, 0).plusSeconds(s);
        h.feed(h.count("press", D + t, s, s));
      }
      if (!late.isEmpty() && late.get(0) + 3 == s) {
        int l = late.remove(0);
        h.feed(h.count("press", D + LocalTime.of(6, 0).plusSeconds(l), l, l));
      }
    }

    // What is kept is what the readings in order keep (above): 12 within the lateness, 9 cold.
    EngineCheckpoint.StationState press =
        EngineCheckpoint.read(h.engine.checkpoint()).stations().get(0);
    assertThat(press.events()).hasSize(12);
    assertThat(press.cold().stream().mapToInt(ColdLog.Saved::count).sum()).isEqualTo(9);
    assertThat(h.point("production", D + "06:03", "station", "press").get("total")).isEqualTo(60L);
  }

  @Test
  void idleReadings_pastTheLateness_keepOnlyWhatASilenceNeeds() {
    EngineHarness h = pressRunningFromSix();
    for (int s = 0; s < 60; s++) {
      h.feed(h.count("press", D + LocalTime.of(6, 0).plusSeconds(s), s, s));
    }
    // Down from 06:01, the counters read every 10 s and standing at 59.
    h.feed(h.state("press", D + "06:01", MachineState.DOWN, "JAM"));
    for (int s = 60; s < 600; s += 10) {
      h.feed(h.count("press", D + LocalTime.of(6, 0).plusSeconds(s), 59, 59));
    }

    // Within the lateness (06:04 on): each minute's first and last reading, 6 x 2 = 12. In the
    // cold log: the state, the readings at 06:00:00 (the baseline) and 06:00:59 (59, the last that
    // counted), the stop at 06:01:00, and of the readings of 59 that follow the one at 06:03:00,
    // without which the station's messages would be 06:01:00 and 06:03:50, more than the silence
    // timeout (2 min) apart, and the one at 06:03:50, the last of a minute with a reading kept
    // before it (the status its units count under). A reading that reads what the readings around
    // it read counts nothing, whatever a backfill puts between them: 6.
    EngineCheckpoint.StationState press =
        EngineCheckpoint.read(h.engine.checkpoint()).stations().get(0);
    assertThat(press.events()).hasSize(12);
    assertThat(press.cold().stream().mapToInt(ColdLog.Saved::count).sum()).isEqualTo(6);
    h.timeMovesOn(D + "06:20");
    assertThat(h.point("production", D + "06:00", "station", "press").get("total")).isEqualTo(59L);
    assertThat(h.point("losses", D + "06:02", "station", "press", "loss", "no_data"))
        .containsEntry("seconds", 0.0);
  }

  @Test
  void heartbeatsEveryTenSeconds_pastTheLateness_keepTheLastOfEachMinute() {
    EngineHarness h = pressRunningFromSix();
    for (int s = 0; s < 600; s += 10) {
      h.feed(h.heartbeat("press", D + LocalTime.of(6, 0).plusSeconds(s)));
    }

    // Within the lateness (06:04 on), the first and last heartbeat of each minute: 6 x 2 = 12. In
    // the cold log (06:00 to 06:03), only the last of each minute: the one at :00 is between
    // messages 50 s and 60 s apart, which are no silence (2 min) without it. With the state:
    // 1 + 4 = 5.
    EngineCheckpoint.StationState press =
        EngineCheckpoint.read(h.engine.checkpoint()).stations().get(0);
    assertThat(press.events()).hasSize(12);
    assertThat(press.cold().stream().mapToInt(ColdLog.Saved::count).sum()).isEqualTo(5);
    // Ten minutes running, none of it without data, whichever heartbeats are kept.
    h.timeMovesOn(D + "06:20");
    assertThat(h.point("oee", D + "06:02", "station", "press", "window", "1m"))
        .containsEntry("planned_s", 60.0)
        .containsEntry("run_s", 60.0);
    assertThat(h.point("losses", D + "06:02", "station", "press", "loss", "no_data"))
        .containsEntry("seconds", 0.0);
  }

  @Test
  void orderBetweenTheReadingsOfAMinute_givesItsUnitsToTheLastReading_inOrderOrReplayed() {
    for (boolean replayed : List.of(false, true)) {
      EngineHarness h = pressRunningFromSix();
      h.feed(
          h.count("press", D + "06:00:00", 0, 0), // the baseline
          h.count("press", D + "06:00:10", 10, 10),
          h.count("press", D + "06:00:20", 20, 20), // the last that counts, not kept
          h.orderStart("press", D + "06:00:40", "WO-1", "P1"),
          h.count("press", D + "06:00:50", 20, 20)); // counts nothing
      if (replayed) {
        h.feed(h.heartbeat("press", D + "06:00:45")); // late: the minute is replayed
      }
      h.timeMovesOn(D + "06:20");

      // The minute's last reading (06:00:50) is read under WO-1: the minute's 20 units are WO-1's,
      // with its 20 s of the minute; the 40 s before the order have time and no units.
      assertThat(h.point("oee", D + "06:00", "station", "press", "window", "1m", "order", "WO-1"))
          .as(replayed ? "replayed" : "in order")
          .containsEntry("total", 20L)
          .containsEntry("planned_s", 20.0);
      assertThat(
              h.points("oee", "station", "press", "window", "1m").stream()
                  .filter(p -> p.time().equals(h.at(D + "06:00")))
                  .filter(p -> !p.tags().containsKey("order"))
                  .map(p -> List.of(p.fields().get("total"), p.fields().get("planned_s")))
                  .toList())
          .as(replayed ? "replayed" : "in order")
          .containsExactly(List.of(0L, 40.0));
    }
  }

  @Test
  void lateOrder_amongCompactedReadings_takesTheMinuteOfItsLastReading() {
    EngineHarness h = readingEverySecond();
    h.feed(h.orderStart("press", D + "06:07:30", "WO-1", "P1")); // late, within the lateness
    h.timeMovesOn(D + "06:20");

    // 06:07: the order starts half-way; the minute's last reading (06:07:59) is under WO-1, so its
    // 60 units are WO-1's, and the half minute before has time but no units.
    assertThat(h.point("oee", D + "06:07", "station", "press", "window", "1m", "order", "WO-1"))
        .containsEntry("total", 60L)
        .containsEntry("planned_s", 30.0);
    assertThat(
            h.points("oee", "station", "press", "window", "1m").stream()
                .filter(p -> p.time().equals(h.at(D + "06:07")))
                .filter(p -> !p.tags().containsKey("order"))
                .map(p -> p.fields().get("total"))
                .toList())
        .containsExactly(0L);
    // 06:06 was before the order, 06:08 after it.
    assertThat(h.point("oee", D + "06:06", "station", "press", "window", "1m").get("total"))
        .isEqualTo(60L);
    assertThat(h.point("oee", D + "06:08", "station", "press", "window", "1m", "order", "WO-1"))
        .containsEntry("total", 60L);
    // The order so far, at its latest point: 06:07, 06:08 and 06:09, 60 units each.
    List<Point> order = h.points("oee", "station", "press", "window", "order", "order", "WO-1");
    assertThat(order.get(order.size() - 1).fields()).containsEntry("total", 180L);
  }
}
