package io.gemba.collector.plant;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ideal cycle time of a station: the fastest it can make one part, per product, with a default
 * for products not listed. Performance and OEE are computed against it.
 *
 * <p>The default may be unknown ({@code null}): a station nobody has configured has no ideal cycle
 * time, so {@link #forProduct} returns an {@link Optional} and the engine reports no performance
 * rather than a made-up one.
 *
 * @param defaultTime the ideal cycle time of products not in {@code byProduct}, positive, or {@code
 *     null} if unknown
 * @param byProduct the ideal cycle time of each listed product, positive
 */
public record IdealCycleTimes(Duration defaultTime, Map<String, Duration> byProduct) {

  private static final IdealCycleTimes UNKNOWN = new IdealCycleTimes(null, Map.of());

  /**
   * Builds ideal cycle times; the map is copied.
   *
   * @throws IllegalArgumentException if a time is not positive or a product name is empty
   */
  public IdealCycleTimes {
    if (defaultTime != null && !isPositive(defaultTime)) {
      throw new IllegalArgumentException(
          "default ideal cycle time must be positive: " + defaultTime);
    }
    Objects.requireNonNull(byProduct, "byProduct");
    byProduct = Map.copyOf(byProduct);
    for (Map.Entry<String, Duration> entry : byProduct.entrySet()) {
      if (entry.getKey().isEmpty()) {
        throw new IllegalArgumentException("ideal cycle time: product name must not be empty");
      }
      if (!isPositive(entry.getValue())) {
        throw new IllegalArgumentException(
            "ideal cycle time of product '"
                + entry.getKey()
                + "' must be positive: "
                + entry.getValue());
      }
    }
  }

  /** No ideal cycle time for any product: the defaults of an unconfigured station. */
  public static IdealCycleTimes unknown() {
    return UNKNOWN;
  }

  /** The same ideal cycle time for every product. */
  public static IdealCycleTimes of(Duration defaultTime) {
    return new IdealCycleTimes(Objects.requireNonNull(defaultTime, "defaultTime"), Map.of());
  }

  /**
   * The ideal cycle time of {@code product}: its own if listed, else the default; empty if neither
   * is known.
   *
   * @param product the product, or {@code null} when the station does not say what it makes
   */
  public Optional<Duration> forProduct(String product) {
    Duration own = product == null ? null : byProduct.get(product);
    return Optional.ofNullable(own != null ? own : defaultTime);
  }

  private static boolean isPositive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }
}
