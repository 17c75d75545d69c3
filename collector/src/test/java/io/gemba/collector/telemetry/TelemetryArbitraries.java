package io.gemba.collector.telemetry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of valid telemetry: topics, envelopes and one event type per channel. */
final class TelemetryArbitraries {

  /** The arrival time of generated messages: the event time of those without {@code ts}. */
  static final Instant ARRIVAL = Instant.parse("2026-11-26T01:30:00Z");

  private static final long FROM = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
  private static final long TO = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();

  private TelemetryArbitraries() {}

  /** An event encoded with one time format, with what it is expected to decode to. */
  record Encoded(TelemetryEvent event, TelemetryEncoder.TimeFormat format, ZoneOffset offset) {
    byte[] payload() {
      return new TelemetryEncoder(format, offset).encode(event);
    }
  }

  static Arbitrary<Encoded> encodedEvents() {
    return Combinators.combine(
            Arbitraries.of(TelemetryEncoder.TimeFormat.class),
            Arbitraries.integers().between(-12 * 60, 14 * 60).map(m -> m * 60),
            channels())
        .flatAs(
            (format, offsetSeconds, channel) ->
                topics(channel)
                    .flatMap(topic -> events(topic, format))
                    .map(
                        event ->
                            new Encoded(event, format, ZoneOffset.ofTotalSeconds(offsetSeconds))));
  }

  static Arbitrary<Channel> channels() {
    return Arbitraries.of(Channel.class);
  }

  /** A topic on {@code channel}: a station, or for channels that allow it a line or an area. */
  static Arbitrary<Topic> topics(Channel channel) {
    Arbitrary<String> name = names();
    Arbitrary<String> station =
        channel.needsStation() ? name : Arbitraries.oneOf(name, Arbitraries.just(Topic.WHOLE));
    return Combinators.combine(name, name, name, station)
        .as(
            (site, area, line, st) ->
                !channel.needsStation() && st.equals(Topic.WHOLE) && site.length() % 3 == 0
                    ? new Topic(site, area, Topic.WHOLE, Topic.WHOLE, channel)
                    : new Topic(site, area, line, st, channel));
  }

