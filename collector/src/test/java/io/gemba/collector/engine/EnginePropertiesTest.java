package io.gemba.collector.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.plant.BreakDefinition;
import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.plant.SpecLimits;
import io.gemba.collector.point.Point;
import io.gemba.collector.proptest.Draw;
import io.gemba.collector.proptest.Property;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The engine's promises, on random streams: the same events give the same stored points whatever
 * the batching and the tick timing; a checkpoint and restore in the middle of a stream changes
 * nothing; and the KPIs of every shift keep their invariants.
 */
class EnginePropertiesTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Duration LATENESS = Duration.ofMinutes(5);
  private static final Duration BACKFILL_DELAY = Duration.ofHours(2);
  private static final Instant START = Instant.parse("2026-11-26T04:40:00Z"); // 05:40 in Berlin
  private static final int MINUTES = 9 * 60; // across shift A's end at 14:00
  private static final Instant FAR_FUTURE = Instant.parse("2026-11-26T23:00:00Z"); // after shift B
  private static final double IDEAL_EOL_MS = 55_000;

  static List<ShiftDefinition> shifts() {
    EnumSet<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
    return List.of(
        new ShiftDefinition(
            "A",
            LocalTime.of(6, 0),
            LocalTime.of(14, 0),
            List.of(
                new BreakDefinition("tea", LocalTime.of(9, 0), LocalTime.of(9, 15)),
                new BreakDefinition("lunch", LocalTime.of(12, 0), LocalTime.of(12, 30))),
            days),
        new ShiftDefinition(
            "B",
            LocalTime.of(14, 0),
            LocalTime.of(22, 0),
            List.of(new BreakDefinition("tea", LocalTime.of(17, 0), LocalTime.of(17, 20))),
            days));
  }

  static EngineHarness harness(MicroStopPolicy microStops) {
    KpiPolicy policy =
        new KpiPolicy(
            microStops, Duration.ofMinutes(2), 0.85, 0.6, LATENESS, Duration.ofMinutes(10));
    // A short window so that the battery tests' charts and rules are at work within the stream.
    QualityPolicy quality =
        new QualityPolicy(
            20,
            5,
            List.of(
                new SpecLimits("P1", "ocv_v", 199.5, 204.5, 202.0),
                new SpecLimits("P1", "dcir_mohm", null, 88.0, null)));
    return new EngineHarness(
        BERLIN,
        shifts(),
        policy,
        quality,
        EngineHarness.station(
            "cell",
            new IdealCycleTimes(Duration.ofSeconds(45), Map.of("P2", Duration.ofSeconds(50)))),
        EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(60))),
        EngineHarness.station("eol", IdealCycleTimes.of(Duration.ofMillis((long) IDEAL_EOL_MS))));
  }

  private static MicroStopPolicy policy(long seed) {
    return (seed & 1) == 0 ? MicroStopPolicy.TPM : MicroStopPolicy.ISO22400;
  }

  private static List<TelemetryEvent> stream(long seed) {
    return RandomPlantStream.generate(seed, START, MINUTES, 0.1, LATENESS.toMillis() - 1);
  }

  /**
   * The same line with a fifth of its events delivered up to two hours late: older than the
   * lateness, within the backfill horizon (the previous shift), as a gateway's buffer comes.
   */
  private static List<TelemetryEvent> backfilledStream(long seed) {
    return RandomPlantStream.generate(seed, START, MINUTES, 0.2, BACKFILL_DELAY.toMillis());
  }

  /** One event at a time, then a tick far ahead: the reference. */
  private static EngineHarness reference(long seed, List<TelemetryEvent> events) {
    EngineHarness h = harness(policy(seed));
    events.forEach(h.engine::accept);
    h.engine.tick(FAR_FUTURE);
    return h;
  }

  @Test
  void twoEngines_fedTheSameTopicObjectsInTurn_keepTheirOwnStations() {
    Property.forAll(10, Draw::anyLong, EnginePropertiesTest::twoEnginesKeepTheirOwnStations);
  }

  private static void twoEnginesKeepTheirOwnStations(long seed) {
    // Two engines take the same event objects (and so the same topic objects) in turn: neither
    // keeps anything in them that the other could see.
    List<TelemetryEvent> events = stream(seed);
    EngineHarness reference = reference(seed, events);
    EngineHarness first = harness(policy(seed));
    EngineHarness second = harness(policy(seed));
    for (TelemetryEvent event : events) {
      first.engine.accept(event);
      second.engine.accept(event);
    }
    first.engine.tick(FAR_FUTURE);
    second.engine.tick(FAR_FUTURE);

    assertThat(first.engine.stations()).isEqualTo(reference.engine.stations());
    assertThat(second.engine.stations()).isEqualTo(reference.engine.stations());
  }

  @Test
  void sameEvents_giveTheSameStoredPoints_whateverTheBatchingAndTicks() {
    Property.forAll(20, Draw::anyLong, EnginePropertiesTest::batchingAndTicksChangeNothing);
  }

  private static void batchingAndTicksChangeNothing(long seed) {
    List<TelemetryEvent> events = stream(seed);
    EngineHarness reference = reference(seed, events);

    EngineHarness batched = harness(policy(seed));
    Random random = new Random(~seed);
    int i = 0;
    while (i < events.size()) {
      int size = Math.min(1 + random.nextInt(60), events.size() - i);
      List<TelemetryEvent> batch = events.subList(i, i + size);
      // a random-access list is warmed ahead in runs; any other iterable is applied as it comes
      batched.engine.acceptAll(random.nextBoolean() ? batch : new LinkedList<>(batch));
      i += size;
      if (i < events.size() && random.nextInt(3) == 0) {
        // A tick may move event time on, but never past what is still to come less the lateness:
        // that would make a coming event late, which is a different stream, not a different timing.
        long oldest = oldestTs(events.subList(i, events.size()));
        long now = oldest + LATENESS.toMillis() - random.nextInt((int) LATENESS.toMillis());
        batched.engine.tick(Instant.ofEpochMilli(now));
      }
    }
    batched.engine.tick(FAR_FUTURE);

    assertThat(
            EngineHarness.diff(
                EngineHarness.asRead(reference.stored()),
                EngineHarness.asRead(batched.stored()),
                8))
        .isEmpty();
    assertThat(batched.engine.stats().late()).isEqualTo(reference.engine.stats().late());
    assertThat(batched.engine.stats().duplicates())
        .isEqualTo(reference.engine.stats().duplicates());
  }

  @Test
  void anyOrderWithinTheHorizon_givesThePointsOfTheOrderedStream() {
    Property.forAll(20, Draw::anyLong, EnginePropertiesTest::orderWithinTheHorizonChangesNothing);
  }

  private static void orderWithinTheHorizonChangesNothing(long seed) {
    EngineHarness ordered = reference(seed, RandomPlantStream.generate(seed, START, MINUTES, 0, 0));
    EngineHarness backfilled = reference(seed, backfilledStream(seed));

    assertThat(
            EngineHarness.diff(
                EngineHarness.asRead(ordered.stored()),
                EngineHarness.asRead(backfilled.stored()),
                8))
        .isEmpty();
    assertThat(backfilled.engine.stats().late()).isZero();
    assertThat(shiftKpisByStation(backfilled)).isEqualTo(shiftKpisByStation(ordered));
  }

  private static Map<String, Kpis> shiftKpisByStation(EngineHarness h) {
    Map<String, Kpis> kpis = new TreeMap<>();
    h.engine.stations().forEach(s -> kpis.put(s.station(), s.shiftKpis()));
    return kpis;
  }

  /** A stream's seed and where in it (in thousandths of its events) the checkpoint is taken. */
  record Cut(long seed, int cutPermille) {}

  @Test
  void checkpointAndRestore_inTheMiddle_changeNothing() {
    Property.forAll(
        20,
        // a checkpoint before the first event and one after the last
        List.of(new Cut(0, 0), new Cut(1, 1000)),
        d -> new Cut(d.anyLong(), d.intBetween(0, 1000)),
        cut -> checkpointAndRestoreChangeNothing(stream(cut.seed()), cut));
  }

  @Test
  void checkpointAndRestore_amongBackfilledEvents_changeNothing() {
    Property.forAll(
        20,
        d -> new Cut(d.anyLong(), d.intBetween(0, 1000)),
        cut -> checkpointAndRestoreChangeNothing(backfilledStream(cut.seed()), cut));
  }

  private static void checkpointAndRestoreChangeNothing(List<TelemetryEvent> events, Cut at)
      throws IOException {
    long seed = at.seed();
    int cutPermille = at.cutPermille();
    EngineHarness reference = reference(seed, events);

    EngineHarness first = harness(policy(seed));
    int cut = events.size() * cutPermille / 1000;
    events.subList(0, cut).forEach(first.engine::accept);
    KpiEngine.Captured captured = first.engine.capture();
    byte[] checkpoint = first.engine.checkpoint();
    // Written to a stream, one station at a time, it is the same bytes, and the stream stays open.
    ByteArrayOutputStream streamed =
        new ByteArrayOutputStream() {
          @Override
          public void close() {
            throw new AssertionError("the checkpoint closed the stream it was given");
          }
        };
    first.engine.checkpoint(streamed);
    assertThat(streamed.toByteArray()).isEqualTo(checkpoint);
    List<Point> emitted = new ArrayList<>(first.emitted);
    KpiEngine restored = KpiEngine.restore(first.model, emitted::add, checkpoint);
    events.subList(cut, events.size()).forEach(restored::accept);
    restored.tick(FAR_FUTURE);

    assertThat(
            EngineHarness.diff(
                EngineHarness.asRead(reference.stored()),
                EngineHarness.asRead(EngineHarness.store(emitted)),
                8))
        .isEmpty();
    assertThat(restored.stats().late()).isEqualTo(reference.engine.stats().late());
    assertThat(restored.stations()).isEqualTo(reference.engine.stations());

    // Captured at the cut and written only after the engine took the rest of the stream, the
    // checkpoint is still the cut's.
    events.subList(cut, events.size()).forEach(first.engine::accept);
    ByteArrayOutputStream late = new ByteArrayOutputStream();
    captured.writeTo(late);
    assertThat(late.toByteArray()).isEqualTo(checkpoint);
  }

  @Test
  void shiftKpis_keepTheirInvariants() {
    Property.forAll(50, Draw::anyLong, EnginePropertiesTest::shiftKpisKeepTheirInvariants);
  }

  private static void shiftKpisKeepTheirInvariants(long seed) {
    EngineHarness h = harness(policy(seed));
    RandomPlantStream.statesAndCounts(seed, START, MINUTES).forEach(h.engine::accept);
    h.engine.tick(FAR_FUTURE);

    List<Point> shiftPoints = h.points("oee", "station", "eol", "window", "shift");
    assertThat(shiftPoints).isNotEmpty();
    Map<String, Double> lossesByShiftAndTime = new HashMap<>();
    for (Point loss : h.points("losses", "station", "eol")) {
      lossesByShiftAndTime.merge(
          loss.tags().get("shift") + "@" + loss.time(),
          (double) loss.fields().get("seconds"),
          Double::sum);
    }
    for (Point point : shiftPoints) {
      Map<String, Object> f = point.fields();
      double planned = (double) f.get("planned_s");
      long good = (long) f.get("good");
      if (f.containsKey("availability")) {
        assertThat((double) f.get("availability")).isBetween(0.0, 1.0);
      }
      if (f.containsKey("quality")) {
        assertThat((double) f.get("quality")).isBetween(0.0, 1.0);
      }
      if (f.containsKey("oee")) {
        // OEE = good count x ideal cycle time / planned time, with one ideal cycle time.
        assertThat((double) f.get("oee"))
            .isCloseTo(good * IDEAL_EOL_MS / 1000 / planned, within(1e-9));
      }
      // The losses add up to planned time less fully productive time (the good units' ideal time).
      double losses = lossesByShiftAndTime.get(point.tags().get("shift") + "@" + point.time());
      assertThat(losses).isCloseTo(planned - good * IDEAL_EOL_MS / 1000, within(1e-6));
    }
  }

  private static long oldestTs(List<TelemetryEvent> events) {
    long oldest = Long.MAX_VALUE;
    for (TelemetryEvent event : events) {
      oldest = Math.min(oldest, event.envelope().ts().toEpochMilli());
    }
    return oldest;
  }
}
