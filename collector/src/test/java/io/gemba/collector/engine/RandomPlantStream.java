package io.gemba.collector.engine;

import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.CounterReading;
import io.gemba.collector.telemetry.CycleCompleted;
import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.Heartbeat;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.OrderEvent;
import io.gemba.collector.telemetry.StateChange;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.gemba.collector.telemetry.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random but plausible stream of a line for property tests: stations {@code cell}, {@code press}
 * (cycles and battery tests) and {@code eol} (counters), with states (stops short and long),
 * counter readings (with resets), cycles, battery tests (some serials tested again), orders and
 * heartbeats, each station in time order. Then a share of events is delayed (delivered later, by
 * less than {@code maxDelayMs}) and some are delivered twice.
 */
final class RandomPlantStream {

  static final String[] STATIONS = {"cell", "press", "eol"};
  private static final MachineState[] STATES = MachineState.values();

  private RandomPlantStream() {}

  /**
   * The events in delivery order.
   *
   * @param seed the random seed
   * @param from the first event time
   * @param minutes how long the stream lasts in event time
   * @param delayedShare the share of events delivered late, within {@code maxDelayMs}
   * @param maxDelayMs the most an event is delivered after its successors' time
   */
  static List<TelemetryEvent> generate(
      long seed, Instant from, int minutes, double delayedShare, long maxDelayMs) {
    Random random = new Random(seed);
    List<TelemetryEvent> inOrder = new ArrayList<>();
    long end = from.toEpochMilli() + minutes * 60_000L;
    long seq = 0;
    for (String station : STATIONS) {
      long t = from.toEpochMilli() + random.nextInt(60_000);
      long total = 5_000 + random.nextInt(1_000);
      long scrap = random.nextInt(50);
      int order = 0;
      String product = "P1";
      while (t < end) {
        Envelope envelope =
            new Envelope(
                topic(station, channelFor(random, station)), Instant.ofEpochMilli(t), false, seq++);
        TelemetryEvent event =
            switch (envelope.topic().channel()) {
              case STATE ->
                  new StateChange(
                      envelope,
                      STATES[random.nextInt(10) < 5 ? 0 : random.nextInt(STATES.length)],
                      random.nextBoolean() ? null : "R" + random.nextInt(3),
                      null);
              case COUNT -> {
                if (random.nextInt(40) == 0) {
                  total = random.nextInt(5); // the PLC resets
                  scrap = 0;
                } else {
                  long made = random.nextInt(4);
                  long scrapped = random.nextInt(10) == 0 ? Math.min(made, 1) : 0;
                  total += made;
                  scrap += scrapped;
                }
                yield new CounterReading(envelope, total, null, Math.min(scrap, total));
              }
              case CYCLE ->
                  new CycleCompleted(
                      envelope,
                      40_000 + random.nextInt(30_000),
                      random.nextInt(20) == 0
                          ? CycleCompleted.Result.NOK
                          : CycleCompleted.Result.OK,
                      random.nextInt(10) == 0 ? null : product,
                      null);
              case ORDER -> {
                order++;
                product = random.nextBoolean() ? "P1" : "P2";
                yield random.nextInt(3) == 0
                    ? new OrderEvent(
                        envelope, OrderEvent.Kind.END, "WO-" + (order - 1), null, null, null)
                    : new OrderEvent(
                        envelope,
                        OrderEvent.Kind.START,
                        "WO-" + order,
                        product,
                        null,
                        random.nextBoolean() ? null : 30_000L + random.nextInt(40_000));
              }
              case BATTERY ->
                  new BatteryTest(
                      envelope,
                      "SN-" + random.nextInt(40), // some serials come again: retests
                      random.nextInt(5) == 0 ? "P2" : "P1",
                      random.nextInt(8) == 0,
                      random.nextInt(3) == 0
                          ? null
                          : random.nextInt(10) == 0
                              ? BatteryTest.Verdict.FAIL
                              : BatteryTest.Verdict.PASS,
                      random.nextInt(4) == 0
                          ? Map.of("ocv_v", 202 + random.nextGaussian())
                          : Map.of(
                              "ocv_v",
                              202 + random.nextGaussian(),
                              "dcir_mohm",
                              85 + 2 * random.nextGaussian()));
              default -> new Heartbeat(envelope, null);
            };
        inOrder.add(event);
        t += 1_000 + random.nextInt(random.nextInt(10) == 0 ? 600_000 : 120_000);
      }
    }
    inOrder.sort((a, b) -> a.envelope().ts().compareTo(b.envelope().ts()));
    return deliver(random, inOrder, delayedShare, maxDelayMs);
  }

