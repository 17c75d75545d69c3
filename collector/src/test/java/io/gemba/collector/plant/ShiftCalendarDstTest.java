package io.gemba.collector.plant;

import static io.gemba.collector.plant.ShiftFixtures.BERLIN;
import static io.gemba.collector.plant.ShiftFixtures.EVERY_DAY;
import static io.gemba.collector.plant.ShiftFixtures.breakOf;
import static io.gemba.collector.plant.ShiftFixtures.threeShifts;
import static io.gemba.collector.plant.ShiftFixtures.time;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Clock changes in Europe/Berlin. 2026-10-25 (Sunday): 03:00 CEST (+02:00) becomes 02:00 CET
 * (+01:00), so 02:00–02:59 happen twice. 2026-03-29 (Sunday): 02:00 CET becomes 03:00 CEST, so
 * 02:00–02:59 do not happen.
 */
class ShiftCalendarDstTest {

  private final ShiftCalendar calendar =
      new ShiftCalendar(BERLIN, threeShifts(EVERY_DAY), Set.of());

  @Test
  void nightShift_whenClocksGoBack_lastsNineHours() {
    Shift shift = calendar.shiftAt(Instant.parse("2026-10-25T03:00:00Z")).orElseThrow();

    // 22:00+02:00 = 20:00Z; 06:00+01:00 = 05:00Z; 20:00Z → 05:00Z = 9 h
    assertThat(shift.id()).isEqualTo("2026-10-24/C");
    assertThat(shift.start()).isEqualTo(Instant.parse("2026-10-24T20:00:00Z"));
    assertThat(shift.end()).isEqualTo(Instant.parse("2026-10-25T05:00:00Z"));
    assertThat(shift.length()).isEqualTo(Duration.ofHours(9));
    // 02:00 and 02:30 happen twice; the earlier offset (+02:00) wins: 00:00Z–00:30Z
    assertThat(shift.breaks())
        .containsExactly(
            new Interval(
                Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T00:30:00Z")));
    // 9 h − 30 min = 8 h 30 min
    assertThat(shift.plannedTime()).isEqualTo(Duration.ofMinutes(8 * 60 + 30));
  }

  @Test
  void nightShift_whenClocksGoForward_lastsSevenHours() {
    Shift shift = calendar.shiftAt(Instant.parse("2026-03-29T00:00:00Z")).orElseThrow();

    // 22:00+01:00 = 21:00Z; 06:00+02:00 = 04:00Z; 21:00Z → 04:00Z = 7 h
    assertThat(shift.id()).isEqualTo("2026-03-28/C");
    assertThat(shift.start()).isEqualTo(Instant.parse("2026-03-28T21:00:00Z"));
    assertThat(shift.end()).isEqualTo(Instant.parse("2026-03-29T04:00:00Z"));
    assertThat(shift.length()).isEqualTo(Duration.ofHours(7));
    // 7 h − 30 min = 6 h 30 min
    assertThat(shift.plannedTime()).isEqualTo(Duration.ofMinutes(6 * 60 + 30));
  }

  @Test
  void breakInSpringForwardGap_movesForwardByTheGap() {
    Shift shift = calendar.shiftAt(Instant.parse("2026-03-29T00:00:00Z")).orElseThrow();

    // 02:00–02:30 does not exist; it moves forward one hour to 03:00–03:30+02:00 = 01:00Z–01:30Z
    assertThat(shift.breaks())
        .containsExactly(
            new Interval(
                Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-29T01:30:00Z")));
    assertThat(shift.isInBreak(Instant.parse("2026-03-29T00:59:59.999Z"))).isFalse();
    assertThat(shift.isInBreak(Instant.parse("2026-03-29T01:15:00Z"))).isTrue();
    assertThat(shift.isInBreak(Instant.parse("2026-03-29T01:30:00Z"))).isFalse();
  }

  @Test
  void breakEndingAtEndOfGap_doesNotHappen() {
    ShiftDefinition night =
        new ShiftDefinition(
            "N", time("22:00"), time("06:00"), List.of(breakOf("x", "02:15", "03:00")), EVERY_DAY);
    ShiftCalendar oneShift = new ShiftCalendar(BERLIN, List.of(night), Set.of());

    // 02:15 moves to 03:15+02:00 = 01:15Z, after 03:00+02:00 = 01:00Z: nothing is left.
    Shift gapNight = oneShift.shiftAt(Instant.parse("2026-03-29T00:00:00Z")).orElseThrow();
    assertThat(gapNight.breaks()).isEmpty();
    assertThat(gapNight.plannedTime()).isEqualTo(Duration.ofHours(7));
    // The night before: 02:15–03:00 = 45 min of an 8 h shift.
    Shift normalNight = oneShift.shiftAt(Instant.parse("2026-03-28T00:00:00Z")).orElseThrow();
    assertThat(normalNight.breakTime()).isEqualTo(Duration.ofMinutes(45));
  }

  @Test
  void shiftEndingInGap_isCutAtTheStartOfTheNextShift() {
    ShiftDefinition late =
        new ShiftDefinition("late", time("18:00"), time("02:30"), List.of(), EVERY_DAY);
    ShiftDefinition early =
        new ShiftDefinition("early", time("03:00"), time("10:00"), List.of(), EVERY_DAY);
    ShiftCalendar twoShifts = new ShiftCalendar(BERLIN, List.of(late, early), Set.of());

    // late: 18:00+01:00 = 17:00Z; 02:30 moves to 03:30+02:00 = 01:30Z.
    // early: 03:00+02:00 = 01:00Z, so late is cut at 01:00Z: 17:00Z → 01:00Z = 8 h.
    Shift lateShift = twoShifts.shiftAt(Instant.parse("2026-03-29T00:30:00Z")).orElseThrow();
    assertThat(lateShift.id()).isEqualTo("2026-03-28/late");
    assertThat(lateShift.end()).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
    assertThat(lateShift.length()).isEqualTo(Duration.ofHours(8));
    assertThat(twoShifts.shiftAt(Instant.parse("2026-03-29T01:15:00Z")).orElseThrow().id())
        .isEqualTo("2026-03-29/early");
  }
}
