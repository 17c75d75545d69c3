package io.gemba.agent.simulate;

import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.DecodeCounters;
import io.gemba.collector.telemetry.Decoded;
import io.gemba.collector.telemetry.DecoderSettings;
import io.gemba.collector.telemetry.RejectReason;
import io.gemba.collector.telemetry.TelemetryDecoder;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A simulated stream, its messages decoded by the collector's decoder, for the tests. */
final class SimulatedStream {

  /** Monday 2026-11-23, 06:50 in Tlaxcala: ten minutes before shift A. */
  static final Instant MONDAY_0650 =
      LocalDateTime.of(2026, 11, 23, 6, 50).atZone(SimulatedPlant.ZONE).toInstant();

  final SimulatedPlant plant;
  final Instant start;
  final Instant end;
  final List<Outgoing> messages;
  final List<TelemetryEvent> events = new ArrayList<>();
  final Map<Channel, Integer> accepted = new EnumMap<>(Channel.class);
  final Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);

  private SimulatedStream(SimulationOptions options, Instant start, Duration span) {
    PlantGenerator generator = new PlantGenerator(options, start);
    this.plant = generator.plant();
    this.start = start;
    this.end = start.plus(span);
    this.messages = generator.until(end);
    TelemetryDecoder decoder =
        new TelemetryDecoder(
            DecoderSettings.defaults(),
            new DecodeCounters() {
              @Override
              public void accepted(Channel channel, boolean tsMissing) {
                accepted.merge(channel, 1, Integer::sum);
              }

              @Override
              public void rejected(RejectReason reason) {
                rejected.merge(reason, 1, Integer::sum);
              }
            });
    for (Outgoing message : messages) {
      for (Decoded decoded : decoder.decode(message.topic(), message.payload(), end)) {
        if (decoded instanceof TelemetryEvent event) {
          events.add(event);
        }
      }
    }
  }

  /** {@code span} of the plant of {@code options} from {@code start} on, decoded. */
  static SimulatedStream of(SimulationOptions options, Instant start, Duration span) {
    return new SimulatedStream(options, start, span);
  }

  /**
   * Decodes {@code span} of the plant of {@code options} from {@code start} on, one message at a
   * time, keeping none: for spans too long to hold.
   *
   * @return the plant
   * @throws AssertionError if the decoder rejects a message
   */
  static SimulatedPlant decodeEach(
      SimulationOptions options, Instant start, Duration span, Consumer<TelemetryEvent> events) {
    PlantGenerator generator = new PlantGenerator(options, start);
    Instant end = start.plus(span);
    TelemetryDecoder decoder =
        new TelemetryDecoder(DecoderSettings.defaults(), DecodeCounters.NONE);
    while (generator.peekTime().isBefore(end)) {
      Outgoing message = generator.next();
      for (Decoded decoded : decoder.decode(message.topic(), message.payload(), end)) {
        if (!(decoded instanceof TelemetryEvent event)) {
          throw new AssertionError(message + " was rejected: " + decoded);
        }
        events.accept(event);
      }
    }
    return generator.plant();
  }

  /** The decoded events of one channel, in order. */
  <T extends TelemetryEvent> List<T> events(Class<T> type) {
    List<T> found = new ArrayList<>();
    for (TelemetryEvent event : events) {
      if (type.isInstance(event)) {
        found.add(type.cast(event));
      }
    }
    return found;
  }
}
