package io.gemba.collector.telemetry;

import java.util.Objects;

/**
 * Channel {@code cycle}: one unit produced, with its actual cycle time.
 *
 * @param envelope topic, time and sequence
 * @param cycleMs the actual cycle time in milliseconds
 * @param result OK or NOK
 * @param product the product, or {@code null}
 * @param serial the unit's serial number, or {@code null}
 */
public record CycleCompleted(
    Envelope envelope, long cycleMs, Result result, String product, String serial)
    implements TelemetryEvent {

  /** The station's verdict on the unit. */
  public enum Result {
    OK,
    NOK
  }

  /** Builds a completed cycle. */
  public CycleCompleted {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(result, "result");
  }

  @Override
  public Channel channel() {
    return Channel.CYCLE;
  }
}
