package io.gemba.agent.simulate;

/**
 * Hears of every message the {@link SimulatorPublisher} publishes, for whoever accounts for them
 * (the benchmark, by {@link Outgoing#number()}). Called on the publishing thread and on the
 * connections' callback threads: return quickly, never throw.
 */
public interface PublishListener {

  /** Hears nothing. */
  PublishListener NONE = new PublishListener() {};

  /** {@code message} is handed to its connection at {@code wallNanos} on the publisher's clock. */
  default void sent(Outgoing message, long wallNanos) {}

  /** The broker acknowledged {@code message} (QoS 1 and 2), or it was written (QoS 0). */
  default void completed(Outgoing message) {}

  /** {@code message} was refused or failed. */
  default void failed(Outgoing message, Throwable cause) {}
}
