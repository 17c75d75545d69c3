package io.gemba.agent.config;

import io.gemba.collector.plant.AreaConfig;
import io.gemba.collector.plant.BreakDefinition;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.LineConfig;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.plant.SiteConfig;
import io.gemba.collector.plant.StationConfig;
import io.gemba.collector.plant.StationDefaults;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A human summary of a loaded configuration, for {@code check-config}: what the agent would do.
 * Secrets show only as set or not set.
 */
public final class ConfigSummary {

  private ConfigSummary() {}

  /** The summary, several lines, each section starting at the margin. */
  public static String describe(AgentConfig config) {
    Objects.requireNonNull(config, "config");
    List<String> lines = new ArrayList<>();
    plant(config.plant(), lines);
    lines.add(
        "decoder: payloads up to "
            + config.decoder().maxPayloadBytes()
            + " bytes, batches up to "
            + config.decoder().maxBatchElements()
            + " elements");
    mqtt(config.mqtt(), lines);
    influx(config.influx(), lines);
    HttpConfig http = config.http();
    lines.add(
        "http: listens on "
            + http.host()
            + (http.port() == 0 ? ", any free port" : ":" + http.port())
            + (http.token().isPresent()
                ? ", /metrics and /api/ behind a bearer token"
                : ", no token asked"));
    EngineConfig engine = config.engine();
    lines.add(
        "engine: "
            + (engine.instances() == 0
                ? "one instance per processor (" + engine.effectiveInstances() + " here)"
                : count(engine.instances(), "instance"))
            + ", tick every "
            + Durations.format(engine.tickInterval())
            + (engine.batchWait().isZero()
                ? ", each message applied at once"
                : ", batches gathered for " + Durations.format(engine.batchWait())));
    SpoolConfig spool = config.spool();
    lines.add(
        spool.enabled()
            ? "spool: "
                + spool.dir().orElseThrow()
                + ", up to "
                + spool.maxMegabytes()
                + " MB kept, files of "
                + spool.segmentMegabytes()
                + " MB, a checkpoint every "
                + Durations.format(spool.checkpointInterval())
            : "spool: none, points wait in memory");
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
    KpiPolicy p = plant.policy();
    lines.add(
        String.format(
            Locale.ROOT,
            "  policy: micro-stops %s (under %s), OEE target %s, local content target %s,"
                + " allowed lateness %s, startup after changeover %s",
            p.microStopPolicy().wireName(),
            Durations.format(p.microStopThreshold()),
            percent(p.oeeTarget()),
            percent(p.localContentTarget()),
            Durations.format(p.allowedLateness()),
            Durations.format(p.startupAfterChangeover())));
    StationDefaults d = plant.stationDefaults();
    lines.add(
        "  unconfigured stations: ideal cycle time "
            + d.idealCycleTimes().forProduct(null).map(Durations::format).orElse("unknown")
            + ", "
            + count(d.stateCodes().entries().size(), "state code"));
  }

  private static void mqtt(MqttConfig m, List<String> lines) {
    lines.add(
        "mqtt: " + m.server() + " as " + m.clientId() + ", topics " + String.join(" ", m.topics()));
    lines.add("  user " + m.username().orElse("(none)") + ", password " + setOrNot(m.password()));
    if (m.isTls()) {
      lines.add(
          "  TLS, trusting "
              + m.tls().caFile().map(Path::toString).orElse("the JVM's default authorities")
              + m.tls().certFile().map(cert -> ", client certificate " + cert).orElse(""));
    }
    lines.add(
        "  session expiry "
            + Durations.format(m.sessionExpiry())
            + ", receive maximum "
            + m.receiveMaximum()
            + ", connect timeout "
            + Durations.format(m.connectTimeout())
            + ", keep alive "
            + Durations.format(m.keepAlive())
            + ", reconnect after "
            + Durations.format(m.reconnectMinDelay())
            + " to "
            + Durations.format(m.reconnectMaxDelay()));
  }

  private static void influx(InfluxConfig i, List<String> lines) {
    if (!i.enabled()) {
      lines.add("influx: none (KPIs only on the HTTP API and /metrics)");
      return;
    }
    lines.add(
        "influx: "
            + i.url().get()
            + ", org "
            + i.org()
            + ", bucket "
            + i.bucket()
            + ", token "
            + setOrNot(i.token()));
    lines.add(
        "  batches of up to "
            + i.batchSize()
            + " points every "
            + Durations.format(i.flushInterval())
            + ", up to "
            + i.maxPendingPoints()
            + " pending, timeout "
            + Durations.format(i.timeout()));
  }

  private static String setOrNot(Secret secret) {
    return secret.isPresent() ? "set" : "not set";
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
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
