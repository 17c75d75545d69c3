package io.gemba.agent.simulate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One message the simulated plant publishes.
 *
 * <p>Two messages are equal when topic, payload bytes, event time and number are. The payload array
 * is shared, not copied: do not change it.
 *
 * @param topic the MQTT topic, as in {@code gemba/v1/tlx/battery/pack-1/cell-load/count}
 * @param payload the contract JSON, UTF-8
 * @param eventTime its {@code ts}
 * @param number its place in the whole stream, from 1 without gaps; also its {@code seq}
 */
public record Outgoing(String topic, byte[] payload, Instant eventTime, long number) {

  /** Builds a message. */
  public Outgoing {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(eventTime, "eventTime");
  }

  /** The payload as text. */
  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Outgoing other
        && number == other.number
        && topic.equals(other.topic)
        && eventTime.equals(other.eventTime)
        && Arrays.equals(payload, other.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, eventTime, number) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "#" + number + " " + topic + " " + payloadText();
  }
}
