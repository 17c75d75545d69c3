package io.gemba.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.agent.simulate.WorkingTime.Status;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkingTimeTest {

  private final SimulatedPlant plant = new SimulatedPlant(SimulationOptions.defaults());

  @Test
  void workingTime_saturdayToMonday_changesAtBreaksAndShifts() {
    long start = ms(2026, 11, 28, 6, 0); // Saturday
    WorkingTime time = new WorkingTime(plant.calendar(), start);

    List<String> changes = new ArrayList<>();
    for (long t = start; t < ms(2026, 11, 30, 10, 0); t = time.nextChangeAfter(t)) {
      changes.add(
          LocalDateTime.ofInstant(Instant.ofEpochMilli(t), SimulatedPlant.ZONE)
              + " "
              + time.statusAt(t));
    }

    assertThat(changes)
        .containsExactly(
            "2026-11-28T06:00 OFF_SHIFT",
            "2026-11-28T07:00 WORKING",
            "2026-11-28T09:30 BREAK",
            "2026-11-28T09:45 WORKING",
            "2026-11-28T12:00 BREAK",
            "2026-11-28T12:30 WORKING",
            "2026-11-28T16:00 WORKING",
            "2026-11-28T18:30 BREAK",
            "2026-11-28T18:45 WORKING",
            "2026-11-28T21:00 BREAK",
            "2026-11-28T21:30 WORKING",
            // Saturday's shift B ends at 01:00 on Sunday; no shift on Sunday.
            "2026-11-29T01:00 OFF_SHIFT",
            "2026-11-30T07:00 WORKING",
            "2026-11-30T09:30 BREAK",
            "2026-11-30T09:45 WORKING");
  }

  @Test
  void workingTime_shiftChange_isAChangeOfShiftNotOfStatus() {
    WorkingTime time = new WorkingTime(plant.calendar(), ms(2026, 11, 23, 15, 0));

    assertThat(time.shiftAt(ms(2026, 11, 23, 15, 59)).name()).isEqualTo("A");
    assertThat(time.shiftAt(ms(2026, 11, 23, 16, 0)).name()).isEqualTo("B");
    assertThat(time.statusAt(ms(2026, 11, 23, 16, 0))).isEqualTo(Status.WORKING);
    assertThat(time.shiftAt(ms(2026, 11, 24, 2, 0))).isNull();
  }

  private static long ms(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute)
        .atZone(SimulatedPlant.ZONE)
        .toInstant()
        .toEpochMilli();
  }
}
