package io.gemba.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.EngineConfig;
import io.gemba.agent.config.SpoolConfig;
import io.gemba.agent.testkit.MosquittoServer;
import io.gemba.agent.testkit.VictoriaMetricsServer;
import io.gemba.agent.testkit.VictoriaMetricsServer.Series;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Yesterday's shift, as a gateway recorded it, published to a fresh agent with the default engine
 * settings (a tick every second, 5 min lateness, silent after 2 min) and the real wall clock: once
 * at full speed to line {@code pack-1}, once slowly (over more than three ticks) to line {@code
 * pack-2}. A station's time is its own, so both give the same points, and the shift's are those of
 * hand arithmetic; nothing is late.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RecordedShiftIT {

  private static final String DAY = "2026-11-24T";

  /**
   * The shift points: written once each, when their minute is final (a minute's own points may be
   * written again by a correction, and VictoriaMetrics does not say which of two writes at one time
   * it keeps, where InfluxDB keeps the last).
   */
  private static final String[] SHIFT_SERIES = {
    "oee_planned_s{window=\"shift\"",
    "oee_run_s{window=\"shift\"",
    "oee_stop_s{window=\"shift\"",
    "oee_total{window=\"shift\"",
    "oee_good{window=\"shift\"",
    "oee_availability{window=\"shift\"",
    "oee_performance{window=\"shift\"",
    "oee_quality{window=\"shift\"",
    "oee_oee{window=\"shift\"",
    "losses_seconds{",
    "reliability_failures{",
    "reliability_mtbf_s{",
    "reliability_mttr_s{"
  };

  private MosquittoServer mosquitto;
  private VictoriaMetricsServer victoria;
  private Agent agent;

  @BeforeEach
  void start() throws Exception {
    mosquitto = MosquittoServer.builder().build().start();
    victoria = new VictoriaMetricsServer().start();
    AgentConfig config =
        ItConfigs.agent(
            mosquitto.uri(),
            "gemba-recorded-shift-it",
            victoria.url(),
            SpoolConfig.disabled(),
            EngineConfig.defaults());
    agent =
        Agent.start(config, Clock.systemUTC())
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(30)).until(() -> AgentHttp.ready(agent));
  }

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (victoria != null) {
      victoria.close();
    }
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  @Test
  void recordedShift_publishedSlowly_givesTheSamePointsAsPublishedAtOnce() throws Exception {
    List<String[]> atOnce = recording("pack-1");
    List<String[]> slowly = recording("pack-2");
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-replay")) {
      for (String[] message : atOnce) {
        gateway.publish(message[0], message[1]);
      }
      // The pace is the test's input, not a wait for the agent: 39 pauses of 120 ms spread the
      // recording over at least 4.7 s, more than three ticks of 1 s.
      for (int i = 0; i < slowly.size(); i++) {
        gateway.publish(slowly.get(i)[0], slowly.get(i)[1]);
        if (i % 50 == 49) {
          Thread.sleep(120);
        }
      }
    }
    int messages = atOnce.size() + slowly.size();
    await().atMost(Duration.ofSeconds(60)).until(() -> applied() == messages);
    // The last points of both lines may still be on their way (and VictoriaMetrics shows what it
    // took after a second): the same samples, once both have arrived.
    victoria.awaitFlushed(
        Duration.ofSeconds(60),
        () -> {
          assertThat(shiftEnd("oee_oee", "pack-1", "st10")).isNotNull();
          assertThat(shiftEnd("oee_oee", "pack-2", "st10")).isNotNull();
          for (String series : SHIFT_SERIES) {
            Map<String, Map<Long, Double>> first = byLabels(series, "pack-1");
            assertThat(first).as(series).isNotEmpty();
            assertThat(differences(first, byLabels(series, "pack-2")))
                .as(series + ": pack-1 (at once) against pack-2 (slowly)")
                .isEmpty();
          }
        });

    assertThat(outcome("late")).isZero();
    // st10, shift A 06:00-14:00: planned 28,800 s; down 08:00-08:25 (1,500 s, a failure); idle
    // 11:00-11:01 (a micro-stop: run time under tpm). Run 27,300 s. Units: 2 a running minute,
    // counted by the readings 06:01..13:59 (the one at 14:00 is after the shift): 479 minutes less
    // 26 stopped = 453, so 906 units x 30 s = 27,180 s of ideal time.
    for (String line : List.of("pack-1", "pack-2")) {
      assertThat(shiftEnd("oee_planned_s", line, "st10")).isEqualTo(28_800.0);
      assertThat(shiftEnd("oee_run_s", line, "st10")).isEqualTo(27_300.0);
      assertThat(shiftEnd("oee_total", line, "st10")).isEqualTo(906.0);
      assertThat(shiftEnd("oee_availability", line, "st10"))
          .isCloseTo(27_300.0 / 28_800, within(1e-9));
      assertThat(shiftEnd("oee_performance", line, "st10"))
          .isCloseTo(27_180.0 / 27_300, within(1e-9));
      assertThat(shiftEnd("oee_oee", line, "st10")).isCloseTo(27_180.0 / 28_800, within(1e-9));
      // eol ran all shift: 958 units, OEE 28,740 / 28,800.
      assertThat(shiftEnd("oee_oee", line, "eol")).isCloseTo(28_740.0 / 28_800, within(1e-9));
    }
  }

  /**
   * The recorded shift of a line, in time order, as (topic, payload): {@code st10} and {@code eol}
   * run from 06:00 and read their counters every minute to 14:06 (2 units a running minute), the
   * gateway sends a heartbeat for each at every half minute; {@code st10} is down from 08:00 to
   * 08:25 and idle from 11:00 to 11:01.
   */
  private static List<String[]> recording(String line) {
    String prefix = "gemba/v1/tlx/battery/" + line + "/";
    List<Object[]> timed = new ArrayList<>();
    Instant start = Instant.parse(DAY + "06:00:00Z");
    for (String station : List.of("st10", "eol")) {
      timed.add(new Object[] {start, prefix + station + "/state", "\"state\":\"RUNNING\""});
    }
    timed.add(state(prefix, "08:00:00", "\"state\":\"DOWN\",\"reason\":\"JAM-12\""));
    timed.add(state(prefix, "08:25:00", "\"state\":\"RUNNING\""));
    timed.add(state(prefix, "11:00:00", "\"state\":\"IDLE\",\"reason\":\"STARVED\""));
    timed.add(state(prefix, "11:01:00", "\"state\":\"RUNNING\""));
    long st10 = 0;
    long eol = 0;
    for (int minute = 0; minute <= 8 * 60 + 6; minute++) {
      Instant at = start.plusSeconds(60L * minute);
      timed.add(new Object[] {at, prefix + "st10/count", "\"total\":" + st10 + ",\"scrap\":0"});
      timed.add(new Object[] {at, prefix + "eol/count", "\"total\":" + eol + ",\"scrap\":0"});
      if (minute < 8 * 60 + 6) {
        for (String station : List.of("st10", "eol")) {
          timed.add(
              new Object[] {
                at.plusSeconds(30), prefix + station + "/heartbeat", "\"gateway\":\"plc-gw-07\""
              });
        }
      }
      // The units made in the minute that starts now, read at its end.
      boolean st10Stopped = (minute >= 120 && minute < 145) || minute == 300;
      st10 += st10Stopped ? 0 : 2;
      eol += 2;
    }
    timed.sort(Comparator.comparing(m -> (Instant) m[0]));
    List<String[]> messages = new ArrayList<>();
    long seq = 0;
    for (Object[] m : timed) {
      messages.add(
          new String[] {
            (String) m[1], "{\"ts\":\"" + m[0] + "\",\"seq\":" + seq++ + "," + m[2] + "}"
          });
    }
    return messages;
  }

  private static Object[] state(String prefix, String time, String fields) {
    return new Object[] {Instant.parse(DAY + time + "Z"), prefix + "st10/state", fields};
  }

  /** The shift point at 14:00 of a station of a line, or null. */
  private Double shiftEnd(String metric, String line, String station) {
    long end = Instant.parse(DAY + "14:00:00Z").toEpochMilli();
    for (Series series :
        victoria.export(
            metric + "{line=\"" + line + "\",station=\"" + station + "\",window=\"shift\"}")) {
      for (int i = 0; i < series.values().size(); i++) {
        if (series.timestampsMs().get(i) == end) {
          return series.values().get(i);
        }
      }
    }
    return null;
  }

  /**
   * Every sample of the series that {@code selector} (a metric and an open label set: {@code
   * name{} or {@code name{label="value"}) picks on {@code line}, by its labels other than the line.
   */
  private Map<String, Map<Long, Double>> byLabels(String selector, String line) {
    Map<String, Map<Long, Double>> all = new TreeMap<>();
    String open = selector.endsWith("{") ? selector : selector + ",";
    for (Series series : victoria.export(open + "line=\"" + line + "\"}")) {
      Map<String, String> labels = new TreeMap<>(series.labels());
      labels.remove("line");
      Map<Long, Double> samples = all.computeIfAbsent(labels.toString(), k -> new TreeMap<>());
      for (int i = 0; i < series.values().size(); i++) {
        samples.put(series.timestampsMs().get(i), series.values().get(i));
      }
    }
    return all;
  }

  /** Where two lines' samples differ, at most 5 lines of it. */
  private static List<String> differences(
      Map<String, Map<Long, Double>> atOnce, Map<String, Map<Long, Double>> slowly) {
    List<String> lines = new ArrayList<>();
    Set<String> series = new TreeSet<>(atOnce.keySet());
    series.addAll(slowly.keySet());
    for (String labels : series) {
      Map<Long, Double> a = atOnce.getOrDefault(labels, Map.of());
      Map<Long, Double> b = slowly.getOrDefault(labels, Map.of());
      Set<Long> times = new TreeSet<>(a.keySet());
      times.addAll(b.keySet());
      for (Long time : times) {
        if (!Objects.equals(a.get(time), b.get(time)) && lines.size() < 5) {
          lines.add(
              labels
                  + " @"
                  + Instant.ofEpochMilli(time)
                  + ": "
                  + a.get(time)
                  + " / "
                  + b.get(time));
        }
      }
    }
    return lines;
  }

  private double applied() {
    return outcome("applied");
  }

  private double outcome(String outcome) {
    return agent.registry().get("gemba.engine.events").tag("outcome", outcome).counter().count();
  }
}
