package io.gemba.collector.telemetry;

import java.util.Objects;

/**
 * Channel {@code count}: the PLC's cumulative counters since it last reset them. A counter that
 * goes down was reset. At least one of {@code good} and {@code scrap} is present; when both are,
 * they add up to {@code total}.
 *
 * @param envelope topic, time and sequence
 * @param total units made
 * @param good good units, or {@code null}
 * @param scrap scrapped units, or {@code null}
 */
public record CounterReading(Envelope envelope, long total, Long good, Long scrap)
    implements TelemetryEvent {

  /** Builds a counter reading. */
  public CounterReading {
    Objects.requireNonNull(envelope, "envelope");
    if (good == null && scrap == null) {
      throw new IllegalArgumentException("a count needs good or scrap");
    }
  }

  /** Good units: {@code good} as sent, else {@code total - scrap}. */
  public long goodCount() {
    return good != null ? good : total - scrap;
  }

  /** Scrapped units: {@code scrap} as sent, else {@code total - good}. */
  public long scrapCount() {
    return scrap != null ? scrap : total - good;
  }

  @Override
  public Channel channel() {
    return Channel.COUNT;
  }
}
