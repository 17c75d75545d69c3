package io.gemba.agent.config;

import io.gemba.agent.config.ConnectionKeys.Influx;
import io.gemba.agent.config.ConnectionKeys.Mqtt;
import io.gemba.agent.config.ConnectionKeys.Tls;
import io.gemba.agent.config.PlantKeys.Policy;
import io.gemba.agent.config.QualityKeys.Lean;
import io.gemba.agent.config.QualityKeys.Quality;
import io.gemba.agent.config.RuntimeKeys.Decoder;
import io.gemba.agent.config.RuntimeKeys.Engine;
import io.gemba.agent.config.RuntimeKeys.Http;
import io.gemba.agent.config.RuntimeKeys.Spool;
import io.gemba.collector.plant.AreaConfig;
import io.gemba.collector.plant.BreakDefinition;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.LineConfig;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.plant.SiteConfig;
import io.gemba.collector.plant.SpecLimits;
import io.gemba.collector.plant.StationConfig;
import io.gemba.collector.plant.StationDefaults;
import io.gemba.collector.telemetry.StateCodeTable;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A human summary of a loaded configuration, for {@code check-config}: what the agent would do. The
 * plant is summed up (sites, shifts, lines); every other section shows each of its keys, named as
 * in the file, with its value as it would be written there and {@code (default)} where it is the
 * default ({@link KeyLines}, from the declarations). Secrets show only as set or not set.
 */
public final class ConfigSummary {

  private ConfigSummary() {}

  /** The summary, several lines, each section starting at the margin. */
  public static String describe(AgentConfig config) {
    Objects.requireNonNull(config, "config");
    List<String> lines = new ArrayList<>();
    plant(config.plant(), lines);
    policy(config.plant().policy()).appendTo(lines);
    stationDefaults(config.plant().stationDefaults()).appendTo(lines);
    quality(config.plant().quality()).appendTo(lines);
    LeanPolicy lean = config.plant().lean();
    new KeyLines("plant.lean")
        .value(Lean.AUDIT_CADENCE, lean.auditCadence())
        .value(Lean.KAIZEN_EFFECT_DAYS, lean.kaizenEffectDays())
        .appendTo(lines);
    new KeyLines("decoder")
        .value(Decoder.MAX_PAYLOAD_BYTES, config.decoder().maxPayloadBytes())
        .value(Decoder.MAX_BATCH_ELEMENTS, config.decoder().maxBatchElements())
        .appendTo(lines);
    mqtt(config.mqtt()).appendTo(lines);
    influx(config.influx(), lines);
    HttpConfig http = config.http();
    new KeyLines("http")
        .value(Http.HOST, http.host())
        .value(Http.PORT, http.port(), http.port() == 0 ? "any free port" : null)
        .secret(Http.TOKEN, http.token())
        .appendTo(lines);
    EngineConfig engine = config.engine();
    String perProcessor =
        engine.instances() == 0
            ? "one per processor, " + engine.effectiveInstances() + " here"
            : null;
    new KeyLines("engine")
        .value(Engine.INSTANCES, engine.instances(), perProcessor)
        .value(Engine.TICK_INTERVAL, engine.tickInterval())
        .value(Engine.BATCH_WAIT, engine.batchWait())
        .value(Engine.SNAPSHOT_INTERVAL, engine.snapshotInterval())
        .value(Engine.MAX_UNCONFIGURED_STATIONS, engine.maxUnconfiguredStations())
        .appendTo(lines);
    spool(config.spool(), lines);
    return String.join("\n", lines) + "\n";
  }

  private static void plant(PlantModel plant, List<String> lines) {
    List<AreaConfig> areas = plant.sites().stream().flatMap(s -> s.areas().stream()).toList();
    List<LineConfig> allLines = areas.stream().flatMap(a -> a.lines().stream()).toList();
    List<StationConfig> stations = allLines.stream().flatMap(l -> l.stations().stream()).toList();
    long timed =
        stations.stream()
            .filter(
                s ->
                    s.idealCycleTimes().forProduct(null).isPresent()
                        || !s.idealCycleTimes().byProduct().isEmpty())
            .count();
    lines.add(
        "plant: "
            + String.join(
                ", ",
                count(plant.sites().size(), "site"),
                count(areas.size(), "area"),
                count(allLines.size(), "line"),
                count(stations.size(), "station"))
            + " ("
            + timed
            + " with an ideal cycle time)");
    for (SiteConfig site : plant.sites()) {
      lines.add(
          "  site "
              + site.id()
              + ": "
              + site.country()
              + ", "
              + site.zone()
              + ", "
              + count(site.shifts().holidays().size(), "holiday"));
      for (ShiftDefinition shift : site.shifts().shifts()) {
        lines.add("    shift " + shift + " " + days(shift) + breaks(shift));
      }
      for (AreaConfig area : site.areas()) {
        lines.add(
            "    area "
                + area.id()
                + ": "
                + area.lines().stream()
                    .map(
                        l ->
                            "line "
                                + l.id()
                                + " ("
                                + count(l.stations().size(), "station")
                                + ", output "
                                + l.outputStation()
                                + ")")
                    .collect(Collectors.joining(", ")));
      }
    }
  }