  /**
   * Station {@code eol} only, with states and counters only (one product, no orders), in time
   * order: for invariants that need one ideal cycle time.
   */
  static List<TelemetryEvent> statesAndCounts(long seed, Instant from, int minutes) {
    Random random = new Random(seed);
    List<TelemetryEvent> events = new ArrayList<>();
    long t = from.toEpochMilli();
    long end = t + minutes * 60_000L;
    long total = 0;
    long scrap = 0;
    long seq = 0;
    while (t < end) {
      if (random.nextInt(4) == 0) {
        Envelope envelope =
            new Envelope(topic("eol", Channel.STATE), Instant.ofEpochMilli(t), false, seq++);
        MachineState state = STATES[random.nextInt(2) == 0 ? 0 : random.nextInt(STATES.length)];
        events.add(new StateChange(envelope, state, null, null));
      } else {
        Envelope envelope =
            new Envelope(topic("eol", Channel.COUNT), Instant.ofEpochMilli(t), false, seq++);
        long made = random.nextInt(3);
        total += made;
        scrap += random.nextInt(8) == 0 ? made : 0;
        events.add(new CounterReading(envelope, total, null, scrap));
      }
      t += 1_000 + random.nextInt(random.nextInt(8) == 0 ? 400_000 : 90_000);
    }
    return events;
  }

  /** Delays a share of the events (by less than {@code maxDelayMs}) and repeats a few. */
  private static List<TelemetryEvent> deliver(
      Random random, List<TelemetryEvent> inOrder, double delayedShare, long maxDelayMs) {
    List<long[]> keys = new ArrayList<>();
    for (int i = 0; i < inOrder.size(); i++) {
      long ts = inOrder.get(i).envelope().ts().toEpochMilli();
      long delay =
          random.nextDouble() < delayedShare ? (long) (random.nextDouble() * maxDelayMs) : 0;
      keys.add(new long[] {ts + delay, i});
      if (random.nextInt(50) == 0) {
        keys.add(new long[] {ts + delay + random.nextInt(30_000), i}); // delivered twice
      }
    }
    keys.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    List<TelemetryEvent> delivered = new ArrayList<>(keys.size());
    for (long[] key : keys) {
      delivered.add(inOrder.get((int) key[1]));
    }
    return Collections.unmodifiableList(delivered);
  }

  private static Channel channelFor(Random random, String station) {
    int r = random.nextInt(100);
    if (r < 25) {
      return Channel.STATE;
    }
    if (r < 80) {
      return station.equals("press") ? Channel.CYCLE : Channel.COUNT;
    }
    if (r < 85) {
      return Channel.ORDER;
    }
    if (r < 92 && station.equals("eol")) {
      return Channel.CYCLE; // cycles of a station with counters: not counted twice
    }
    if (r < 92 && station.equals("press")) {
      return Channel.BATTERY; // battery tests of a station with cycles: both are units
    }
    return Channel.HEARTBEAT;
  }

  static Topic topic(String station, Channel channel) {
    return new Topic(EngineHarness.SITE, EngineHarness.AREA, EngineHarness.LINE, station, channel);
  }
}
