package io.gemba.agent.metrics;

import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * {@link AgentMetrics} in a Micrometer registry. Names (Prometheus adds {@code _total} to counters
 * and the unit to timers):
 *
 * <ul>
 *   <li>{@code gemba.mqtt.messages.received}: messages from the broker
 *   <li>{@code gemba.events.decoded} (tags {@code channel}, {@code ts_missing}): events decoded
 *   <li>{@code gemba.events.rejected} (tag {@code reason}): events rejected, by the contract's
 *       reason labels
 *   <li>{@code gemba.dead.letters} (tag {@code outcome}: published, dropped): rejected messages
 *       republished to {@code gemba/v1/_dlq/{reason}}, or dropped at the bound or while away
 *   <li>{@code gemba.engine.events} (tag {@code outcome}: applied, duplicate, late, ignored)
 *   <li>{@code gemba.processing.latency}: from a message's arrival to its acknowledgement
 *   <li>{@code gemba.points.written}, {@code gemba.write.latency}: points written and the time a
 *       batch took
 *   <li>{@code gemba.points.not.written} (tag {@code reason}): points given up on
 *   <li>{@code gemba.write.failures} (tag {@code reason}): failed write attempts
 *   <li>{@code gemba.spool.backlog.bytes}, {@code gemba.spool.full} (tag {@code group}): the bytes
 *       of an engine instance's spool not yet written, and 1 while they are at the bound
 *   <li>{@code gemba.write.failing.seconds} (tag {@code group}): how long an engine instance's
 *       spool has failed to write to InfluxDB, none written since; 0 while writes succeed
 *   <li>{@code gemba.spool.damaged.bytes} (tag {@code group}): bytes of an engine instance's spool
 *       its sender skipped as damaged
 *   <li>{@code gemba.mqtt.connected}: 1 while connected to the broker
 *   <li>{@code gemba.mqtt.connect.failures} (tag {@code reason}: tls, auth, unreachable): failed
 *       attempts to connect
 *   <li>{@code gemba.engine.lag.seconds} (tag {@code group}): wall clock less the latest event time
 *       an engine instance applied
 *   <li>{@code gemba.line.oee}, {@code gemba.line.availability}, {@code gemba.line.performance},
 *       {@code gemba.line.quality} (tags {@code site}, {@code area}, {@code line}): the KPIs of
 *       each line's current shift so far; NaN while undefined
 * </ul>
 */
public final class MicrometerAgentMetrics implements AgentMetrics {

  private final MeterRegistry registry;
  private final Clock clock;
  private final Counter received;
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Map<Channel, Counter> decoded = new EnumMap<>(Channel.class);
  private final Map<Channel, Counter> decodedWithoutTs = new EnumMap<>(Channel.class);
  private final Counter applied;
  private final Counter duplicates;
  private final Counter late;
  private final Counter deadLettersPublished;
  private final Counter deadLettersDropped;
  private final Counter ignored;
  private final Timer processing;
  private final Counter written;
  private final Timer writeLatency;
  private final Map<String, Counter> notWritten = new ConcurrentHashMap<>();
  private final Map<String, Counter> writeFailures = new ConcurrentHashMap<>();
  private final Map<String, Counter> connectFailures = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> checkpointBytes = new ConcurrentHashMap<>();
  private final AtomicLong connected = new AtomicLong();
  private final Map<Integer, AtomicLong> eventTimes = new ConcurrentHashMap<>();
  private final Map<String, LineKpis> lines = new ConcurrentHashMap<>();