  private static KeyLines policy(KpiPolicy p) {
    return new KeyLines("plant.policy")
        .value(Policy.MICRO_STOP_POLICY, p.microStopPolicy())
        .value(Policy.MICRO_STOP_THRESHOLD, p.microStopThreshold())
        .value(Policy.OEE_TARGET, p.oeeTarget())
        .value(Policy.LOCAL_CONTENT_TARGET, p.localContentTarget())
        .value(Policy.ALLOWED_LATENESS, p.allowedLateness())
        .value(Policy.STARTUP_AFTER_CHANGEOVER, p.startupAfterChangeover())
        .value(Policy.SILENCE_TIMEOUT, p.silenceTimeout())
        .value(Policy.BACKFILL_SHIFTS, p.backfillShifts())
        .value(Policy.BACKFILL_HORIZON, p.backfillHorizon());
  }

  private static KeyLines stationDefaults(StationDefaults d) {
    StateCodeTable codes = d.stateCodes();
    return new KeyLines("plant.stationDefaults")
        .optional(
            LineKeys.StationDefaults.IDEAL_CYCLE_TIME,
            Optional.ofNullable(d.idealCycleTimes().defaultTime()))
        .entries(LineKeys.StationDefaults.IDEAL_CYCLE_TIMES, d.idealCycleTimes().byProduct())
        .row(
            LineKeys.StationDefaults.STATE_CODES,
            codes == StateCodeTable.packMl()
                ? LineKeys.StationDefaults.STATE_CODES.defaultText()
                : count(codes.entries().size(), "code"));
  }

  /** The window and the minimum, and how many limits, of how many products. */
  private static KeyLines quality(QualityPolicy q) {
    long products = q.limits().stream().map(SpecLimits::product).distinct().count();
    return new KeyLines("plant.quality")
        .value(Quality.WINDOW, q.window())
        .value(Quality.SPC_MIN_TESTS, q.spcMinTests())
        .row(
            Quality.LIMITS,
            q.limits().isEmpty()
                ? "none (tests judged by their station's verdict)"
                : q.limits().size() + " for " + count((int) products, "product"));
  }

  private static KeyLines mqtt(MqttConfig m) {
    KeyLines keys =
        new KeyLines("mqtt")
            .value(Mqtt.SERVER, m.server())
            .value(Mqtt.CLIENT_ID, m.clientId())
            .value(Mqtt.TOPICS, m.topics())
            .optional(Mqtt.USERNAME, m.username())
            .secret(Mqtt.PASSWORD, m.password())
            .value(Mqtt.SESSION_EXPIRY, m.sessionExpiry())
            .value(Mqtt.RECEIVE_MAXIMUM, m.receiveMaximum())
            .value(Mqtt.CONNECT_TIMEOUT, m.connectTimeout())
            .value(Mqtt.KEEP_ALIVE, m.keepAlive())
            .value(Mqtt.RECONNECT_MIN_DELAY, m.reconnectMinDelay())
            .value(Mqtt.RECONNECT_MAX_DELAY, m.reconnectMaxDelay())
            .value(Mqtt.DEAD_LETTERS, m.deadLetters());
    if (m.isTls()) {
      keys.in(Mqtt.TLS)
          .optional(Tls.CA_FILE, m.tls().caFile())
          .optional(Tls.CERT_FILE, m.tls().certFile())
          .optional(Tls.KEY_FILE, m.tls().keyFile());
    }
    return keys;
  }

  private static void influx(InfluxConfig i, List<String> lines) {
    if (!i.enabled()) {
      lines.add("influx: none (KPIs only on the HTTP API and /metrics)");
      return;
    }
    new KeyLines("influx")
        .optional(Influx.URL, i.url())
        .value(Influx.ORG, i.org())
        .value(Influx.BUCKET, i.bucket())
        .secret(Influx.TOKEN, i.token())
        .value(Influx.BATCH_SIZE, i.batchSize())
        .value(Influx.FLUSH_INTERVAL, i.flushInterval())
        .value(Influx.MAX_PENDING_POINTS, i.maxPendingPoints())
        .value(Influx.TIMEOUT, i.timeout())
        .appendTo(lines);
  }

  private static void spool(SpoolConfig spool, List<String> lines) {
    if (!spool.enabled()) {
      lines.add("spool: none, points wait in memory");
      return;
    }
    new KeyLines("spool")
        .optional(Spool.DIR, spool.dir())
        .value(Spool.MAX_MEGABYTES, spool.maxMegabytes())
        .value(Spool.SEGMENT_MEGABYTES, spool.segmentMegabytes())
        .value(Spool.CHECKPOINT_INTERVAL, spool.checkpointInterval())
        .appendTo(lines);
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  /** {@code MON-FRI}, {@code MON-THU,SUN}: runs of three days or more as a range. */
  static String days(ShiftDefinition shift) {
    List<DayOfWeek> days = shift.days().stream().sorted().toList();
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < days.size()) {
      int j = i;
      while (j + 1 < days.size() && days.get(j + 1).getValue() == days.get(j).getValue() + 1) {
        j++;
      }
      if (j - i >= 2) {
        parts.add(dayName(days.get(i)) + "-" + dayName(days.get(j)));
      } else {
        for (int k = i; k <= j; k++) {
          parts.add(dayName(days.get(k)));
        }
      }
      i = j + 1;
    }
    return String.join(",", parts);
  }

  private static String breaks(ShiftDefinition shift) {
    if (shift.breaks().isEmpty()) {
      return "";
    }
    return ", breaks "
        + shift.breaks().stream().map(BreakDefinition::toString).collect(Collectors.joining(", "));
  }

  private static String dayName(DayOfWeek day) {
    return day.name().substring(0, 3);
  }
}
