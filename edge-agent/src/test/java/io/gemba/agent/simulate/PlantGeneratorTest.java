package io.gemba.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.engine.EngineStats;
import io.gemba.collector.engine.KpiEngine;
import io.gemba.collector.engine.StationSnapshot;
import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.gemba.collector.telemetry.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlantGeneratorTest {

  private static SimulatedStream day;

  @BeforeAll
  static void simulateOneDay() {
    day =
        SimulatedStream.of(
            SimulationOptions.defaults(), SimulatedStream.MONDAY_0650, Duration.ofDays(1));
  }

  @Test
  void generator_sameSeed_sameMessages() {
    Instant end = SimulatedStream.MONDAY_0650.plus(Duration.ofHours(8));
    List<Outgoing> first =
        new PlantGenerator(SimulationOptions.defaults(), SimulatedStream.MONDAY_0650).until(end);
    List<Outgoing> second =
        new PlantGenerator(SimulationOptions.defaults(), SimulatedStream.MONDAY_0650).until(end);

    assertThat(first).hasSizeGreaterThan(10_000).isEqualTo(second);
  }

  @Test
  void generator_otherSeed_otherMessages() {
    Instant end = SimulatedStream.MONDAY_0650.plus(Duration.ofHours(2));
    List<Outgoing> first =
        new PlantGenerator(SimulationOptions.defaults(), SimulatedStream.MONDAY_0650).until(end);
    List<Outgoing> other =
        new PlantGenerator(SimulationOptions.defaults().withSeed(7), SimulatedStream.MONDAY_0650)
            .until(end);

    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void generator_batteryMeasurements_inFixedOrder() {
    // A BatteryTest keeps its measurements in a Map.copyOf, whose order changes from JVM to JVM;
    // the generator writes them in a fixed order so that a seed gives the same bytes in every run.
    Pattern names = Pattern.compile("\"([a-z_]+)\":[0-9.]+");
    List<Outgoing> tests =
        day.messages.stream().filter(m -> m.topic().endsWith("/battery")).toList();

    assertThat(tests).isNotEmpty();
    for (Outgoing test : tests) {
      String measurements = test.payloadText().replaceFirst(".*\"measurements\":", "");
      Matcher matcher = names.matcher(measurements);
      List<String> order = matcher.results().map(r -> r.group(1)).toList();
      assertThat(order).isEqualTo(BatteryTester.MEASUREMENTS);
    }
  }

  @Test
  void generator_everyMessage_decodesWithoutReject() {
    assertThat(day.rejected).isEmpty();
    assertThat(day.events).hasSameSizeAs(day.messages);
    for (int i = 0; i < day.messages.size(); i++) {
      Outgoing message = day.messages.get(i);
      TelemetryEvent event = day.events.get(i);
      assertThat(event.topic()).hasToString(message.topic());
      assertThat(event.envelope().tsMissing()).isFalse();
      assertThat(event.ts()).isEqualTo(message.eventTime());
      assertThat(event.envelope().seq()).isEqualTo(message.number());
      assertThat(event.topic().site()).isEqualTo(SimulatedPlant.SITE);
      assertThat(event.topic().area()).isEqualTo(SimulatedPlant.AREA);
    }
  }

  @Test
  void generator_oneDay_usesEveryChannel_ordersAndAuditsOnLineTopics_kaizenOnEither() {
    assertThat(day.accepted.keySet())
        .contains(
            Channel.STATE,
            Channel.COUNT,
            Channel.ORDER,
            Channel.CYCLE,
            Channel.BATTERY,
            Channel.PART,
            Channel.HEARTBEAT);
    for (TelemetryEvent event : day.events) {
      Channel channel = event.channel();
      boolean lineTopic = channel == Channel.ORDER || channel == Channel.AUDIT5S;
      if (channel != Channel.KAIZEN) { // a card is about its line or one of its stations
        assertThat(event.topic().isWholeLine()).as(event.toString()).isEqualTo(lineTopic);
      }
      assertThat(event.topic().line()).isIn(day.plant.lines());
    }
  }

  @Test
  void generator_threeDays_auditsAndKaizenNowAndThen() {
    SimulatedStream days =
        SimulatedStream.of(
            SimulationOptions.defaults()
                .withLines(4)
                .withStationsPerLine(2)
                .withIntervals(Duration.ofMinutes(1), Duration.ofMinutes(5)),
            SimulatedStream.MONDAY_0650,
            Duration.ofDays(3));

    // Audits come every 16 h on average on every line but the last (its first comes so, the next
    // 10-14 days later), and cards every 20 h, per line: over 72 h and four lines about 14 + 1
    // audits and 14 cards submitted, a few reviewed; fewer since what falls due between shifts
    // waits.
    assertThat(days.accepted.getOrDefault(Channel.AUDIT5S, 0)).isBetween(5, 25);
    assertThat(days.accepted.getOrDefault(Channel.KAIZEN, 0)).isBetween(5, 40);
  }

  @Test
  void generator_eventTime_neverGoesBackInTheStreamNorAtAStation() {
    Map<String, Instant> latestByStation = new HashMap<>();
    Instant previous = Instant.MIN;
    for (Outgoing message : day.messages) {
      assertThat(message.eventTime()).isAfterOrEqualTo(previous);
      previous = message.eventTime();
      String station = message.topic().substring(0, message.topic().lastIndexOf('/'));
      Instant latest = latestByStation.put(station, message.eventTime());
      if (latest != null) {
        assertThat(message.eventTime()).isAfterOrEqualTo(latest);
      }
    }
    assertThat(day.messages.get(0).eventTime()).isEqualTo(SimulatedStream.MONDAY_0650);
    assertThat(previous).isBefore(day.end);
  }

  @Test
  void generator_sequenceNumbers_oneToNWithoutGaps() {
    for (int i = 0; i < day.messages.size(); i++) {
      assertThat(day.messages.get(i).number()).isEqualTo(i + 1);
    }
  }

  @Test
  void generator_untilAndNext_giveTheSameStream() {
    PlantGenerator byUntil =
        new PlantGenerator(SimulationOptions.defaults(), SimulatedStream.MONDAY_0650);
    PlantGenerator byNext =
        new PlantGenerator(SimulationOptions.defaults(), SimulatedStream.MONDAY_0650);
    Instant end = SimulatedStream.MONDAY_0650.plus(Duration.ofHours(1));

    List<Outgoing> first = byUntil.until(end.minusSeconds(1800));
    List<Outgoing> rest = byUntil.until(end);

    for (Outgoing message : first) {
      assertThat(byNext.next()).isEqualTo(message);
    }
    for (Outgoing message : rest) {
      assertThat(byNext.next()).isEqualTo(message);
    }
    assertThat(byUntil.peekTime()).isAfterOrEqualTo(end);
    assertThat(byUntil.made()).isGreaterThanOrEqualTo(first.size() + rest.size());
  }

  @Test
  void generator_manyLinesAndStations_eachStationHasItsTopics() {
    SimulationOptions options =
        SimulationOptions.defaults()
            .withLines(3)
            .withStationsPerLine(12)
            .withIntervals(Duration.ofSeconds(30), Duration.ofSeconds(30));
    SimulatedStream stream =
        SimulatedStream.of(options, SimulatedStream.MONDAY_0650, Duration.ofHours(2));

    assertThat(stream.rejected).isEmpty();
    Map<String, Integer> stateTopics = new HashMap<>();
    for (TelemetryEvent event : stream.events) {
      if (event.channel() == Channel.STATE) {
        Topic topic = event.topic();
        stateTopics.merge(topic.line() + "/" + topic.station(), 1, Integer::sum);
      }
    }
    assertThat(stateTopics).hasSize(36);
  }

  @Test
  void generator_oneDay_kpiEngineAppliesEveryEventOfTheConfiguredPlant() {
    KpiEngine engine = new KpiEngine(day.plant.model(), point -> {});

    engine.acceptAll(day.events);

    EngineStats stats = engine.stats();
    assertThat(stats.late()).isZero();
    assertThat(stats.duplicates()).isZero();
    assertThat(stats.timeBackwards()).isZero();
    assertThat(stats.stations()).isEqualTo(10);
    assertThat(stats.unconfiguredStations()).isZero();
    for (StationSnapshot station : engine.stations()) {
      // Shift B of Monday: failures and micro-stops cost 5-25% of the time, the stations run at
      // 1.02-1.2 times their ideal cycle, and scrap 1-3%.
      Kpis kpis = station.shiftKpis();
      assertThat(station.shift()).isEqualTo("2026-11-23/B");
      assertThat(kpis.availability()).as(station.station()).isBetween(0.7, 0.98);
      assertThat(kpis.performance()).as(station.station()).isBetween(0.7, 0.98);
      assertThat(kpis.quality()).as(station.station()).isBetween(0.95, 1.0);
    }
  }
}
