package io.gemba.collector.telemetry;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drops redelivered messages: an event whose {@code (topic, seq)} was seen recently, with the same
 * {@code ts}, is a duplicate (an MQTT QoS 1 redelivery repeats the payload exactly).
 *
 * <p>Memory is bounded. Each topic remembers its last {@code window} sequence numbers in a table
 * indexed by {@code seq % window}, so a redelivery is caught while fewer than {@code window} newer
 * sequence numbers have arrived on its topic. At most {@code maxTopics} topics are remembered; the
 * one least recently seen is forgotten first. Comparing {@code ts} as well keeps a publisher that
 * restarted its numbering from having its new messages dropped. Events without {@code seq} are
 * never duplicates.
 *
 * <p>Not thread-safe: each instance belongs to the thread that owns its stations.
 */
public final class DuplicateFilter {

  /** Default sequence numbers remembered per topic. */
  public static final int DEFAULT_WINDOW = 64;

  /** Default topics remembered. */
  public static final int DEFAULT_MAX_TOPICS = 10_000;

  private static final int NO_TS = -1;

  private final int window;
  private final int maxTopics;
  private final Map<Topic, Recent> topics;
  private long forgottenTopics;

  /** A filter with the default window and topic bound. */
  public DuplicateFilter() {
    this(DEFAULT_WINDOW, DEFAULT_MAX_TOPICS);
  }

  /**
   * A filter.
   *
   * @param window sequence numbers remembered per topic
   * @param maxTopics topics remembered
   */
  public DuplicateFilter(int window, int maxTopics) {
    if (window < 1 || maxTopics < 1) {
      throw new IllegalArgumentException(
          "window and maxTopics must be at least 1: " + window + ", " + maxTopics);
    }
    this.window = window;
    this.maxTopics = maxTopics;
    this.topics = new LinkedHashMap<>(16, 0.75f, true);
  }

  /**
   * Whether {@code event} repeats one seen before; if not, it is remembered.
   *
   * @return true when the event is a duplicate and should be dropped
   */
  public boolean isDuplicate(TelemetryEvent event) {
    Envelope envelope = event.envelope();
    long seq = envelope.seq();
    if (seq == Envelope.NO_SEQ) {
      return false;
    }
    Recent recent = topics.get(envelope.topic());
    if (recent == null) {
      recent = new Recent(window);
      topics.put(envelope.topic(), recent);
      if (topics.size() > maxTopics) {
        var eldest = topics.keySet().iterator();
        eldest.next();
        eldest.remove();
        forgottenTopics++;
      }
    }
    Instant ts = envelope.ts();
    long seconds = envelope.tsMissing() ? 0 : ts.getEpochSecond();
    int nanos = envelope.tsMissing() ? NO_TS : ts.getNano();
    int slot = (int) (seq % window);
    if (recent.seq[slot] == seq && recent.seconds[slot] == seconds && recent.nanos[slot] == nanos) {
      return true;
    }
    recent.seq[slot] = seq;
    recent.seconds[slot] = seconds;
    recent.nanos[slot] = nanos;
    return false;
  }

  /** How many topics are remembered now. */
  public int topics() {
    return topics.size();
  }

  /** How many topics were forgotten because more than {@code maxTopics} were seen. */
  public long forgottenTopics() {
    return forgottenTopics;
  }

  /** The last sequence numbers of one topic, by {@code seq % window}. */
  private static final class Recent {
    final long[] seq;
    final long[] seconds;
    final int[] nanos;

    Recent(int window) {
      seq = new long[window];
      Arrays.fill(seq, Envelope.NO_SEQ);
      seconds = new long[window];
      nanos = new int[window];
    }
  }
}
