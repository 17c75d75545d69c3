package io.gemba.agent.ingest;

import io.gemba.collector.telemetry.Reject;

/**
 * Where a rejected message is republished for a look, unchanged: the contract's dead-letter topic
 * {@code gemba/v1/_dlq/{reason}}, when {@code mqtt.deadLetters} turns it on.
 */
@FunctionalInterface
public interface DeadLetterTopic {

  /** Republishes nothing. */
  DeadLetterTopic NONE = (message, reject) -> {};

  /**
   * Republishes {@code message}, rejected for {@code reject}. Never blocks: a message beyond the
   * bound, or while the broker is away, is dropped and counted.
   */
  void republish(Message message, Reject reject);
}
