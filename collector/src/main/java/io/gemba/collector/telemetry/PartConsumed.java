package io.gemba.collector.telemetry;

import java.util.Objects;

/**
 * Channel {@code part}: parts consumed, for traceability and local content.
 *
 * @param envelope topic, time and sequence
 * @param partNumber the part number
 * @param supplier the supplier's name, or {@code null}
 * @param origin the ISO 3166-1 alpha-2 country the part comes from
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
    Objects.requireNonNull(origin, "origin");
  }

  /** Whether the part was made in {@code country} (an ISO 3166-1 alpha-2 code). */
  public boolean isFrom(String country) {
    return origin.equals(country);
  }

  @Override
  public Channel channel() {
    return Channel.PART;
  }
}
