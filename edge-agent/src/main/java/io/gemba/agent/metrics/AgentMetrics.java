package io.gemba.agent.metrics;

import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.RejectReason;
import java.util.List;

/**
 * What the agent counts and measures, behind an interface so that its parts can be tested without a
 * registry. {@link MicrometerAgentMetrics} is the one the agent runs with; metric names and tags
 * are listed there and in docs/operations.md.
 */
public interface AgentMetrics {

  /** A message came in from the broker. */
  void received();

  /** An event (a message or an element of a batch) was decoded, on {@code channel}. */
  void decoded(Channel channel, boolean tsMissing);

  /** An event was rejected, with its reason. */
  void rejected(RejectReason reason);

  /** A rejected message was republished to the dead-letter topic, or dropped at its bound. */
  void deadLetter(boolean published);

  /** {@code count} events were rejected, with {@code reason}. */
  void rejected(RejectReason reason, long count);

  /** Events the engine applied, or found duplicate, late or had no use for. */
  void engineOutcomes(long applied, long duplicates, long late, long ignored);

  /** A message was processed (decoded, applied and acknowledged) {@code nanos} after it came in. */
  void processed(long nanos);

  /** Points were written to the time-series database in {@code nanos}. */
  void written(int points, long nanos);

  /** Points were not written: {@code reason} is a short word such as {@code buffer_full}. */
  void notWritten(int points, String reason);

  /** A write failed (and will be tried again while the points are kept). */
  void writeFailed(String reason);

  /**
   * The spool of engine instance {@code group}: how many bytes of it are not yet written to
   * InfluxDB, read when the metrics are scraped, and the bound at which the instance pauses.
   */
  void spool(int group, java.util.function.LongSupplier backlogBytes, long maxBytes);

  /**
   * The sender of engine instance {@code group}'s spool: for how many seconds its writes have
   * failed with none written since (0 while they succeed), read when the metrics are scraped.
   */
  void writesFailing(int group, java.util.function.DoubleSupplier seconds);

  /**
   * Engine instance {@code group} kept a checkpoint of {@code bytes}: capturing its state took
   * {@code captureNanos} of its event loop, and writing it, {@code nanos} in all.
   */
  void checkpointed(int group, long captureNanos, long nanos, long bytes);

  /**
   * The sender of engine instance {@code group}'s spool skipped {@code bytes} of it that were
   * damaged (what could be read of their points went to the dead letters).
   */
  void spoolDamaged(int group, long bytes);

  /** Whether the MQTT client is connected. */
  void mqttConnected(boolean connected);

  /**
   * A connection attempt to the broker failed: {@code tls} (handshake: certificate, trust, host
   * name), {@code auth} (user name or password refused, not authorized) or {@code unreachable}.
   */
  void mqttConnectFailed(String reason);

  /** The latest event time engine instance {@code group} has applied, in epoch milliseconds. */
  void eventTime(int group, long epochMs);

  /** The current KPIs of the lines of one engine instance. */
  void lines(List<LineSnapshot> lines);

  /** Metrics that count nothing, for tests of parts that do not look at them. */
  static AgentMetrics none() {
    return NoMetrics.INSTANCE;
  }
}
