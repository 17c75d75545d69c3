package io.gemba.agent.simulate;

import java.util.function.Consumer;

/** One connection to the broker that the simulator publishes on. */
interface BrokerConnection {

  /**
   * Hands a message over to be published.
   *
   * @param done called exactly once, later and usually on another thread, with {@code null} when
   *     the message is published (acknowledged for QoS 1 and 2, written for QoS 0) or with the
   *     failure; it must return quickly and never throw
   * @return {@code false} if the connection's window is full and the message was not taken: try
   *     again a little later
   * @throws Exception if the connection refuses the message (not connected, closed): it failed, and
   *     {@code done} is not called
   */
  boolean publish(String topic, byte[] payload, int qos, Consumer<Throwable> done) throws Exception;

  /** How many messages the broker lets this connection have in flight. */
  int receiveMaximum();

  /** Disconnects and frees the connection's resources; what is still in flight is dropped. */
  void close();
}
