package io.gemba.collector.telemetry;

import java.util.Objects;

/**
 * A message, or one element of a batch, that breaks the telemetry contract.
 *
 * @param topic the topic it came on, as received (untrusted: use {@link #toString()} for logs)
 * @param element the index of the element in a batch, or {@link #WHOLE_MESSAGE}
 * @param reason why it was rejected
 * @param detail a short human-readable explanation that quotes at most a few characters of input
 */
public record Reject(String topic, int element, RejectReason reason, String detail)
    implements Decoded {

  /** The {@link #element} of a reject that concerns the whole message, not one batch element. */
  public static final int WHOLE_MESSAGE = -1;

  /** Longer than any valid topic (9 + 4 × 65 + 9 characters), so only garbage is cut in logs. */
  private static final int TOPIC_QUOTE_LENGTH = 300;

  /** Builds a reject. */
  public Reject {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    topic = topic == null ? "" : topic;
  }

  /** A one-line, log-safe description: reason, abbreviated topic, element and detail. */
  @Override
  public String toString() {
    String where = element == WHOLE_MESSAGE ? "" : " element " + element;
    return reason.label()
        + " [topic: "
        + Text.abbreviate(topic, TOPIC_QUOTE_LENGTH)
        + "]"
        + where
        + ": "
        + detail;
  }
}
