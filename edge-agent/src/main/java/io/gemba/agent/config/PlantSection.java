package io.gemba.agent.config;

import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.plant.AreaConfig;
import io.gemba.collector.plant.BreakDefinition;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.ShiftCalendar;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.plant.SiteConfig;
import io.gemba.collector.plant.StationDefaults;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code plant} section: the KPI policy, the station defaults and the sites with their
 * shift calendars. Areas, lines and stations are read by {@link LineSection}.
 */
final class PlantSection {

  private PlantSection() {}

  static Optional<PlantModel> plant(Section s) {
    int mark = s.mark();
    Optional<KpiPolicy> policy = policy(s.section("policy"));
    Optional<StationDefaults> defaults = LineSection.stationDefaults(s.section("stationDefaults"));
    StationDefaults inherited = defaults.orElse(StationDefaults.standard());
    List<SiteConfig> sites = new ArrayList<>();
    for (Section site : s.sections("sites", true).orElse(List.of())) {
      site(site, inherited).ifPresent(sites::add);
    }
    s.finish();
    return s.build(mark, () -> new PlantModel(sites, policy.get(), defaults.get()));
  }

  /** {@code plant.policy}: each key defaults to {@link KpiPolicy#defaults()}. */
  static Optional<KpiPolicy> policy(Section s) {
    int mark = s.mark();
    KpiPolicy d = KpiPolicy.defaults();
    MicroStopPolicy microStops =
        s.value("microStopPolicy", d.microStopPolicy(), Parsers.microStopPolicy());
    Duration threshold =
        s.value("microStopThreshold", d.microStopThreshold(), Parsers.positiveDuration());
    double oeeTarget = s.value("oeeTarget", d.oeeTarget(), Parsers.fraction());
    double localContentTarget =
        s.value("localContentTarget", d.localContentTarget(), Parsers.fraction());
    Duration lateness =
        s.value("allowedLateness", d.allowedLateness(), Parsers.nonNegativeDuration());
    Duration startup =
        s.value(
            "startupAfterChangeover", d.startupAfterChangeover(), Parsers.nonNegativeDuration());
    s.finish();
    return s.build(
        mark,
        () ->
            new KpiPolicy(microStops, threshold, oeeTarget, localContentTarget, lateness, startup));
  }

  private static Optional<SiteConfig> site(Section s, StationDefaults defaults) {
    int mark = s.mark();
    Optional<String> id = s.required("id", Parsers.name());
    Optional<String> country = s.required("country", Parsers.country());
    Optional<ZoneId> zone = s.required("zone", Parsers.zone());
    Set<LocalDate> holidays = Set.copyOf(s.list("holidays", Parsers.date()).orElse(List.of()));
    int shiftsMark = s.mark();
    List<ShiftDefinition> shifts = new ArrayList<>();
    for (Section shift : s.sections("shifts", true).orElse(List.of())) {
      shift(shift).ifPresent(shifts::add);
    }
    Optional<ShiftCalendar> calendar =
        zone.flatMap(
            z -> s.buildAt("shifts", shiftsMark, () -> new ShiftCalendar(z, shifts, holidays)));
    List<AreaConfig> areas = new ArrayList<>();
    for (Section area : s.sections("areas", false).orElse(List.of())) {
      LineSection.area(area, defaults).ifPresent(areas::add);
    }
    s.finish();
    return s.build(
        mark, () -> new SiteConfig(id.get(), country.get(), zone.get(), calendar.get(), areas));
  }

  private static Optional<ShiftDefinition> shift(Section s) {
    int mark = s.mark();
    Optional<String> name = s.required("name", Parsers.name());
    Optional<LocalTime> start = s.required("start", Parsers.time());
    Optional<LocalTime> end = s.required("end", Parsers.time());
    Optional<List<DayOfWeek>> days = s.list("days", Parsers.day(), true);
    List<BreakDefinition> breaks = new ArrayList<>();
    for (Section b : s.sections("breaks", false).orElse(List.of())) {
      pause(b).ifPresent(breaks::add);
    }
    s.finish();
    return s.build(
        mark,
        () ->
            new ShiftDefinition(
                name.get(), start.get(), end.get(), breaks, Set.copyOf(days.get())));
  }

  private static Optional<BreakDefinition> pause(Section s) {
    int mark = s.mark();
    Optional<String> name = s.required("name", Parsers.name());
    Optional<LocalTime> start = s.required("start", Parsers.time());
    Optional<LocalTime> end = s.required("end", Parsers.time());
    s.finish();
    return s.build(mark, () -> new BreakDefinition(name.get(), start.get(), end.get()));
  }
}
