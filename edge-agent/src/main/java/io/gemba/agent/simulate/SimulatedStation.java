package io.gemba.agent.simulate;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.StationConfig;
import io.gemba.collector.telemetry.StateCodeTable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A station of the simulated plant and how it behaves.
 *
 * @param line the line's id, as in {@code pack-1}
 * @param position the station's place on its line, from 0
 * @param id the station's id, as in {@code busbar-weld}
 * @param kind what the station publishes about the units it makes
 * @param idealCycle its ideal cycle time for a product with cycle factor 1
 * @param mtbf its mean running time between failures
 * @param mttr its mean time to repair a failure
 * @param scrapRate the share of its units scrapped (for a test station: the share of first tests
 *     that fail comes from the measurements instead)
 */
public record SimulatedStation(
    String line,
    int position,
    String id,
    Kind kind,
    Duration idealCycle,
    Duration mtbf,
    Duration mttr,
    double scrapRate) {

  /** What a station publishes about the units it makes. */
  public enum Kind {
    /** Cumulative PLC counters ({@code count}) every few seconds. */
    COUNTER,
    /** One {@code cycle} message per unit, with its cycle time. */
    CYCLE,
    /** One {@code battery} message per end-of-line test. */
    BATTERY_TEST
  }

  /** Builds a station. */
  public SimulatedStation {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(idealCycle, "idealCycle");
    Objects.requireNonNull(mtbf, "mtbf");
    Objects.requireNonNull(mttr, "mttr");
  }

  /** The ideal cycle time of {@code product} at this station, in milliseconds. */
  public long idealCycleMs(Product product) {
    return Math.round(idealCycle.toMillis() * product.cycleFactor());
  }

  /** The station's configuration for the agent: its ideal cycle time per product. */
  public StationConfig config(List<Product> products) {
    Map<String, Duration> byProduct = new LinkedHashMap<>();
    for (Product product : products) {
      byProduct.put(product.name(), Duration.ofMillis(idealCycleMs(product)));
    }
    return new StationConfig(
        id, new IdealCycleTimes(idealCycle, byProduct), StateCodeTable.packMl());
  }
}
