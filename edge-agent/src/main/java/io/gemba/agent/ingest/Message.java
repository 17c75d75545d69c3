package io.gemba.agent.ingest;

import java.time.Instant;

/**
 * A message as it came in: what decoding it needs, and all that the spool keeps of it so that a
 * restart can decode it again.
 */
public interface Message {

  /** The topic it came on. */
  String topic();

  /** Its bytes. */
  byte[] payload();

  /** When it came in: the event time of an object without {@code ts}. */
  Instant arrival();
}
