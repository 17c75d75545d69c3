package io.gemba.collector.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shift A on 2026-11-26 in UTC+5: 01:00Z–09:00Z, breaks 04:00Z–04:15Z and 06:30Z–07:00Z. */
class ShiftTest {

  private static final Interval TEA = interval("04:00", "04:15");
  private static final Interval LUNCH = interval("06:30", "07:00");
  private static final Shift SHIFT =
      new Shift("A", LocalDate.parse("2026-11-26"), at("01:00"), at("09:00"), List.of(TEA, LUNCH));

  @Test
  void breakMillisBetween_windowPartlyOverlappingABreak() {
    // [03:50, 04:05) ∩ [04:00, 04:15) = [04:00, 04:05) = 5 min = 300,000 ms
    assertThat(SHIFT.breakMillisBetween(at("03:50"), at("04:05"))).isEqualTo(300_000);
    // [04:10, 06:40): 5 min of tea (04:10–04:15) + 10 min of lunch (06:30–06:40) = 900,000 ms
    assertThat(SHIFT.breakMillisBetween(at("04:10"), at("06:40"))).isEqualTo(900_000);
  }

  @Test
  void breakMillisBetween_touchingOrEmptyWindow_isZero() {
    assertThat(SHIFT.breakMillisBetween(at("01:00"), at("04:00"))).isZero();
    assertThat(SHIFT.breakMillisBetween(at("04:15"), at("06:30"))).isZero();
    assertThat(SHIFT.breakMillisBetween(at("04:10"), at("04:10"))).isZero();
    assertThat(SHIFT.breakMillisBetween(at("04:12"), at("04:05"))).isZero();
  }

  @Test
  void isInBreak_startInclusiveEndExclusive() {
    assertThat(SHIFT.isInBreak(at("04:00"))).isTrue();
    assertThat(SHIFT.isInBreak(at("04:15").minusMillis(1))).isTrue();
    assertThat(SHIFT.isInBreak(at("04:15"))).isFalse();
    assertThat(SHIFT.isInBreak(at("04:00").minusMillis(1))).isFalse();
    assertThat(SHIFT.isInBreak(at("06:45"))).isTrue();
  }

  @Test
  void interval_overlapMillis() {
    // [04:00, 04:15) ∩ [03:00, 05:00) = the whole 15 min = 900,000 ms
    assertThat(TEA.overlapMillis(at("03:00"), at("05:00"))).isEqualTo(900_000);
    // [04:00, 04:15) ∩ [04:14:59.999, …) = 1 ms
    assertThat(TEA.overlapMillis(at("04:15").minusMillis(1), at("05:00"))).isEqualTo(1);
  }

  @Test
  void constructors_rejectEmptyOrMisplacedIntervals() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> interval("04:00", "04:00"))
        .withMessageContaining("2026-11-26T04:00:00Z");
    LocalDate day = LocalDate.parse("2026-11-26");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Shift("A", day, at("09:00"), at("01:00"), List.of()))
        .withMessageContaining("2026-11-26/A");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Shift("A", day, at("01:00"), at("09:00"), List.of(interval("08:45", "09:15"))))
        .withMessageContaining("outside");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Shift("A", day, at("01:00"), at("09:00"), List.of(LUNCH, TEA)))
        .withMessageContaining("out of order");
  }

  private static Interval interval(String start, String end) {
    return new Interval(at(start), at(end));
  }

  private static Instant at(String utcTime) {
    return Instant.parse("2026-11-26T" + utcTime + ":00Z");
  }
}
