package io.gemba.agent.config;

import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.plant.KpiPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The keys of the {@code plant} section, its KPI policy and its sites with their shift calendars,
 * read by {@link PlantSection}; the areas, lines and stations are in {@link LineKeys}, battery test
 * quality and lean settings in {@link QualityKeys}. The plant model's own checks (overlapping
 * shifts, breaks outside their shift) are its records'.
 */
final class PlantKeys {

  private PlantKeys() {}

  /** {@code plant}. */
  static final class Plant {

    static final Nested POLICY = Nested.mapping("policy", Policy.KEYS);
    static final Nested STATION_DEFAULTS =
        Nested.mapping("stationDefaults", LineKeys.StationDefaults.KEYS);
    static final Nested QUALITY = Nested.mapping("quality", QualityKeys.Quality.KEYS);
    static final Nested LEAN = Nested.mapping("lean", QualityKeys.Lean.KEYS);
    static final Nested SITES =
        Nested.list("sites", "i", true, "list of sites", "the plant's sites", Site.KEYS);

    static final Keys KEYS = Keys.of(POLICY, STATION_DEFAULTS, QUALITY, LEAN, SITES);

    private Plant() {}
  }

  /**
   * {@code plant.policy}: how KPIs are computed; each key defaults to {@link KpiPolicy#defaults()}.
   */
  static final class Policy {

    private static final KpiPolicy DEFAULTS = KpiPolicy.defaults();

    static final Key<MicroStopPolicy> MICRO_STOP_POLICY =
        Key.withDefault(
            "microStopPolicy",
            Types.MICRO_STOP_POLICY,
            DEFAULTS.microStopPolicy(),
            "`tpm`: stops under the threshold are run time and a performance loss");
    static final Key<Duration> MICRO_STOP_THRESHOLD =
        Key.withDefault(
            "microStopThreshold",
            Types.POSITIVE_DURATION,
            DEFAULTS.microStopThreshold(),
            "stops shorter than this are micro-stops");
    static final Key<Double> OEE_TARGET =
        Key.withDefault("oeeTarget", Types.SHARE, DEFAULTS.oeeTarget(), "OEE target");
    static final Key<Double> LOCAL_CONTENT_TARGET =
        Key.withDefault(
            "localContentTarget",
            Types.SHARE,
            DEFAULTS.localContentTarget(),
            "target share of parts made in the site's country");
    static final Key<Duration> ALLOWED_LATENESS =
        Key.withDefault(
            "allowedLateness",
            Types.NON_NEGATIVE_DURATION,
            DEFAULTS.allowedLateness(),
            "how far behind a station's latest event time an event is still applied");
    static final Key<Duration> STARTUP_AFTER_CHANGEOVER =
        Key.withDefault(
            "startupAfterChangeover",
            Types.NON_NEGATIVE_DURATION,
            DEFAULTS.startupAfterChangeover(),
            "scrap this soon after a changeover is startup scrap (reduced yield), not process"
                + " defects");

    static final Key<Duration> SILENCE_TIMEOUT =
        Key.withDefault(
            "silenceTimeout",
            Types.POSITIVE_DURATION
                .check(Policy::checkSilenceTimeout)
                .described("duration, at least `1s`"),
            DEFAULTS.silenceTimeout(),
            "a station that sends nothing on any channel for this long is silent: its time from its"
                + " last message counts as `OFFLINE` (no data)");

    static final Key<Integer> BACKFILL_SHIFTS =
        Key.withDefault(
            "backfillShifts",
            Types.integer(0, 100),
            DEFAULTS.backfillShifts(),
            "late events (a gateway's buffer after an outage) are applied back to the start of this"
                + " many shifts before the current one; older ones are `late`");

    static final Key<Duration> BACKFILL_HORIZON =
        Key.withDefault(
            "backfillHorizon",
            Types.NON_NEGATIVE_DURATION
                .check(Policy::checkBackfillHorizon)
                .described("duration, at most `" + KpiPolicy.MAX_BACKFILL_DAYS + "d`"),
            DEFAULTS.backfillHorizon(),
            "and never further back than this before the station's latest event");

