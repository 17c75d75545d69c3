package io.gemba.agent.testkit;

import io.gemba.collector.plant.AreaConfig;
import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.LineConfig;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.ShiftCalendar;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.plant.SiteConfig;
import io.gemba.collector.plant.StationConfig;
import io.gemba.collector.plant.StationDefaults;
import io.gemba.collector.telemetry.StateCodeTable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Site {@code tlx} (UTC), area {@code battery}, lines {@code pack-1}, {@code pack-2} and {@code
 * pack-3}, each with stations {@code st10} and {@code eol} (the output, ideal cycle time 30 s); one
 * shift A from 06:00 to 14:00 every day, without breaks.
 */
public final class TestPlant {

  private TestPlant() {}

  public static PlantModel model() {
    return model(KpiPolicy.defaults(), QualityPolicy.defaults(), LeanPolicy.defaults());
  }

  /** The same plant with its own KPI policy, battery test limits and lean settings. */
  public static PlantModel model(KpiPolicy policy, QualityPolicy quality, LeanPolicy lean) {
    List<LineConfig> lines = List.of(line("pack-1"), line("pack-2"), line("pack-3"));
    ShiftDefinition shiftA =
        new ShiftDefinition(
            "A",
            LocalTime.of(6, 0),
            LocalTime.of(14, 0),
            List.of(),
            EnumSet.allOf(DayOfWeek.class));
    SiteConfig site =
        new SiteConfig(
            "tlx",
            "MX",
            ZoneOffset.UTC,
            new ShiftCalendar(ZoneOffset.UTC, List.of(shiftA), Set.of()),
            List.of(new AreaConfig("battery", lines)));
    return new PlantModel(List.of(site), policy, StationDefaults.standard(), quality, lean);
  }

  private static LineConfig line(String id) {
    IdealCycleTimes ideal = IdealCycleTimes.of(Duration.ofSeconds(30));
    return new LineConfig(
        id,
        List.of(
            new StationConfig("st10", ideal, StateCodeTable.packMl()),
            new StationConfig("eol", ideal, StateCodeTable.packMl())),
        "eol");
  }
}
