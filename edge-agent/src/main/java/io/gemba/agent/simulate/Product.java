package io.gemba.agent.simulate;

import java.util.Objects;

/**
 * A hybrid battery pack the simulated lines build.
 *
 * @param name the product name in orders, cycles and tests
 * @param cells cells in series: the pack's open-circuit voltage is about 3.6 V per cell
 * @param capacityAh the rated capacity in ampere-hours
 * @param cycleFactor how much longer than the station's base ideal cycle time this pack takes
 */
public record Product(String name, int cells, double capacityAh, double cycleFactor) {

  /** Builds a product. */
  public Product {
    Objects.requireNonNull(name, "name");
    if (cells < 1 || !(capacityAh > 0) || !(cycleFactor > 0)) {
      throw new IllegalArgumentException("product '" + name + "': cells, capacity and factor > 0");
    }
  }

  /** The nominal open-circuit voltage of a charged pack at the end of the line. */
  public double nominalVoltage() {
    return cells * 3.6;
  }
}
