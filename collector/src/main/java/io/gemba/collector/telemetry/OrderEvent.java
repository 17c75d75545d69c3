package io.gemba.collector.telemetry;

import java.util.Objects;

/**
 * Channel {@code order}: a work order starts or ends at a station, or (station {@code _}) at every
 * station of the line.
 *
 * @param envelope topic, time and sequence
 * @param event start or end
 * @param order the work order number
 * @param product the product made, or {@code null} (required on start)
 * @param plannedQty the planned quantity, or {@code null}
 * @param idealCycleMs the ideal cycle time in milliseconds, or {@code null} to use the configured
 *     one
 */
public record OrderEvent(
    Envelope envelope, Kind event, String order, String product, Long plannedQty, Long idealCycleMs)
    implements TelemetryEvent {

  /** Whether the order starts or ends. */
  public enum Kind {
    START,
    END
  }

  /** Builds an order event. */
  public OrderEvent {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(order, "order");
    if (event == Kind.START && product == null) {
      throw new IllegalArgumentException("an order start needs a product");
    }
  }

  @Override
  public Channel channel() {
    return Channel.ORDER;
  }
}
