package io.gemba.collector.plant;

import static io.gemba.collector.plant.ShiftFixtures.KARACHI;
import static io.gemba.collector.plant.ShiftFixtures.MON_SAT;

import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.StateCodeTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small configured plant: site {@code lahore} (PK, Asia/Karachi, three shifts Monday to
 * Saturday), area {@code battery}, line {@code pack-1} with stations {@code cell-stack}, {@code
 * press-2} and output station {@code eol}.
 */
final class PlantFixtures {

  /** Press codes: 100 running, 200 down for hydraulics. Code 6 (PackML execute) is not in it. */
  static final StateCodeTable PRESS_CODES =
      StateCodeTable.of(
          Map.of(
              100, new StateCodeTable.Entry(MachineState.RUNNING, null),
              200, new StateCodeTable.Entry(MachineState.DOWN, "HYDRAULICS")));

  /** Cell stacking: 45 s by default, 60 s for the larger HEV-PACK-L. */
  static final IdealCycleTimes CELL_STACK_TIMES =
      new IdealCycleTimes(Duration.ofSeconds(45), Map.of("HEV-PACK-L", Duration.ofSeconds(60)));

  private PlantFixtures() {}

  static ShiftCalendar karachiCalendar() {
    return new ShiftCalendar(KARACHI, ShiftFixtures.threeShifts(MON_SAT), Set.of());
  }

  static StationConfig station(String id) {
    return new StationConfig(
        id, IdealCycleTimes.of(Duration.ofSeconds(50)), StateCodeTable.packMl());
  }

  static LineConfig pack1() {
    return new LineConfig(
        "pack-1",
        List.of(
            new StationConfig("cell-stack", CELL_STACK_TIMES, StateCodeTable.packMl()),
            new StationConfig("press-2", IdealCycleTimes.unknown(), PRESS_CODES),
            station("eol")),
        "eol");
  }

  static SiteConfig site(String id, List<AreaConfig> areas) {
    return new SiteConfig(id, "PK", KARACHI, karachiCalendar(), areas);
  }

  static SiteConfig lahore() {
    return site("lahore", List.of(new AreaConfig("battery", List.of(pack1()))));
  }

  static PlantModel model() {
    return new PlantModel(List.of(lahore()), KpiPolicy.defaults(), StationDefaults.standard());
  }
}
