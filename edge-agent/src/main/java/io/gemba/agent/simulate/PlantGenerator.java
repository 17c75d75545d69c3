package io.gemba.agent.simulate;

import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.TelemetryEncoder;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.gemba.collector.telemetry.Topic;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The messages of a simulated plant, in event-time order: pure and deterministic, with no I/O, no
 * threads and no wall clock. The same options and start give the same bytes, in any JVM.
 *
 * <p>Every message is numbered from 1 without gaps, in the order given, and carries its number as
 * {@code seq}; timestamps are RFC 3339 in the site's offset at the start, to the millisecond. The
 * stream never ends: between shifts, stations send heartbeats. What each station and line publish
 * is described in {@link StationSim}, {@link LineSim} and {@link LeanActivity} (package-private);
 * {@link SimulatedPlant} describes the plant.
 *
 * <p>Not thread-safe: one thread draws the messages.
 */
public final class PlantGenerator {

  private final SimulatedPlant plant;
  private final ZoneOffset offset;
  private final TelemetryEncoder encoder;
  private final PriorityQueue<LineSim> lines =
      new PriorityQueue<>(Comparator.comparingLong(LineSim::next).thenComparingInt(LineSim::index));
  private final ArrayDeque<Outgoing> ready = new ArrayDeque<>();
  private final Map<Topic, String> topicNames = new HashMap<>();
  private final Emitter emitter = this::emit;
  private final Instant start;
  private long number;
  private long lastMs;

  /** The plant of {@code options}, from {@code start} on. */
  public PlantGenerator(SimulationOptions options, Instant start) {
    this(new SimulatedPlant(options), start);
  }

  /**
   * A plant's messages from {@code start} on (truncated to the millisecond).
   *
   * @param plant the plant
   * @param start the event time of the first messages: every line starts an order then, and every
   *     station reports its state
   */
  public PlantGenerator(SimulatedPlant plant, Instant start) {
    this.plant = Objects.requireNonNull(plant, "plant");
    long startMs = Objects.requireNonNull(start, "start").toEpochMilli();
    this.start = Instant.ofEpochMilli(startMs);
    this.offset = SimulatedPlant.ZONE.getRules().getOffset(this.start);
    this.encoder = new TelemetryEncoder(TelemetryEncoder.TimeFormat.RFC_3339, offset);
    this.lastMs = startMs;
    WorkingTime calendar = new WorkingTime(plant.calendar(), startMs);
    for (int i = 0; i < plant.lines().size(); i++) {
      LineSim line = new LineSim(plant, i, calendar, emitter, startMs);
      line.start(startMs);
      lines.add(line);
    }
  }

  /** The plant being simulated. */
  public SimulatedPlant plant() {
    return plant;
  }

  /** The event time of the first messages. */
  public Instant start() {
    return start;
  }

  /** How many messages have been made so far (some may not have been taken yet). */
  public long made() {
    return number;
  }

  /** The next message. There always is one. */
  public Outgoing next() {
    fill();
    return ready.poll();
  }

  /** The event time of the message {@link #next()} returns, without taking it. */
  public Instant peekTime() {
    fill();
    return ready.peek().eventTime();
  }

  /** The next messages with an event time before {@code end}, in order; empty if there are none. */
  public List<Outgoing> until(Instant end) {
    List<Outgoing> messages = new ArrayList<>();
    while (peekTime().isBefore(end)) {
      messages.add(ready.poll());
    }
    return messages;
  }

  private void fill() {
    while (ready.isEmpty()) {
      LineSim line = lines.poll();
      line.step(line.next());
      lines.add(line);
    }
  }

  private void emit(Topic topic, long ms, Function<Envelope, TelemetryEvent> make) {
    if (ms < lastMs) {
      throw new IllegalStateException("event time went back from " + lastMs + " to " + ms);
    }
    lastMs = ms;
    long seq = ++number;
    Envelope envelope = new Envelope(topic, Instant.ofEpochMilli(ms), false, seq);
    TelemetryEvent event = make.apply(envelope);
    byte[] payload =
        event instanceof BatteryTest test
            ? BatteryPayload.encode(test, offset, BatteryTester.MEASUREMENTS)
            : encoder.encode(event);
    String name = topicNames.computeIfAbsent(topic, Topic::toString);
    ready.add(new Outgoing(name, payload, envelope.ts(), seq));
  }
}
