package io.gemba.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.kpi.KpiCalculator;
import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.kpi.ProductionSums;
import io.gemba.collector.kpi.StopSums;
import io.gemba.collector.telemetry.MachineState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineSummaryTest {

  @Test
  void summary_givesTheShiftsRatiosCountsAndStationStates() {
    // 8 h planned (28,800 s), 1 h down: run 25,200 s; 400 units of 54 s ideal (21,600 s), 380
    // good. Availability 25,200/28,800 = 87.5%; performance 21,600/25,200 = 85.7%; quality
    // 380/400 = 95.0%; OEE 380 x 54 / 28,800 = 71.25% (printed 71.3%).
    ProductionSums sums =
        new ProductionSums(
            28_800_000,
            28_800_000,
            new StopSums(3_600_000, 0, 0, 0, 2),
            StopSums.NONE,
            400,
            380,
            0,
            400 * 54_000.0,
            380 * 54_000.0,
            0);
    Map<MachineState, Integer> states = new EnumMap<>(MachineState.class);
    states.put(MachineState.RUNNING, 4);
    states.put(MachineState.DOWN, 1);
    LineSnapshot line =
        new LineSnapshot(
            "tlx",
            "battery",
            "pack-1",
            "eol-test",
            "2026-11-26/A",
            new KpiCalculator(MicroStopPolicy.TPM).compute(sums),
            null,
            states,
            0);
    assertThat(LineSummary.of(line))
        .isEqualTo(
            "[line: pack-1] shift 2026-11-26/A so far: OEE 71.3% (availability 87.5%,"
                + " performance 85.7%, quality 95.0%), 380 good of 400; stations: 4 RUNNING,"
                + " 1 DOWN");
  }

  @Test
  void summary_ofALineWhoseOutputIsSilent_saysSince_andShowsItsLastShiftWithData() {
    ProductionSums sums =
        new ProductionSums(
            28_800_000, 28_800_000, StopSums.NONE, StopSums.NONE, 10, 10, 0, 0, 0, 0);
    LineSnapshot line =
        new LineSnapshot(
            "tlx",
            "battery",
            "pack-1",
            "eol-test",
            "2026-11-26/A",
            new KpiCalculator(MicroStopPolicy.TPM).compute(sums),
            Instant.parse("2026-11-26T13:59:30Z"),
            Map.of(MachineState.OFFLINE, 1),
            0);
    assertThat(LineSummary.of(line))
        .startsWith(
            "[line: pack-1] output station silent since 2026-11-26T13:59:30Z; last shift with"
                + " data 2026-11-26/A so far: OEE ")
        .endsWith("; stations: 1 OFFLINE");
  }

  @Test
  void summary_ofALineThatSentNothingYet_saysSo() {
    LineSnapshot line =
        new LineSnapshot("tlx", "battery", "pack-2", "eol-test", null, null, null, Map.of(), 5);
    assertThat(LineSummary.of(line)).isEqualTo("[line: pack-2] no shift yet; no station state yet");
  }
}
