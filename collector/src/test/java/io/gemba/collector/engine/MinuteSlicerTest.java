package io.gemba.collector.engine;

import static io.gemba.collector.engine.EngineFixtures.morningShift;
import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.plant.ShiftCalendar;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Shift A 06:00–14:00 Asia/Karachi (UTC+5), Monday to Friday, with a break 09:00–09:15. So A runs
 * 01:00Z–09:00Z with its break at 04:00Z–04:15Z. 2026-11-26 is a Thursday, 2026-11-28 a Saturday.
 */
class MinuteSlicerTest {

  private static final ZoneId KARACHI = ZoneId.of("Asia/Karachi");
  private static final ShiftCalendar CALENDAR =
      new ShiftCalendar(KARACHI, List.of(morningShift(LocalTime.of(9, 0))), Set.of());

  /** The same shift with its break starting at 09:00:20. */
  private static final ShiftCalendar ODD_BREAK =
      new ShiftCalendar(KARACHI, List.of(morningShift(LocalTime.of(9, 0, 20))), Set.of());

  record Piece(String minute, String shift, long calendarMs, long plannedMs) {}

  private static List<Piece> slice(String from, String to) {
    return slice(CALENDAR, from, to);
  }

  private static List<Piece> slice(ShiftCalendar calendar, String from, String to) {
    List<Piece> pieces = new ArrayList<>();
    new MinuteSlicer(calendar)
        .slice(
            Instant.parse(from).toEpochMilli(),
            Instant.parse(to).toEpochMilli(),
            (minute, shift, calendarMs, plannedMs) ->
                pieces.add(
                    new Piece(
                        Instant.ofEpochMilli(minute).toString(),
                        shift == null ? null : shift.id(),
                        calendarMs,
                        plannedMs)));
    return pieces;
  }

  @Test
  void spanAcrossABreak_isPlannedOutsideTheBreakOnly() {
    // 03:58:30Z → 04:16:10Z: 1.5 min before the break, the 15 min break, 1 min 10 s after it
    List<Piece> pieces = slice("2026-11-26T03:58:30Z", "2026-11-26T04:16:10Z");

    assertThat(pieces).hasSize(19); // minutes 03:58 .. 04:16
    assertThat(pieces.get(0))
        .isEqualTo(new Piece("2026-11-26T03:58:00Z", "2026-11-26/A", 30_000, 30_000));
    assertThat(pieces.get(1))
        .isEqualTo(new Piece("2026-11-26T03:59:00Z", "2026-11-26/A", 60_000, 60_000));
    assertThat(pieces.subList(2, 17))
        .allSatisfy(p -> assertThat(p.plannedMs()).isZero())
        .allSatisfy(p -> assertThat(p.calendarMs()).isEqualTo(60_000));
    assertThat(pieces.get(17))
        .isEqualTo(new Piece("2026-11-26T04:15:00Z", "2026-11-26/A", 60_000, 60_000));
    assertThat(pieces.get(18))
        .isEqualTo(new Piece("2026-11-26T04:16:00Z", "2026-11-26/A", 10_000, 10_000));
    // planned: 30 + 60 + 60 + 10 s = 160 s of 1060 s
    assertThat(pieces.stream().mapToLong(Piece::plannedMs).sum()).isEqualTo(160_000);
    assertThat(pieces.stream().mapToLong(Piece::calendarMs).sum()).isEqualTo(1_060_000);
  }

  @Test
  void breakStartingMidMinute_leavesThePlannedPartOfTheMinute() {
    // break 09:00:20–09:15 local = 04:00:20Z; the minute 04:00Z has 20 s planned
    List<Piece> pieces = slice(ODD_BREAK, "2026-11-26T04:00:00Z", "2026-11-26T04:01:00Z");

    assertThat(pieces)
        .containsExactly(new Piece("2026-11-26T04:00:00Z", "2026-11-26/A", 60_000, 20_000));
  }

  @Test
  void spanAcrossShiftEnd_isCutAtTheEndAndUnplannedAfter() {
    // 08:59:30Z → 09:01:00Z: 30 s of A, then 60 s between shifts
    List<Piece> pieces = slice("2026-11-26T08:59:30Z", "2026-11-26T09:01:00Z");

    assertThat(pieces)
        .containsExactly(
            new Piece("2026-11-26T08:59:00Z", "2026-11-26/A", 30_000, 30_000),
            new Piece("2026-11-26T09:00:00Z", null, 60_000, 0));
  }

  @Test
  void spanFromBetweenShiftsIntoAShift_startsPlannedAtShiftStart() {
    // Friday 00:58:45Z → 01:01:00Z: A starts 01:00Z
    List<Piece> pieces = slice("2026-11-27T00:58:45Z", "2026-11-27T01:01:00Z");

    assertThat(pieces)
        .containsExactly(
            new Piece("2026-11-27T00:58:00Z", null, 15_000, 0),
            new Piece("2026-11-27T00:59:00Z", null, 60_000, 0),
            new Piece("2026-11-27T01:00:00Z", "2026-11-27/A", 60_000, 60_000));
  }

  @Test
  void weekend_isCalendarTimeWithoutPlannedTime() {
    // Saturday 10:00Z → 12:00Z: 120 minutes, no shift
    List<Piece> pieces = slice("2026-11-28T10:00:00Z", "2026-11-28T12:00:00Z");

    assertThat(pieces).hasSize(120).allSatisfy(p -> assertThat(p.shift()).isNull());
    assertThat(pieces.stream().mapToLong(Piece::plannedMs).sum()).isZero();
    assertThat(pieces.stream().mapToLong(Piece::calendarMs).sum()).isEqualTo(7_200_000);
  }

  @Test
  void emptyOrReversedSpan_givesNothing() {
    assertThat(slice("2026-11-26T04:00:00Z", "2026-11-26T04:00:00Z")).isEmpty();
    assertThat(slice("2026-11-26T04:00:00Z", "2026-11-26T03:00:00Z")).isEmpty();
  }
}
