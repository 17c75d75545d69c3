package io.gemba.collector.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.OrderEvent;
import io.gemba.collector.telemetry.StateChange;
import io.gemba.collector.telemetry.Topic;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A gateway that makes up station ids (a bug, or hostile input) cannot fill the heap: the engine
 * takes a bounded number of stations that the configuration does not name, refuses the events of
 * any further one as {@code too_many_stations}, and goes on with the stations it has.
 */
class StationBoundScenarioTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant SIX = Instant.parse("2026-11-26T05:00:00Z"); // 06:00 in Berlin

  private final EngineHarness plant =
      new EngineHarness(
          BERLIN,
          List.of(EngineFixtures.morningShift(LocalTime.of(9, 0))),
          KpiPolicy.defaults(),
          EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(1))));
  private final List<Point> points = new ArrayList<>();

  private StateChange running(String line, String station, int second) {
    return running(line, station, SIX.plusSeconds(second));
  }

  private StateChange running(String line, String station, Instant at) {
    Topic topic = new Topic(EngineHarness.SITE, EngineHarness.AREA, line, station, Channel.STATE);
    return new StateChange(
        new Envelope(topic, at, false, Envelope.NO_SEQ), MachineState.RUNNING, null, null);
  }

  @Test
  void twoHundredThousandMadeUpStations_theEngineHoldsItsBound_andRefusesTheRest() {
    KpiEngine engine = new KpiEngine(plant.model, points::add, 1_000);
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      outcomes.add(engine.accept(running(EngineHarness.LINE, "junk-" + i, i / 1000)));
    }

    // The first 1,000 are taken (the bound), the other 199,000 refused, none of them applied.
    assertThat(outcomes.subList(0, 1_000)).containsOnly(Outcome.APPLIED);
    assertThat(outcomes.subList(1_000, 200_000)).containsOnly(Outcome.TOO_MANY_STATIONS);
    EngineStats stats = engine.stats();
    assertThat(stats.stations()).isEqualTo(1_000);
    assertThat(stats.unconfiguredStations()).isEqualTo(1_000);
    assertThat(stats.tooManyStations()).isEqualTo(199_000);
    assertThat(stats.applied()).isEqualTo(1_000);
    assertThat(engine.stations()).hasSize(1_000);
    assertThat(engine.lastRefusedStation()).map(Topic::station).hasValue("junk-199999");

    // A configured station is always taken, and an unconfigured one it holds goes on.
    assertThat(engine.accept(running(EngineHarness.LINE, "press", 300))).isEqualTo(Outcome.APPLIED);
    assertThat(engine.accept(running(EngineHarness.LINE, "junk-7", 301)))
        .isEqualTo(Outcome.APPLIED);
    assertThat(engine.stats().stations()).isEqualTo(1_001);
  }

  /**
   * The heap the engine holds after 200,000 made-up stations, measured after a full collection:
   * about 15 MiB at a bound of 5,000 (3 KB a station), where the same stream unbounded held 591
   * MiB. The assertion leaves four times the room, for the collector's noise.
   */
  @Test
  void twoHundredThousandMadeUpStations_atTheDefaultBound_holdLittleHeap() {
    long before = usedAfterGc();
    KpiEngine engine = new KpiEngine(plant.model, point -> {});
    for (int i = 0; i < 200_000; i++) {
      engine.accept(running("junk-" + (i % 40), "st-" + i, i / 1000));
    }
    long held = usedAfterGc() - before;

    assertThat(engine.stats().stations()).isEqualTo(KpiEngine.DEFAULT_MAX_UNCONFIGURED_STATIONS);
    assertThat(held).as("bytes held").isLessThan(64L << 20);
    assertThat(engine.stats().applied()).isEqualTo(5_000); // the engine still referenced here
  }

  private static long usedAfterGc() {
    java.lang.management.MemoryMXBean memory =
        java.lang.management.ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Test
  void madeUpLines_withAWholeLineOrder_countAgainstTheBound() {
    KpiEngine engine = new KpiEngine(plant.model, points::add, 2);
    assertThat(engine.accept(lineOrder("junk-line-1"))).isEqualTo(Outcome.APPLIED);
    assertThat(engine.accept(running("junk-line-2", "st-1", 1))).isEqualTo(Outcome.APPLIED);
    // At the bound: one line order and one station.
    assertThat(engine.accept(lineOrder("junk-line-3"))).isEqualTo(Outcome.TOO_MANY_STATIONS);
    assertThat(engine.accept(running("junk-line-4", "st-1", 2)))
        .isEqualTo(Outcome.TOO_MANY_STATIONS);
    // The first station of the line with the order takes its order's place: still two.
    assertThat(engine.accept(running("junk-line-1", "st-1", 3))).isEqualTo(Outcome.APPLIED);
    assertThat(engine.accept(running("junk-line-1", "st-2", 4)))
        .isEqualTo(Outcome.TOO_MANY_STATIONS);
    // The configured line's order is always taken.
    assertThat(engine.accept(lineOrder(EngineHarness.LINE))).isEqualTo(Outcome.APPLIED);
    assertThat(engine.stats().unconfiguredStations()).isEqualTo(2);
    assertThat(engine.stats().tooManyStations()).isEqualTo(3);
  }

  @Test
  void aCheckpoint_keepsTheStationsAtTheBound_andTheBoundHolds() {
    KpiEngine engine = new KpiEngine(plant.model, points::add, 10);
    for (int i = 0; i < 20; i++) {
      engine.accept(running(EngineHarness.LINE, "junk-" + i, i));
    }
    KpiEngine restored = KpiEngine.restore(plant.model, points::add, engine.checkpoint(), 10);

    assertThat(restored.stats().stations()).isEqualTo(10);
    assertThat(restored.accept(running(EngineHarness.LINE, "junk-3", 30)))
        .isEqualTo(Outcome.APPLIED);
    assertThat(restored.accept(running(EngineHarness.LINE, "junk-15", 31)))
        .isEqualTo(Outcome.TOO_MANY_STATIONS);
  }

  @Test
  void madeUpStationsSilentLongerThanTheHorizon_areForgotten_andFreeTheirPlaces() {
    KpiEngine engine = new KpiEngine(plant.model, points::add, 2);
    engine.accept(running(EngineHarness.LINE, "junk-1", 0));
    engine.accept(running(EngineHarness.LINE, "junk-2", 0));
    engine.accept(running(EngineHarness.LINE, "press", 0));
    assertThat(engine.accept(running(EngineHarness.LINE, "junk-3", 1)))
        .isEqualTo(Outcome.TOO_MANY_STATIONS);

    // Silent for 23 h by the wall clock: within the backfill horizon (1 d), all kept.
    engine.tick(SIX.plus(Duration.ofHours(23)));
    assertThat(engine.stats().stations()).isEqualTo(3);
    // Silent for a day and a second: the two made-up stations are forgotten, the configured one
    // is not, and a new made-up station takes a free place.
    engine.tick(SIX.plus(Duration.ofDays(1)).plusSeconds(2));
    assertThat(engine.stats().stations()).isEqualTo(1);
    assertThat(engine.stats().unconfiguredStations()).isZero();
    assertThat(engine.stats().forgottenStations()).isEqualTo(2);
    Instant later = SIX.plus(Duration.ofDays(1)).plusSeconds(3);
    assertThat(engine.accept(running(EngineHarness.LINE, "junk-3", later)))
        .isEqualTo(Outcome.APPLIED);
    assertThat(engine.stations())
        .extracting(StationSnapshot::station)
        .containsExactly("press", "junk-3");
    // One that speaks again starts anew, as a new station.
    assertThat(engine.accept(running(EngineHarness.LINE, "junk-1", later.plusSeconds(1))))
        .isEqualTo(Outcome.APPLIED);
    assertThat(engine.stats().unconfiguredStations()).isEqualTo(2);
  }

  private static OrderEvent lineOrder(String line) {
    Topic topic = new Topic(EngineHarness.SITE, EngineHarness.AREA, line, "_", Channel.ORDER);
    return new OrderEvent(
        new Envelope(topic, SIX, false, Envelope.NO_SEQ),
        OrderEvent.Kind.START,
        "WO-1",
        "P1",
        null,
        null);
  }
}
