package io.gemba.collector.telemetry;

import java.util.Objects;

/**
 * Channel {@code heartbeat}: the gateway is alive.
 *
 * @param envelope topic, time and sequence
 * @param gateway the gateway's name, or {@code null}
 */
public record Heartbeat(Envelope envelope, String gateway) implements TelemetryEvent {

  /** Builds a heartbeat. */
  public Heartbeat {
    Objects.requireNonNull(envelope, "envelope");
  }

  @Override
  public Channel channel() {
    return Channel.HEARTBEAT;
  }
}
