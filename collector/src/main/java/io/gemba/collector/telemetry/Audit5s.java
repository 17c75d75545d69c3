package io.gemba.collector.telemetry;

import java.util.Objects;

/**
 * Channel {@code audit5s}: the result of a 5S audit of a station, line or area.
 *
 * @param envelope topic, time and sequence
 * @param auditor who audited, or {@code null}
 * @param max the highest score of a pillar
 * @param scores the five pillars' scores, each from 0 to {@code max}
 * @param redTagsOpened red tags opened in this audit, or {@code null}
 * @param redTagsClosed red tags closed since the last audit, or {@code null}
 */
public record Audit5s(
    Envelope envelope,
    String auditor,
    double max,
    Scores scores,
    Integer redTagsOpened,
    Integer redTagsClosed)
    implements TelemetryEvent {

  /**
   * The score of each pillar: sort (seiri), set in order (seiton), shine (seiso), standardize
   * (seiketsu), sustain (shitsuke).
   */
  public record Scores(
      double sort, double setInOrder, double shine, double standardize, double sustain) {

    /** The sum of the five pillars. */
    public double total() {
      return sort + setInOrder + shine + standardize + sustain;
    }
  }

  /** Builds an audit result. */
  public Audit5s {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(scores, "scores");
  }

  @Override
  public Channel channel() {
    return Channel.AUDIT5S;
  }
}
