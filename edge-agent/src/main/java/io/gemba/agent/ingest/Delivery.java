package io.gemba.agent.ingest;

import java.time.Instant;

/**
 * A message as the broker delivered it, copied off the MQTT client's thread.
 *
 * @param topic the topic it came on
 * @param payload its bytes (a copy, owned by the agent)
 * @param messageId the MQTT packet id, to acknowledge it; 0 for QoS 0
 * @param qos the QoS it was delivered at
 * @param arrival the wall-clock time it came in: the event time of an object without {@code ts}
 * @param arrivalNanos the {@link io.gemba.agent.timing.Ticker} time it came in, for the processing
 *     latency
 * @param connection which connection of the session delivered it: a packet id means something only
 *     on its connection, so a message is acknowledged only on the one that delivered it
 */
public record Delivery(
    String topic,
    byte[] payload,
    int messageId,
    int qos,
    Instant arrival,
    long arrivalNanos,
    long connection)
    implements Message {}
