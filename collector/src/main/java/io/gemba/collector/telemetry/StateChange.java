package io.gemba.collector.telemetry;

import java.util.Objects;

/**
 * Channel {@code state}: the station entered {@code state}, which holds until its next state.
 *
 * @param envelope topic, time and sequence
 * @param state the new state, as sent or mapped from {@code code}
 * @param reason the reason code (at most 64 characters), or {@code null}
 * @param code the PLC state code the gateway sent, or {@code null} when it sent a state name
 */
public record StateChange(Envelope envelope, MachineState state, String reason, Integer code)
    implements TelemetryEvent {

  /** Builds a state change. */
  public StateChange {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(state, "state");
  }

  @Override
  public Channel channel() {
    return Channel.STATE;
  }
}