  static Arbitrary<String> names() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withCharRange('0', '9')
        .withChars('_', '-')
        .ofMinLength(1)
        .ofMaxLength(Topic.MAX_NAME_LENGTH)
        .filter(name -> !name.equals(Topic.WHOLE));
  }

  /** Printable text of Latin, Japanese and Urdu letters: no control characters. */
  static Arbitrary<String> text(int maxLength) {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u00a0', '\u024f')
        .withCharRange('\u3040', '\u30ff')
        .withCharRange('\u0600', '\u06ff')
        .ofMinLength(1)
        .ofMaxLength(maxLength);
  }

  static Arbitrary<Envelope> envelopes(Topic topic, TelemetryEncoder.TimeFormat format) {
    Arbitrary<Instant> ts =
        Combinators.combine(
                Arbitraries.longs().between(FROM, TO),
                Arbitraries.integers().between(0, 999_999_999))
            .as(Instant::ofEpochSecond)
            .map(
                t ->
                    format == TelemetryEncoder.TimeFormat.EPOCH_MILLIS
                        ? t.truncatedTo(ChronoUnit.MILLIS)
                        : t);
    Arbitrary<Long> seq =
        Arbitraries.oneOf(
            Arbitraries.just(Envelope.NO_SEQ), Arbitraries.longs().between(0, Long.MAX_VALUE));
    return Combinators.combine(
            ts, Arbitraries.frequency(Tuple.of(1, true), Tuple.of(4, false)), seq)
        .as((t, missing, s) -> new Envelope(topic, missing ? ARRIVAL : t, missing, s));
  }

  static Arbitrary<TelemetryEvent> events(Topic topic, TelemetryEncoder.TimeFormat format) {
    Arbitrary<Envelope> envelope = envelopes(topic, format);
    Arbitrary<? extends TelemetryEvent> event =
        switch (topic.channel()) {
          case STATE -> states(envelope);
          case COUNT -> counts(envelope);
          case ORDER -> orders(envelope);
          case CYCLE -> cycles(envelope);
          case BATTERY -> batteryTests(envelope);
          case PART -> parts(envelope);
          case AUDIT5S -> audits(envelope);
          case KAIZEN -> kaizens(envelope);
          case HEARTBEAT ->
              Combinators.combine(envelope, text(JsonFields.LABEL_LENGTH).injectNull(0.3))
                  .as(Heartbeat::new);
        };
    return event.map(TelemetryEvent.class::cast);
  }

  private static Arbitrary<StateChange> states(Arbitrary<Envelope> envelope) {
    return Combinators.combine(
            envelope,
            Arbitraries.of(MachineState.class),
            text(JsonFields.LABEL_LENGTH).injectNull(0.3),
            Arbitraries.integers().injectNull(0.5))
        .as(StateChange::new);
  }

  private static Arbitrary<CounterReading> counts(Arbitrary<Envelope> envelope) {
    return Combinators.combine(
            envelope,
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.integers().between(0, 2))
        .as(
            (env, total, goodShare, form) -> {
              long good = (long) (total * goodShare);
              good = Math.min(Math.max(good, 0), total);
              return switch (form) {
                case 0 -> new CounterReading(env, total, good, null);
                case 1 -> new CounterReading(env, total, null, total - good);
                default -> new CounterReading(env, total, good, total - good);
              };
            });
  }

  private static Arbitrary<OrderEvent> orders(Arbitrary<Envelope> envelope) {
    return Combinators.combine(
            envelope,
            Arbitraries.of(OrderEvent.Kind.class),
            text(JsonFields.LABEL_LENGTH),
            text(JsonFields.LABEL_LENGTH),
            Arbitraries.longs().between(0, Integer.MAX_VALUE).injectNull(0.3),
            Arbitraries.longs().between(1, ChannelReaders.MAX_CYCLE_MS).injectNull(0.3),
            Arbitraries.of(true, false))
        .as(
            (env, kind, order, product, qty, ideal, withProduct) ->
                new OrderEvent(
                    env,
                    kind,
                    order,
                    kind == OrderEvent.Kind.START || withProduct ? product : null,
                    qty,
                    ideal));
  }

  private static Arbitrary<CycleCompleted> cycles(Arbitrary<Envelope> envelope) {
    return Combinators.combine(
            envelope,
            Arbitraries.longs().between(0, ChannelReaders.MAX_CYCLE_MS),
            Arbitraries.of(CycleCompleted.Result.class),
            text(JsonFields.LABEL_LENGTH).injectNull(0.3),
            text(JsonFields.LABEL_LENGTH).injectNull(0.3))
        .as(CycleCompleted::new);
  }

  private static Arbitrary<BatteryTest> batteryTests(Arbitrary<Envelope> envelope) {
    Arbitrary<Double> value =
        Arbitraries.oneOf(
            Arbitraries.doubles().between(-1e6, 1e6),
            Arbitraries.doubles().between(-Double.MAX_VALUE, Double.MAX_VALUE));
    return Combinators.combine(
            envelope,
            text(JsonFields.LABEL_LENGTH),
            text(JsonFields.LABEL_LENGTH),
            Arbitraries.of(true, false),
            Arbitraries.of(BatteryTest.Verdict.class).injectNull(0.3),
            Arbitraries.maps(names(), value)
                .ofMinSize(1)
                .ofMaxSize(ChannelReaders.MAX_MEASUREMENTS))
        .as(BatteryTest::new);
  }

  private static Arbitrary<PartConsumed> parts(Arbitrary<Envelope> envelope) {
    return Combinators.combine(
            envelope,
            text(JsonFields.LABEL_LENGTH),
            text(JsonFields.TEXT_LENGTH).injectNull(0.3),
            Arbitraries.of(Locale.getISOCountries()),
            Arbitraries.doubles().between(1e-6, 1e9).ofScale(6),
            Arbitraries.doubles().between(0, 1e12).injectNull(0.3))
        .as(PartConsumed::new);
  }

  private static Arbitrary<Audit5s> audits(Arbitrary<Envelope> envelope) {
    Arbitrary<Double> max =
        Arbitraries.oneOf(
            Arbitraries.of(5.0, 10.0, 100.0),
            Arbitraries.doubles().between(0.5, ChannelReaders.MAX_5S_SCALE));
    Arbitrary<Integer> tags = Arbitraries.integers().between(0, 1000).injectNull(0.3);
    return max.flatMap(
        m -> {
          Arbitrary<Double> score = Arbitraries.doubles().between(0, m);
          Arbitrary<Audit5s.Scores> scores =
              Combinators.combine(score, score, score, score, score).as(Audit5s.Scores::new);
          return Combinators.combine(
                  envelope, text(JsonFields.TEXT_LENGTH).injectNull(0.3), scores, tags, tags)
              .as(
                  (env, auditor, s, opened, closed) ->
                      new Audit5s(env, auditor, m, s, opened, closed));
        });
  }

  private static Arbitrary<KaizenUpdate> kaizens(Arbitrary<Envelope> envelope) {
    return Combinators.combine(
            envelope,
            text(JsonFields.LABEL_LENGTH),
            Arbitraries.of(KaizenUpdate.Status.class),
            Arbitraries.of(KaizenUpdate.Category.class),
            text(JsonFields.TEXT_LENGTH).injectNull(0.3),
            Arbitraries.doubles().between(0, 1e12).injectNull(0.3),
            Arbitraries.of(KaizenUpdate.TargetKpi.class).injectNull(0.3))
        .as(KaizenUpdate::new);
  }
}
