package io.gemba.collector.telemetry;

import io.gemba.collector.proptest.Chars;
import io.gemba.collector.proptest.Draw;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Generators of valid telemetry: topics, envelopes and one event type per channel. */
final class TelemetryGenerators {

  /** The arrival time of generated messages: the event time of those without {@code ts}. */
  static final Instant ARRIVAL = Instant.parse("2026-11-26T01:30:00Z");

  private static final long FROM = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
  private static final long TO = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();

  /** The characters of topic names. */
  private static final Chars NAME_CHARS = Chars.ranges('a', 'z', 'A', 'Z', '0', '9').with('_', '-');

  /** Printable text of Latin, Japanese and Urdu letters: no control characters. */
  private static final Chars TEXT_CHARS =
      Chars.ranges(' ', '~', '\u00a0', '\u024f', '\u3040', '\u30ff', '\u0600', '\u06ff');

  private static final String[] COUNTRIES = Locale.getISOCountries();

  private TelemetryGenerators() {}

  /** An event encoded with one time format, with what it is expected to decode to. */
  record Encoded(TelemetryEvent event, TelemetryEncoder.TimeFormat format, ZoneOffset offset) {
    byte[] payload() {
      return new TelemetryEncoder(format, offset).encode(event);
    }
  }

  static Encoded encodedEvent(Draw d) {
    TelemetryEncoder.TimeFormat format = d.pick(TelemetryEncoder.TimeFormat.class);
    int offsetSeconds = d.intBetween(-12 * 60, 14 * 60) * 60;
    Topic topic = topic(d);
    return new Encoded(event(d, topic, format), format, ZoneOffset.ofTotalSeconds(offsetSeconds));
  }

  /** A topic on a random channel. */
  static Topic topic(Draw d) {
    return topic(d, d.pick(Channel.class));
  }

  /** A topic on {@code channel}: a station, or for channels that allow it a line or an area. */
  static Topic topic(Draw d, Channel channel) {
    String site = name(d);
    String area = name(d);
    String line = name(d);
    String station = channel.needsStation() || d.bool() ? name(d) : Topic.WHOLE;
    return !channel.needsStation() && station.equals(Topic.WHOLE) && site.length() % 3 == 0
        ? new Topic(site, area, Topic.WHOLE, Topic.WHOLE, channel)
        : new Topic(site, area, line, station, channel);
  }

  /** A topic level: 1 to 64 letters, digits, {@code _} and {@code -}, not {@code _} alone. */
  static String name(Draw d) {
    String name;
    do {
      name = d.string(1, Topic.MAX_NAME_LENGTH, NAME_CHARS);
    } while (name.equals(Topic.WHOLE));
    return name;
  }

  /** Printable text of 1 to {@code maxLength} characters. */
  static String text(Draw d, int maxLength) {
    return d.string(1, maxLength, TEXT_CHARS);
  }

  private static String label(Draw d) {
    return text(d, JsonFields.LABEL_LENGTH);
  }

  private static String longText(Draw d) {
    return text(d, JsonFields.TEXT_LENGTH);
  }

  static Envelope envelope(Draw d, Topic topic, TelemetryEncoder.TimeFormat format) {
    Instant ts = Instant.ofEpochSecond(d.longBetween(FROM, TO), d.intBetween(0, 999_999_999));
    if (format == TelemetryEncoder.TimeFormat.EPOCH_MILLIS) {
      ts = ts.truncatedTo(ChronoUnit.MILLIS);
    }
    boolean missing = d.chance(0.2);
    long seq = d.bool() ? Envelope.NO_SEQ : d.longBetween(0, Long.MAX_VALUE);
    return new Envelope(topic, missing ? ARRIVAL : ts, missing, seq);
  }

  static TelemetryEvent event(Draw d, Topic topic, TelemetryEncoder.TimeFormat format) {
    Envelope envelope = envelope(d, topic, format);
    return switch (topic.channel()) {
      case STATE -> state(d, envelope);
      case COUNT -> count(d, envelope);
      case ORDER -> order(d, envelope);
      case CYCLE -> cycle(d, envelope);
      case BATTERY -> batteryTest(d, envelope);
      case PART -> part(d, envelope);
      case AUDIT5S -> audit(d, envelope);
      case KAIZEN -> kaizen(d, envelope);
      case HEARTBEAT -> new Heartbeat(envelope, d.orNull(0.3, TelemetryGenerators::label));
    };
  }