    static final Keys KEYS =
        Keys.of(
            MICRO_STOP_POLICY,
            MICRO_STOP_THRESHOLD,
            OEE_TARGET,
            LOCAL_CONTENT_TARGET,
            ALLOWED_LATENESS,
            STARTUP_AFTER_CHANGEOVER,
            SILENCE_TIMEOUT,
            BACKFILL_SHIFTS,
            BACKFILL_HORIZON);

    private static Optional<String> checkBackfillHorizon(Duration horizon) {
      return horizon.compareTo(Duration.ofDays(KpiPolicy.MAX_BACKFILL_DAYS)) > 0
          ? Optional.of(
              "must be at most "
                  + KpiPolicy.MAX_BACKFILL_DAYS
                  + "d, was "
                  + Durations.format(horizon))
          : Optional.empty();
    }

    private static Optional<String> checkSilenceTimeout(Duration timeout) {
      return timeout.compareTo(Duration.ofSeconds(1)) < 0
          ? Optional.of("must be at least 1s, was " + Durations.format(timeout))
          : Optional.empty();
    }

    private Policy() {}
  }

  /** {@code plant.sites[<i>]}. */
  static final class Site {

    static final Key<String> ID =
        Key.required("id", Types.ID, "the site level of the MQTT topics and the `site` tag");
    static final Key<String> COUNTRY =
        Key.required(
            "country",
            Types.COUNTRY,
            "for local content: parts whose origin is this country are local");
    static final Key<ZoneId> ZONE =
        Key.required("zone", Types.ZONE, "the shift times are local times in this zone");
    static final Key<List<LocalDate>> HOLIDAYS =
        Key.optional(
            "holidays",
            Type.listOf("list of dates", Types.DATE),
            "none",
            "production days on which no shift starts");
    static final Nested SHIFTS =
        Nested.list(
            "shifts",
            "j",
            true,
            "list of shifts, at least one",
            "the weekly shift pattern",
            Shift.KEYS);
    static final Nested AREAS =
        Nested.list(
            "areas", "j", false, "list of areas", "the configured areas", LineKeys.Area.KEYS);

    static final Keys KEYS = Keys.of(ID, COUNTRY, ZONE, HOLIDAYS, SHIFTS, AREAS);

    private Site() {}
  }

  /** {@code plant.sites[<i>].shifts[<j>]}. */
  static final class Shift {

    static final Key<String> NAME = Key.required("name", Types.ID, "part of the `shift` tag");
    static final Key<LocalTime> START =
        Key.required(
            "start", Types.TIME_OF_DAY, "local start; the date it starts on is the production day");
    static final Key<LocalTime> END =
        Key.required(
            "end", Types.TIME_OF_DAY, "local end; at or before `start` means the next day");
    static final Key<List<DayOfWeek>> DAYS =
        Key.required(
            "days",
            Type.listOf("list of days, at least one", Types.DAY),
            "the days an instance starts on");
    static final Nested BREAKS =
        Nested.list(
            "breaks",
            "k",
            false,
            "list of breaks",
            "scheduled breaks, inside the shift, not overlapping",
            Break.KEYS);

    static final Keys KEYS = Keys.of(NAME, START, END, DAYS, BREAKS);

    private Shift() {}
  }

  /** {@code plant.sites[<i>].shifts[<j>].breaks[<k>]}. */
  static final class Break {

    static final Key<String> NAME = Key.required("name", Types.ID, "the break's name");
    static final Key<LocalTime> START =
        Key.required(
            "start",
            Types.TIME_OF_DAY,
            "local start: the first such time at or after the shift's start");
    static final Key<LocalTime> END = Key.required("end", Types.TIME_OF_DAY, "local end");

    static final Keys KEYS = Keys.of(NAME, START, END);

    private Break() {}
  }
}
