package io.gemba.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.plant.AreaConfig;
import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.LineConfig;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.ShiftCalendar;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.plant.SiteConfig;
import io.gemba.collector.plant.SpecLimits;
import io.gemba.collector.plant.StationConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatedPlantTest {

  private final SimulatedPlant plant = new SimulatedPlant(SimulationOptions.defaults());

  @Test
  void plant_defaults_oneSiteOneAreaTwoLinesOfFiveStations() {
    PlantModel model = plant.model();

    assertThat(model.sites()).hasSize(1);
    SiteConfig site = model.sites().get(0);
    assertThat(site.id()).isEqualTo("tlx");
    assertThat(site.country()).isEqualTo("MX");
    assertThat(site.zone()).isEqualTo(ZoneId.of("America/Mexico_City"));
    assertThat(site.areas()).extracting(AreaConfig::id).containsExactly("battery");
    List<LineConfig> lines = site.areas().get(0).lines();
    assertThat(lines).extracting(LineConfig::id).containsExactly("pack-1", "pack-2");
    for (LineConfig line : lines) {
      assertThat(line.stations())
          .extracting(StationConfig::id)
          .containsExactly("cell-load", "module-stack", "busbar-weld", "bms-fit", "eol-test");
      assertThat(line.outputStation()).isEqualTo("eol-test");
    }
    assertThat(model.policy()).isEqualTo(KpiPolicy.defaults());
  }

  @Test
  void plant_model_hasTheBenchsLimitsOfEveryProductAndMeasurement_oneSidedWhereTheBenchIs() {
    PlantModel model = plant.model();

    assertThat(model.quality().window()).isEqualTo(QualityPolicy.DEFAULT_WINDOW);
    assertThat(model.quality().limits()).hasSize(3 * BatteryTester.MEASUREMENTS.size());
    assertThat(model.lean()).isEqualTo(LeanPolicy.defaults());
    for (Product product : plant.products()) {
      Map<String, SpecLimits> limits = model.limits(product.name());
      assertThat(limits).containsOnlyKeys(BatteryTester.MEASUREMENTS);
      for (BatteryTester.Limit bench : BatteryTester.limits(product)) {
        SpecLimits spec = limits.get(bench.name());
        assertThat(spec.lsl()).as(bench.name()).isEqualTo(bench.low() > 0 ? bench.low() : null);
        assertThat(spec.usl()).as(bench.name()).isEqualTo(bench.high() < 1e9 ? bench.high() : null);
      }
      // One-sided: internal resistance, spread and leak have no lower limit, capacity and
      // insulation no upper one; the voltage is two-sided, around its nominal value.
      assertThat(limits.get("dcir_mohm").lsl()).isNull();
      assertThat(limits.get("capacity_ah").usl()).isNull();
      assertThat(limits.get("insulation_mohm").usl()).isNull();
      assertThat(limits.get("ocv_v").target()).isEqualTo(product.nominalVoltage());
    }
  }

  @Test
  void plant_stations_publishCountersCyclesOrBatteryTests() {
    assertThat(plant.stations(("pack-1")))
        .extracting(SimulatedStation::kind)
        .containsExactly(
            SimulatedStation.Kind.COUNTER,
            SimulatedStation.Kind.COUNTER,
            SimulatedStation.Kind.CYCLE,
            SimulatedStation.Kind.COUNTER,
            SimulatedStation.Kind.BATTERY_TEST);
  }

  @Test
  void plant_manyStations_namedInLineOrderEndingWithTheTest() {
    SimulatedPlant big = new SimulatedPlant(SimulationOptions.defaults().withStationsPerLine(12));

    assertThat(big.stations("pack-1"))
        .extracting(SimulatedStation::id)
        .containsExactly(
            "cell-load",
            "module-stack",
            "busbar-weld",
            "bms-fit",
            "harness",
            "housing-seal",
            "leak-test",
            "torque",
            "label",
            "st-10",
            "st-11",
            "eol-test");
  }

  @Test
  void plant_idealCycleTimes_differPerProduct() {
    for (SimulatedStation station : plant.stations()) {
      IdealCycleTimes ideal =
          plant
              .model()
              .station(SimulatedPlant.SITE, SimulatedPlant.AREA, station.line(), station.id())
              .idealCycleTimes();
      List<Optional<Duration>> perProduct =
          plant.products().stream().map(p -> ideal.forProduct(p.name())).toList();
      assertThat(perProduct).doesNotHaveDuplicates().allMatch(Optional::isPresent);
      // 40-55 s for the quickest pack, 1.45 times that for the 8.8 kWh one.
      assertThat(perProduct.get(0).orElseThrow())
          .isBetween(Duration.ofSeconds(40), Duration.ofSeconds(55));
    }
  }

  @Test
  void plant_calendar_twoShiftsTheSecondAcrossMidnight() {
    ShiftCalendar calendar = plant.calendar();

    assertThat(calendar.shifts()).extracting(ShiftDefinition::name).containsExactly("A", "B");
    ShiftDefinition b = calendar.shifts().get(1);
    assertThat(b.start()).isEqualTo(LocalTime.of(16, 0));
    assertThat(b.end()).isEqualTo(LocalTime.of(1, 0));
    assertThat(calendar.shifts()).allSatisfy(s -> assertThat(s.breaks()).hasSize(2));

    // Monday's shift B runs into Tuesday: at 00:30 Tuesday it is still Monday's B.
    Shift late = calendar.shiftAt(local(2026, 11, 24, 0, 30)).orElseThrow();
    assertThat(late.id()).isEqualTo("2026-11-23/B");
    assertThat(late.breaks()).hasSize(2);
    // Between shifts and on Sunday there is none.
    assertThat(calendar.shiftAt(local(2026, 11, 24, 3, 0))).isEmpty();
    assertThat(calendar.shiftAt(local(2026, 11, 29, 12, 0))).isEmpty();
  }

  @Test
  void plant_stations_mtbfMttrAndScrapVariedAroundTheOptions() {
    for (SimulatedStation station : plant.stations()) {
      // 45 min x 0.7-1.4, 4 min x 0.75-1.5, 2% x 0.5-1.5
      assertThat(station.mtbf()).isBetween(Duration.ofMinutes(31), Duration.ofMinutes(63));
      assertThat(station.mttr()).isBetween(Duration.ofMinutes(3), Duration.ofMinutes(6));
      assertThat(station.scrapRate()).isBetween(0.01, 0.03);
    }
    assertThat(plant.stations()).extracting(SimulatedStation::mtbf).doesNotHaveDuplicates();
  }

  @Test
  void plant_sameSeed_samePlant() {
    SimulatedPlant again = new SimulatedPlant(SimulationOptions.defaults());
    SimulatedPlant other = new SimulatedPlant(SimulationOptions.defaults().withSeed(1));

    assertThat(again.stations()).isEqualTo(plant.stations());
    assertThat(other.stations()).isNotEqualTo(plant.stations());
  }

  private static Instant local(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(SimulatedPlant.ZONE).toInstant();
  }
}
