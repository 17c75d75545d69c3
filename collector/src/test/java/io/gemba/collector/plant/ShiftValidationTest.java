package io.gemba.collector.plant;

import static io.gemba.collector.plant.ShiftFixtures.KARACHI;
import static io.gemba.collector.plant.ShiftFixtures.MON_FRI;
import static io.gemba.collector.plant.ShiftFixtures.breakOf;
import static io.gemba.collector.plant.ShiftFixtures.morning;
import static io.gemba.collector.plant.ShiftFixtures.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShiftValidationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "shift A",
        "A/B",
        "Ä",
        "x2345678901234567890123456789012345678901234567890123456789012345"
      })
  void shiftDefinition_badName_isRejected(String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> shift(name, "06:00", "14:00", List.of(), MON_FRI))
        .withMessageContaining("shift name")
        .withMessageContaining("'" + name + "'");
  }

  @Test
  void breakDefinition_badNameOrNoLength_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> breakOf("tea break", "09:00", "09:15"))
        .withMessageContaining("'tea break'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> breakOf("tea", "09:00", "09:00"))
        .withMessageContaining("09:00-09:00");
  }

  @Test
  void shiftDefinition_emptyDays_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> shift("A", "06:00", "14:00", List.of(), Set.of()))
        .withMessageContaining("'A'")
        .withMessageContaining("day");
  }

  @Test
  void shiftDefinition_breakOutsideShift_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> shift("A", "06:00", "14:00", List.of(breakOf("late", "13:45", "14:15")), MON_FRI))
        .withMessageContaining("late 13:45-14:15");
    // 05:45 is first reached 23 h 45 min after 06:00, long after the shift ends.
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                shift("A", "06:00", "14:00", List.of(breakOf("early", "05:45", "06:15")), MON_FRI))
        .withMessageContaining("early 05:45-06:15");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> shift("C", "22:00", "06:00", List.of(breakOf("end", "05:45", "06:15")), MON_FRI))
        .withMessageContaining("end 05:45-06:15");
  }

  @Test
  void shiftDefinition_breaksAtEdgesAndAfterMidnight_areAccepted() {
    ShiftDefinition night =
        shift(
            "C",
            "22:00",
            "06:00",
            List.of(breakOf("last", "05:45", "06:00"), breakOf("midnight", "23:45", "00:15")),
            MON_FRI);

    // Sorted by their place in the shift: 23:45 comes 1 h 45 min after 22:00, 05:45 after 7 h 45.
    assertThat(night.breaks())
        .extracting(BreakDefinition::name)
        .containsExactly("midnight", "last");
    assertThat(Duration.ofNanos(night.lengthNanos())).isEqualTo(Duration.ofHours(8));
  }

  @Test
  void shiftDefinition_overlappingBreaks_areRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                shift(
                    "A",
                    "06:00",
                    "14:00",
                    List.of(breakOf("b2", "09:15", "09:45"), breakOf("b1", "09:00", "09:30")),
                    MON_FRI))
        .withMessageContaining("b1 09:00-09:30")
        .withMessageContaining("b2 09:15-09:45");
  }

  @Test
  void shiftCalendar_overlappingShiftsOnTheSameDay_areRejected() {
    ShiftDefinition b = shift("B", "13:00", "21:00", List.of(), MON_FRI);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ShiftCalendar(KARACHI, List.of(morning(MON_FRI), b), Set.of()))
        .withMessageContaining("A 06:00-14:00 on MONDAY")
        .withMessageContaining("B 13:00-21:00 on MONDAY");
  }

  @Test
  void shiftCalendar_nightShiftOverlappingNextMorning_isRejected() {
    // C Monday 22:00 → Tuesday 07:00 overlaps A Tuesday 06:00–14:00.
    ShiftDefinition c = shift("C", "22:00", "07:00", List.of(), Set.of(DayOfWeek.MONDAY));
    ShiftDefinition a = shift("A", "06:00", "14:00", List.of(), Set.of(DayOfWeek.TUESDAY));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ShiftCalendar(KARACHI, List.of(a, c), Set.of()))
        .withMessageContaining("C 22:00-07:00 on MONDAY")
        .withMessageContaining("A 06:00-14:00 on TUESDAY");
  }

  @Test
  void shiftCalendar_sundayNightOverlappingMondayMorning_isRejected() {
    // Across the end of the week: C Sunday 22:00 → Monday 07:00 overlaps A Monday 06:00.
    ShiftDefinition c = shift("C", "22:00", "07:00", List.of(), Set.of(DayOfWeek.SUNDAY));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ShiftCalendar(KARACHI, List.of(morning(MON_FRI), c), Set.of()))
        .withMessageContaining("C 22:00-07:00 on SUNDAY")
        .withMessageContaining("A 06:00-14:00 on MONDAY");
  }

  @Test
  void shiftCalendar_touchingAndDayLongShifts_areAccepted() {
    // 24 h shifts (start == end) on consecutive days touch but do not overlap.
    ShiftDefinition day = shift("D", "06:00", "06:00", List.of(), ShiftFixtures.EVERY_DAY);

    assertThat(new ShiftCalendar(KARACHI, List.of(day), Set.of()).shifts()).hasSize(1);
    assertThat(
            new ShiftCalendar(KARACHI, ShiftFixtures.threeShifts(ShiftFixtures.EVERY_DAY), Set.of())
                .shifts())
        .hasSize(3);
  }

  @Test
  void shiftCalendar_sameNameOnTheSameDay_isRejected() {
    ShiftDefinition saturday = shift("A", "07:00", "12:00", List.of(), Set.of(DayOfWeek.SATURDAY));
    ShiftDefinition friday = shift("A", "15:00", "20:00", List.of(), Set.of(DayOfWeek.FRIDAY));

    // A short Saturday shift may share the name A; another A on Friday would share its id.
    assertThat(new ShiftCalendar(KARACHI, List.of(morning(MON_FRI), saturday), Set.of()).shifts())
        .hasSize(2);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ShiftCalendar(KARACHI, List.of(morning(MON_FRI), friday), Set.of()))
        .withMessageContaining("same name 'A'")
        .withMessageContaining("FRIDAY");
  }

  @Test
  void shiftCalendar_noShifts_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ShiftCalendar(KARACHI, List.of(), Set.of()))
        .withMessageContaining("at least one shift");
  }

  private static ShiftDefinition shift(
      String name, String start, String end, List<BreakDefinition> breaks, Set<DayOfWeek> days) {
    return new ShiftDefinition(name, time(start), time(end), breaks, days);
  }
}
