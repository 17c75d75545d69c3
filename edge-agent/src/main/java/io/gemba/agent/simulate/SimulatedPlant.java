package io.gemba.agent.simulate;

import io.gemba.collector.plant.AreaConfig;
import io.gemba.collector.plant.BreakDefinition;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.LineConfig;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.ShiftCalendar;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.plant.SiteConfig;
import io.gemba.collector.plant.SpecLimits;
import io.gemba.collector.plant.StationConfig;
import io.gemba.collector.plant.StationDefaults;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * The plant the simulator publishes, and the {@link PlantModel} the agent must be configured with
 * to compute its KPIs: the demo configures both from the same options.
 *
 * <p>One site, {@value #SITE} in {@code America/Mexico_City} (country {@value #COUNTRY}), with one
 * area, {@value #AREA}, of lines {@code pack-1}, {@code pack-2}... Each line has its stations in
 * order ({@code cell-load}, {@code module-stack}, {@code busbar-weld}, {@code bms-fit}, ...) and
 * ends with the battery test {@value #OUTPUT_STATION}, its output station. Every third station
 * before the test sends {@code cycle} messages, the others PLC counters. Two shifts, Monday to
 * Saturday: A 07:00–16:00 and B 16:00–01:00 (across midnight), each with a 15-minute tea break and
 * a 30-minute meal break. The KPI policy is the default one; the quality policy has the test
 * bench's limits of every product ({@code BatteryTester}), so the agent judges each test as the
 * bench does; the lean policy is the default one (audits weekly, kaizen effects over 7 days).
 *
 * <p>Stations differ: base ideal cycle time 40–55 s (the test 50 s), MTBF 0.7–1.4 times the
 * option's, MTTR 0.75–1.5 times, scrap 0.5–1.5 times, all drawn from the seed.
 */
public final class SimulatedPlant {

  /** The site's id. */
  public static final String SITE = "tlx";

  /** The site's country, for local content. */
  public static final String COUNTRY = "MX";

  /** The site's time zone. */
  public static final ZoneId ZONE = ZoneId.of("America/Mexico_City");

  /** The area of the lines. */
  public static final String AREA = "battery";

  /** The last station of every line, whose tested packs are the line's production. */
  public static final String OUTPUT_STATION = "eol-test";

  private static final String[] STATION_NAMES = {
    "cell-load",
    "module-stack",
    "busbar-weld",
    "bms-fit",
    "harness",
    "housing-seal",
    "leak-test",
    "torque",
    "label"
  };

  private static final List<Product> PRODUCTS =
      List.of(
          new Product("HEV-PACK-1.3KWH", 56, 6.5, 1.0),
          new Product("HEV-PACK-1.6KWH", 60, 7.4, 1.12),
          new Product("PHEV-PACK-8.8KWH", 96, 25.5, 1.45));

  private final SimulationOptions options;
  private final List<String> lines;
  private final List<SimulatedStation> stations;
  private final ShiftCalendar calendar;
  private final PlantModel model;

  /** The plant of these options. */
  public SimulatedPlant(SimulationOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    Random random = new Random(options.seed());
    List<String> lineIds = new ArrayList<>();
    List<SimulatedStation> all = new ArrayList<>();
    for (int l = 1; l <= options.lines(); l++) {
      String line = "pack-" + l;
      lineIds.add(line);
      for (int p = 0; p < options.stationsPerLine(); p++) {
        all.add(station(line, p, options, random));
      }
    }
    this.lines = List.copyOf(lineIds);
    this.stations = List.copyOf(all);
    this.calendar = shiftCalendar();
    this.model = buildModel();
  }

  private static SimulatedStation station(
      String line, int position, SimulationOptions options, Random random) {
    boolean test = position == options.stationsPerLine() - 1;
    String id =
        test
            ? OUTPUT_STATION
            : position < STATION_NAMES.length
                ? STATION_NAMES[position]
                : String.format("st-%02d", position + 1);
    SimulatedStation.Kind kind =
        test
            ? SimulatedStation.Kind.BATTERY_TEST
            : position % 3 == 2 ? SimulatedStation.Kind.CYCLE : SimulatedStation.Kind.COUNTER;
    long idealMs = test ? 50_000 : 40_000 + 500L * random.nextInt(31);
    return new SimulatedStation(
        line,
        position,
        id,
        kind,
        Duration.ofMillis(idealMs),
        scaled(options.mtbf(), 0.7 + 0.7 * random.nextDouble()),
        scaled(options.mttr(), 0.75 + 0.75 * random.nextDouble()),
        options.scrapRate() * (0.5 + random.nextDouble()));
  }

  private static Duration scaled(Duration mean, double factor) {
    return Duration.ofSeconds(Math.round(mean.toSeconds() * factor));
  }

  /** The shift calendar: A 07:00–16:00 and B 16:00–01:00, Monday to Saturday. */
  private static ShiftCalendar shiftCalendar() {
    Set<DayOfWeek> days = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY);
    return new ShiftCalendar(
        ZONE,
        List.of(
            new ShiftDefinition(
                "A",
                LocalTime.of(7, 0),
                LocalTime.of(16, 0),
                List.of(
                    new BreakDefinition("tea", LocalTime.of(9, 30), LocalTime.of(9, 45)),
                    new BreakDefinition("meal", LocalTime.of(12, 0), LocalTime.of(12, 30))),
                days),
            new ShiftDefinition(
                "B",
                LocalTime.of(16, 0),
                LocalTime.of(1, 0),
                List.of(
                    new BreakDefinition("tea", LocalTime.of(18, 30), LocalTime.of(18, 45)),
                    new BreakDefinition("meal", LocalTime.of(21, 0), LocalTime.of(21, 30))),
                days)),
        Set.of());
  }

  private PlantModel buildModel() {
    List<LineConfig> lineConfigs = new ArrayList<>();
    for (String line : lines) {
      List<StationConfig> configs = new ArrayList<>();
      for (SimulatedStation station : stations(line)) {
        configs.add(station.config(PRODUCTS));
      }
      lineConfigs.add(new LineConfig(line, configs, OUTPUT_STATION));
    }
    SiteConfig site =
        new SiteConfig(SITE, COUNTRY, ZONE, calendar, List.of(new AreaConfig(AREA, lineConfigs)));
    return new PlantModel(
        List.of(site),
        KpiPolicy.defaults(),
        StationDefaults.standard(),
        quality(),
        LeanPolicy.defaults());
  }

  /** The test bench's limits of every product, so that the agent judges as the bench does. */
  private static QualityPolicy quality() {
    List<SpecLimits> limits = new ArrayList<>();
    for (Product product : PRODUCTS) {
      for (BatteryTester.Limit limit : BatteryTester.limits(product)) {
        limits.add(limit.spec(product.name()));
      }
    }
    return new QualityPolicy(
        QualityPolicy.DEFAULT_WINDOW, QualityPolicy.DEFAULT_SPC_MIN_TESTS, limits);
  }

  /** The options the plant was made from. */
  public SimulationOptions options() {
    return options;
  }

  /** The configuration the agent needs for this plant. */
  public PlantModel model() {
    return model;
  }

  /** The site's shift calendar. */
  public ShiftCalendar calendar() {
    return calendar;
  }

  /** The line ids, in order. */
  public List<String> lines() {
    return lines;
  }

  /** Every station, line by line, in order. */
  public List<SimulatedStation> stations() {
    return stations;
  }

  /** The stations of one line, in order. */
  public List<SimulatedStation> stations(String line) {
    return stations.stream().filter(s -> s.line().equals(line)).toList();
  }

  /** The packs the lines build. */
  public List<Product> products() {
    return PRODUCTS;
  }
}