  private static StateChange state(Draw d, Envelope envelope) {
    return new StateChange(
        envelope,
        d.pick(MachineState.class),
        d.orNull(0.3, TelemetryGenerators::label),
        d.orNull(0.5, Draw::anyInt));
  }

  private static CounterReading count(Draw d, Envelope envelope) {
    long total = d.longBetween(0, Long.MAX_VALUE);
    long good = (long) (total * d.doubleBetween(0, 1));
    good = Math.min(Math.max(good, 0), total);
    return switch (d.intBetween(0, 2)) {
      case 0 -> new CounterReading(envelope, total, good, null);
      case 1 -> new CounterReading(envelope, total, null, total - good);
      default -> new CounterReading(envelope, total, good, total - good);
    };
  }

  private static OrderEvent order(Draw d, Envelope envelope) {
    OrderEvent.Kind kind = d.pick(OrderEvent.Kind.class);
    String order = label(d);
    String product = label(d);
    Long qty = d.orNull(0.3, e -> e.longBetween(0, Integer.MAX_VALUE));
    Long ideal = d.orNull(0.3, e -> e.longBetween(1, ChannelReaders.MAX_CYCLE_MS));
    boolean withProduct = d.bool();
    return new OrderEvent(
        envelope,
        kind,
        order,
        kind == OrderEvent.Kind.START || withProduct ? product : null,
        qty,
        ideal);
  }

  private static CycleCompleted cycle(Draw d, Envelope envelope) {
    return new CycleCompleted(
        envelope,
        d.longBetween(0, ChannelReaders.MAX_CYCLE_MS),
        d.pick(CycleCompleted.Result.class),
        d.orNull(0.3, TelemetryGenerators::label),
        d.orNull(0.3, TelemetryGenerators::label));
  }

  private static BatteryTest batteryTest(Draw d, Envelope envelope) {
    return new BatteryTest(
        envelope,
        label(d),
        label(d),
        d.bool(),
        d.orNull(0.3, e -> e.pick(BatteryTest.Verdict.class)),
        d.mapOf(
            1,
            ChannelReaders.MAX_MEASUREMENTS,
            TelemetryGenerators::name,
            e ->
                e.bool()
                    ? e.doubleBetween(-1e6, 1e6)
                    : e.doubleBetween(-Double.MAX_VALUE, Double.MAX_VALUE)));
  }

  private static PartConsumed part(Draw d, Envelope envelope) {
    return new PartConsumed(
        envelope,
        label(d),
        d.orNull(0.3, TelemetryGenerators::longText),
        d.orNull(0.1, e -> e.pick(COUNTRIES)),
        d.doubleBetween(1e-6, 1e9, 6),
        d.orNull(0.3, e -> e.doubleBetween(0, 1e12)));
  }

  private static Audit5s audit(Draw d, Envelope envelope) {
    double max =
        d.bool() ? d.pick(5.0, 10.0, 100.0) : d.doubleBetween(0.5, ChannelReaders.MAX_5S_SCALE);
    String auditor = d.orNull(0.3, TelemetryGenerators::longText);
    Audit5s.Scores scores =
        new Audit5s.Scores(
            d.doubleBetween(0, max),
            d.doubleBetween(0, max),
            d.doubleBetween(0, max),
            d.doubleBetween(0, max),
            d.doubleBetween(0, max));
    Integer opened = d.orNull(0.3, e -> e.intBetween(0, 1000));
    Integer closed = d.orNull(0.3, e -> e.intBetween(0, 1000));
    return new Audit5s(envelope, auditor, max, scores, opened, closed);
  }

  private static KaizenUpdate kaizen(Draw d, Envelope envelope) {
    return new KaizenUpdate(
        envelope,
        label(d),
        d.pick(KaizenUpdate.Status.class),
        d.pick(KaizenUpdate.Category.class),
        d.orNull(0.3, TelemetryGenerators::longText),
        d.orNull(0.3, e -> e.doubleBetween(0, 1e12)),
        d.orNull(0.3, e -> e.pick(KaizenUpdate.TargetKpi.class)));
  }
}