  /** Metrics in {@code registry}; {@code clock} is the wall clock of the engine lag. */
  public MicrometerAgentMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    received = registry.counter("gemba.mqtt.messages.received");
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, registry.counter("gemba.events.rejected", "reason", reason.label()));
    }
    for (Channel channel : Channel.values()) {
      decoded.put(channel, decodedCounter(channel, false));
      decodedWithoutTs.put(channel, decodedCounter(channel, true));
    }
    applied = registry.counter("gemba.engine.events", "outcome", "applied");
    duplicates = registry.counter("gemba.engine.events", "outcome", "duplicate");
    late = registry.counter("gemba.engine.events", "outcome", "late");
    ignored = registry.counter("gemba.engine.events", "outcome", "ignored");
    deadLettersPublished = registry.counter("gemba.dead.letters", "outcome", "published");
    deadLettersDropped = registry.counter("gemba.dead.letters", "outcome", "dropped");
    processing =
        Timer.builder("gemba.processing.latency")
            .description("from a message's arrival to its acknowledgement")
            .publishPercentileHistogram()
            .register(registry);
    written = registry.counter("gemba.points.written");
    writeLatency =
        Timer.builder("gemba.write.latency")
            .description("time a batch of points took to write")
            .publishPercentileHistogram()
            .register(registry);
    Gauge.builder("gemba.mqtt.connected", connected, AtomicLong::get)
        .description("1 while connected to the broker")
        .register(registry);
  }

  private Counter decodedCounter(Channel channel, boolean tsMissing) {
    return registry.counter(
        "gemba.events.decoded",
        Tags.of("channel", channel.wireName(), "ts_missing", Boolean.toString(tsMissing)));
  }

  /**
   * The counter {@code name} of {@code reason}, registered on first use and kept in {@code
   * counters}.
   */
  private Counter byReason(Map<String, Counter> counters, String name, String reason) {
    return counters.computeIfAbsent(reason, r -> registry.counter(name, "reason", r));
  }

  @Override
  public void received() {
    received.increment();
  }

  @Override
  public void decoded(Channel channel, boolean tsMissing) {
    (tsMissing ? decodedWithoutTs : decoded).get(channel).increment();
  }

  @Override
  public void rejected(RejectReason reason) {
    rejected.get(reason).increment();
  }

  @Override
  public void rejected(RejectReason reason, long count) {
    rejected.get(reason).increment(count);
  }

  @Override
  public void deadLetter(boolean published) {
    (published ? deadLettersPublished : deadLettersDropped).increment();
  }

  @Override
  public void engineOutcomes(long applied, long duplicates, long late, long ignored) {
    this.applied.increment(applied);
    this.duplicates.increment(duplicates);
    this.late.increment(late);
    this.ignored.increment(ignored);
  }

  @Override
  public void processed(long nanos) {
    processing.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void written(int points, long nanos) {
    written.increment(points);
    writeLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void notWritten(int points, String reason) {
    byReason(notWritten, "gemba.points.not.written", reason).increment(points);
  }

  @Override
  public void writeFailed(String reason) {
    byReason(writeFailures, "gemba.write.failures", reason).increment();
  }

  @Override
  public void mqttConnected(boolean isConnected) {
    connected.set(isConnected ? 1 : 0);
  }

  @Override
  public void spool(int group, LongSupplier backlogBytes, long maxBytes) {
    Tags tags = Tags.of("group", Integer.toString(group));
    Gauge.builder("gemba.spool.backlog.bytes", backlogBytes, b -> b.getAsLong())
        .description("bytes of the spool not yet written to InfluxDB")
        .baseUnit("bytes")
        .tags(tags)
        .strongReference(true)
        .register(registry);
    Gauge.builder("gemba.spool.full", backlogBytes, b -> b.getAsLong() >= maxBytes ? 1 : 0)
        .description("1 while the spool is at its bound and the engine instance takes no messages")
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void writesFailing(int group, DoubleSupplier seconds) {
    Gauge.builder("gemba.write.failing", seconds, DoubleSupplier::getAsDouble)
        .description("how long the spool's writes to InfluxDB have failed, none written since")
        .baseUnit("seconds")
        .tags(Tags.of("group", Integer.toString(group)))
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void checkpointed(int group, long captureNanos, long nanos, long bytes) {
    String tag = Integer.toString(group);
    Timer.builder("gemba.spool.checkpoint")
        .description("checkpoints of an engine instance, from capture until durable")
        .tags("group", tag)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    Timer.builder("gemba.spool.checkpoint.capture")
        .description("the capture of an engine instance's state: a pause in its taking messages")
        .tags("group", tag)
        .register(registry)
        .record(captureNanos, TimeUnit.NANOSECONDS);
    checkpointBytes
        .computeIfAbsent(
            tag,
            g -> {
              AtomicLong last = new AtomicLong();
              Gauge.builder("gemba.spool.checkpoint.bytes", last, AtomicLong::get)
                  .description("the size of the engine instance's last checkpoint")
                  .baseUnit("bytes")
                  .tags("group", g)
                  .register(registry);
              return last;
            })
        .set(bytes);
  }

  @Override
  public void spoolDamaged(int group, long bytes) {
    Counter.builder("gemba.spool.damaged.bytes")
        .description(
            "bytes of the spool skipped as damaged (their points read out to dead letters)")
        .baseUnit("bytes")
        .tags("group", Integer.toString(group))
        .register(registry)
        .increment(bytes);
  }

  @Override
  public void mqttConnectFailed(String reason) {
    byReason(connectFailures, "gemba.mqtt.connect.failures", reason).increment();
  }

  @Override
  public void eventTime(int group, long epochMs) {
    eventTimes
        .computeIfAbsent(
            group,
            g -> {
              AtomicLong latest = new AtomicLong(Long.MIN_VALUE);
              Gauge.builder("gemba.engine.lag.seconds", latest, this::lagSeconds)
                  .description("wall clock less the latest event time applied")
                  .tag("group", Integer.toString(g))
                  .register(registry);
              return latest;
            })
        .accumulateAndGet(epochMs, Math::max);
  }

  private double lagSeconds(AtomicLong latest) {
    long ms = latest.get();
    return ms == Long.MIN_VALUE ? Double.NaN : (clock.millis() - ms) / 1000.0;
  }

  @Override
  public void lines(List<LineSnapshot> snapshots) {
    for (LineSnapshot line : snapshots) {
      String key = line.site() + '/' + line.area() + '/' + line.line();
      lines.computeIfAbsent(key, k -> new LineKpis(line)).update(line.shiftKpis());
    }
  }

  /** The gauges of one line; they read the latest KPIs set. */
  private final class LineKpis {
    private volatile Kpis kpis;

    LineKpis(LineSnapshot line) {
      Tags tags = Tags.of("site", line.site(), "area", line.area(), "line", line.line());
      gauge("gemba.line.oee", tags, k -> k.oee());
      gauge("gemba.line.availability", tags, k -> k.availability());
      gauge("gemba.line.performance", tags, k -> k.performance());
      gauge("gemba.line.quality", tags, k -> k.quality());
    }

    private void gauge(String name, Tags tags, java.util.function.ToDoubleFunction<Kpis> of) {
      Gauge.builder(
              name, this, self -> self.kpis == null ? Double.NaN : of.applyAsDouble(self.kpis))
          .tags(tags)
          .register(registry);
    }

    void update(Kpis latest) {
      kpis = latest;
    }
  }
}
