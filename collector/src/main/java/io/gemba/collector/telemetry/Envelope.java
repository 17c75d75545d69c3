package io.gemba.collector.telemetry;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What every telemetry event carries besides its channel's fields.
 *
 * @param topic where it was published
 * @param ts event time: the message's {@code ts}, or the arrival time when {@code tsMissing}
 * @param tsMissing whether the message had no {@code ts}, so that {@code ts} is the arrival time
 * @param seq the publisher's sequence number, or {@link #NO_SEQ}
 */
public record Envelope(Topic topic, Instant ts, boolean tsMissing, long seq) {

  /** The {@link #seq} of a message that carried none. */
  public static final long NO_SEQ = -1;

  /** Builds an envelope. */
  public Envelope {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(ts, "ts");
    if (seq < NO_SEQ) {
      throw new IllegalArgumentException("seq must be >= 0 or NO_SEQ: " + seq);
    }
  }

  /** An envelope for a message with its own {@code ts} and no {@code seq}. */
  public static Envelope of(Topic topic, Instant ts) {
    return new Envelope(topic, ts, false, NO_SEQ);
  }

  /** The publisher's sequence number, if the message had one. */
  public OptionalLong sequence() {
    return seq == NO_SEQ ? OptionalLong.empty() : OptionalLong.of(seq);
  }
}
