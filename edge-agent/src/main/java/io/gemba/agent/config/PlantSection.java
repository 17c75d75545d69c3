package io.gemba.agent.config;

import io.gemba.agent.config.PlantKeys.Break;
import io.gemba.agent.config.PlantKeys.Plant;
import io.gemba.agent.config.PlantKeys.Policy;
import io.gemba.agent.config.PlantKeys.Shift;
import io.gemba.agent.config.PlantKeys.Site;
import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.plant.AreaConfig;
import io.gemba.collector.plant.BreakDefinition;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.QualityPolicy;
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
 * shift calendars ({@link PlantKeys}). Areas, lines and stations are read by {@link LineSection},
 * battery test quality and lean settings by {@link QualitySection}.
 */
final class PlantSection {

  private PlantSection() {}

  static Optional<PlantModel> plant(Section s) {
    int mark = s.mark();
    Optional<KpiPolicy> policy = policy(s.section(Plant.POLICY));
    Optional<StationDefaults> defaults =
        LineSection.stationDefaults(s.section(Plant.STATION_DEFAULTS));
    Optional<QualityPolicy> quality = QualitySection.quality(s.section(Plant.QUALITY));
    Optional<LeanPolicy> lean = QualitySection.lean(s.section(Plant.LEAN));
    StationDefaults inherited = defaults.orElse(StationDefaults.standard());
    List<SiteConfig> sites = new ArrayList<>();
    for (Section site : s.sections(Plant.SITES).orElse(List.of())) {
      site(site, inherited).ifPresent(sites::add);
    }
    s.finish();
    return s.build(
        mark, () -> new PlantModel(sites, policy.get(), defaults.get(), quality.get(), lean.get()));
  }

  /** {@code plant.policy}: each key defaults to {@link KpiPolicy#defaults()}. */
  static Optional<KpiPolicy> policy(Section s) {
    int mark = s.mark();
    Optional<MicroStopPolicy> microStops = s.read(Policy.MICRO_STOP_POLICY);
    Optional<Duration> threshold = s.read(Policy.MICRO_STOP_THRESHOLD);
    Optional<Double> oeeTarget = s.read(Policy.OEE_TARGET);
    Optional<Double> localContentTarget = s.read(Policy.LOCAL_CONTENT_TARGET);
    Optional<Duration> lateness = s.read(Policy.ALLOWED_LATENESS);
    Optional<Duration> startup = s.read(Policy.STARTUP_AFTER_CHANGEOVER);
    Optional<Duration> silence = s.read(Policy.SILENCE_TIMEOUT);
    Optional<Integer> backfillShifts = s.read(Policy.BACKFILL_SHIFTS);
    Optional<Duration> backfillHorizon = s.read(Policy.BACKFILL_HORIZON);
    s.finish();
    return s.build(
        mark,
        () ->
            new KpiPolicy(
                microStops.get(),
                threshold.get(),
                oeeTarget.get(),
                localContentTarget.get(),
                lateness.get(),
                startup.get(),
                silence.get(),
                backfillShifts.get(),
                backfillHorizon.get()));
  }

  private static Optional<SiteConfig> site(Section s, StationDefaults defaults) {
    int mark = s.mark();
    Optional<String> id = s.read(Site.ID);
    Optional<String> country = s.read(Site.COUNTRY);
    Optional<ZoneId> zone = s.read(Site.ZONE);
    Set<LocalDate> holidays = Set.copyOf(s.read(Site.HOLIDAYS).orElse(List.of()));
    int shiftsMark = s.mark();
    List<ShiftDefinition> shifts = new ArrayList<>();
    for (Section shift : s.sections(Site.SHIFTS).orElse(List.of())) {
      shift(shift).ifPresent(shifts::add);
    }
    Optional<ShiftCalendar> calendar =
        zone.flatMap(
            z -> s.buildAt(Site.SHIFTS, shiftsMark, () -> new ShiftCalendar(z, shifts, holidays)));
    List<AreaConfig> areas = new ArrayList<>();
    for (Section area : s.sections(Site.AREAS).orElse(List.of())) {
      LineSection.area(area, defaults).ifPresent(areas::add);
    }
    s.finish();
    return s.build(
        mark, () -> new SiteConfig(id.get(), country.get(), zone.get(), calendar.get(), areas));
  }

  private static Optional<ShiftDefinition> shift(Section s) {
    int mark = s.mark();
    Optional<String> name = s.read(Shift.NAME);
    Optional<LocalTime> start = s.read(Shift.START);
    Optional<LocalTime> end = s.read(Shift.END);
    Optional<List<DayOfWeek>> days = s.read(Shift.DAYS);
    List<BreakDefinition> breaks = new ArrayList<>();
    for (Section b : s.sections(Shift.BREAKS).orElse(List.of())) {
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
    Optional<String> name = s.read(Break.NAME);
    Optional<LocalTime> start = s.read(Break.START);
    Optional<LocalTime> end = s.read(Break.END);
    s.finish();
    return s.build(mark, () -> new BreakDefinition(name.get(), start.get(), end.get()));
  }
}
