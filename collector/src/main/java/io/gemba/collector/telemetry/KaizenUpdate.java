package io.gemba.collector.telemetry;

import java.util.Objects;

/**
 * Channel {@code kaizen}: a kaizen (improvement) card changed status.
 *
 * @param envelope topic, time and sequence
 * @param id the card's id
 * @param status its new status
 * @param category what it improves
 * @param title its title, or {@code null}
 * @param savingsPerYear expected savings per year in the plant's currency, or {@code null}
 * @param targetKpi the station KPI it should move, or {@code null}
 */
public record KaizenUpdate(
    Envelope envelope,
    String id,
    Status status,
    Category category,
    String title,
    Double savingsPerYear,
    TargetKpi targetKpi)
    implements TelemetryEvent {

  /** Where a card is in its life. */
  public enum Status {
    SUBMITTED,
    APPROVED,
    IMPLEMENTED,
    REJECTED
  }

  /** What a card improves. */
  public enum Category {
    SAFETY,
    QUALITY,
    COST,
    DELIVERY,
    PRODUCTIVITY,
    ENVIRONMENT
  }

  /** The station KPI a card should move; {@link #wireName()} is its name in the payload. */
  public enum TargetKpi {
    OEE("oee"),
    AVAILABILITY("availability"),
    PERFORMANCE("performance"),
    QUALITY("quality"),
    CYCLE_TIME("cycle_time"),
    DOWNTIME("downtime"),
    SCRAP("scrap");

    private final String wireName;

    TargetKpi(String wireName) {
      this.wireName = wireName;
    }

    /** The name in the payload. */
    public String wireName() {
      return wireName;
    }
  }

  /** Builds a kaizen update. */
  public KaizenUpdate {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(category, "category");
  }

  @Override
  public Channel channel() {
    return Channel.KAIZEN;
  }
}
