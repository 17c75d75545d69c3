package io.gemba.collector.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.kpi.ProductionSums;
import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.ShiftCalendar;
import io.gemba.collector.plant.ShiftDefinition;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The anchors of a station's backfill horizon: where they are kept, which are forgotten, which a
 * rebuild starts from. Times in UTC; shifts A 06–14, B 14–22, C 22–06 every day, no breaks.
 */
class BackfillHorizonTest {

  private static final String D = "2026-11-26T"; // a Thursday
  private static final long H = 3_600_000;

  private static final ShiftCalendar CALENDAR =
      new ShiftCalendar(
          ZoneOffset.UTC,
          List.of(shift("A", 6, 14), shift("B", 14, 22), shift("C", 22, 6)),
          Set.of());

  private static ShiftDefinition shift(String name, int from, int to) {
    return new ShiftDefinition(
        name,
        LocalTime.of(from, 0),
        LocalTime.of(to, 0),
        List.of(),
        EnumSet.allOf(DayOfWeek.class));
  }

  private static long ms(String utc) {
    return Instant.parse(D + utc + ":00Z").toEpochMilli();
  }

  /** Settles minute by minute from {@code from} (inclusive) to {@code to}, as a station does. */
  private static void settle(BackfillHorizon horizon, long from, long to) {
    TimedLog<StationCore> snapshots = new TimedLog<>();
    for (long minute = from; minute < to; minute += 60_000) {
      StationCore core = new StationCore();
      core.clockMs = minute;
      snapshots.add(minute, core);
      MinuteBucket bucket = new MinuteBucket(minute);
      Shift shift = CALENDAR.shiftAt(Instant.ofEpochMilli(minute)).orElseThrow();
      bucket.segment(shift, null, null);
      horizon.passing(bucket, snapshots, Map.of(shift.id(), ProductionSums.EMPTY), Map.of());
    }
  }

  /**
   * A horizon of {@code shifts} shifts and {@code hours} hours, from the station's beginning,
   * settled from 06:00 to {@code to}.
   */
  private static BackfillHorizon settledFromSix(int shifts, int hours, String to) {
    BackfillHorizon horizon = new BackfillHorizon(shifts, Duration.ofHours(hours).toMillis());
    horizon.begin(new StationCore());
    settle(horizon, ms("06:00"), ms(to));
    return horizon;
  }

  private static List<Long> anchorTimes(BackfillHorizon horizon) {
    return horizon.save().stream().map(EngineCheckpoint.AnchorState::atMs).toList();
  }

  @Test
  void anchors_atEveryShiftStart_andEveryFourHoursWithinAShift() {
    BackfillHorizon horizon = new BackfillHorizon(1, Duration.ofHours(24).toMillis());
    horizon.begin(new StationCore());

    settle(horizon, ms("06:00"), ms("23:00"));

    // The beginning (NONE); 06:00 (A starts, after the 04:00 span's start); 08:00, 12:00 (spans
    // from midnight UTC, within A); 14:00 (B starts); 16:00, 20:00; 22:00 (C starts).
    assertThat(anchorTimes(horizon))
        .containsExactly(
            null,
            ms("06:00"),
            ms("08:00"),
            ms("12:00"),
            ms("14:00"),
            ms("16:00"),
            ms("20:00"),
            ms("22:00"));
    assertThat(horizon.save().stream().map(EngineCheckpoint.AnchorState::shiftStart).toList())
        .containsExactly(true, true, false, false, true, false, false, true);
  }

  @Test
  void forgetOld_keepsFromTheStartOfTheShiftBefore_andWithinTheHours() {
    BackfillHorizon horizon = settledFromSix(1, 24, "23:00");

    // Latest event 22:59 in C: the shift before is B, which began at 14:00.
    horizon.forgetOld(ms("22:59"));

    assertThat(anchorTimes(horizon))
        .containsExactly(ms("14:00"), ms("16:00"), ms("20:00"), ms("22:00"));
    assertThat(horizon.fromMs()).isEqualTo(ms("14:00"));
    assertThat(horizon.contains(ms("14:00"), ms("22:59"))).isTrue();
    assertThat(horizon.contains(ms("13:59"), ms("22:59"))).isFalse();
    // A rebuild for an event at 17:30 less timeouts (17:25) starts at 16:00; for one before the
    // oldest anchor, at the oldest.
    assertThat(horizon.before(ms("17:25")).atMs()).isEqualTo(ms("16:00"));
    assertThat(horizon.before(ms("10:00")).atMs()).isEqualTo(ms("14:00"));
  }

  @Test
  void forgetOld_withAShorterHorizon_keepsTheLastAnchorAtOrBeforeItsStart() {
    BackfillHorizon horizon = settledFromSix(1, 5, "23:00");

    // 5 h before 22:59 is 17:59: the anchor at 16:00 still covers it, the one at 14:00 does not.
    horizon.forgetOld(ms("22:59"));

    assertThat(anchorTimes(horizon)).containsExactly(ms("16:00"), ms("20:00"), ms("22:00"));
    assertThat(horizon.contains(ms("17:59"), ms("22:59"))).isTrue();
    assertThat(horizon.contains(ms("17:58"), ms("22:59"))).isFalse();
  }

  @Test
  void rewindTo_forgetsTheAnchorsAfter_andRestoreGivesTheSame() {
    BackfillHorizon horizon = settledFromSix(2, 24, "15:00");
    BackfillHorizon restored = new BackfillHorizon(2, Duration.ofHours(24).toMillis());
    restored.restore(horizon.save(), new MinuteSlicer(CALENDAR));
    assertThat(restored.save()).isEqualTo(horizon.save());

    horizon.rewindTo(horizon.before(ms("09:00")));

    assertThat(anchorTimes(horizon)).containsExactly(null, ms("06:00"), ms("08:00"));
  }
}
