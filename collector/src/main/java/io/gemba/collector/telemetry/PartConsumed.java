package io.gemba.collector.telemetry;

import java.util.Objects;

/**
 * Channel {@code part}: parts consumed, for traceability and local content.
 *
 * @param envelope topic, time and sequence
 * @param partNumber the part number
 * @param supplier the supplier's name, or {@code null}
 * @param origin the ISO 3166-1 alpha-2 country the part comes from, or {@code null} if it is not
 *     known: such a part is neither local nor imported, and counts apart from both
 * @param qty the quantity consumed, above zero
 * @param unitCost the cost of one part in the plant's currency, or {@code null}
 */
public record PartConsumed(
    Envelope envelope,
    String partNumber,
    String supplier,
    String origin,
    double qty,
    Double unitCost)
    implements TelemetryEvent {

  /** Builds a part consumption. */
  public PartConsumed {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(partNumber, "partNumber");
  }

  /**
   * Whether the part was made in {@code country} (an ISO 3166-1 alpha-2 code); {@code false} if its
   * origin is not known.
   */
  public boolean isFrom(String country) {
    return origin != null && origin.equals(country);
  }

  @Override
  public Channel channel() {
    return Channel.PART;
  }
}
