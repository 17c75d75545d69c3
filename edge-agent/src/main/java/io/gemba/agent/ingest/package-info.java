/**
 * The start of the path: the agent's MQTT session ({@link io.gemba.agent.ingest.MqttIngest},
 * Eclipse Paho), which copies each message off Paho's thread as a {@link
 * io.gemba.agent.ingest.Delivery} and hands it on, and acknowledges it when told ({@link
 * io.gemba.agent.ingest.Acknowledger}). A {@link io.gemba.agent.ingest.Message} is what the rest of
 * the path keeps of a delivery. It uses only {@code config}, {@code metrics} and {@code timing};
 * the later stages use its types.
 */
package io.gemba.agent.ingest;
