package io.gemba.collector.plant;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How battery end-of-line tests are judged and charted.
 *
 * @param window the tests per product and measurement over which mean, sigma, Cp and Cpk roll, and
 *     the baseline of the control chart, from 2 to {@value #MAX_WINDOW}
 * @param spcMinTests the tests a baseline needs before the SPC rules are checked, from 2 to {@code
 *     window}
 * @param limits the specification limits, at most one per product and measurement
 */
public record QualityPolicy(int window, int spcMinTests, List<SpecLimits> limits) {

  /** The default {@link #window}: 125 tests (25 subgroups of 5 in the usual chart). */
  public static final int DEFAULT_WINDOW = 125;

  /** The default {@link #spcMinTests}: 25, the trial limits' usual minimum. */
  public static final int DEFAULT_SPC_MIN_TESTS = 25;

  /** The largest {@link #window}. */
  public static final int MAX_WINDOW = 10_000;

  private static final QualityPolicy DEFAULTS =
      new QualityPolicy(DEFAULT_WINDOW, DEFAULT_SPC_MIN_TESTS, List.of());

  /**
   * Checks the policy; the list is copied.
   *
   * @throws IllegalArgumentException if a number is out of its range or a product's measurement has
   *     two limits
   */
  public QualityPolicy {
    if (window < 2 || window > MAX_WINDOW) {
      throw new IllegalArgumentException(
          "window must be between 2 and " + MAX_WINDOW + ": " + window);
    }
    if (spcMinTests < 2 || spcMinTests > window) {
      throw new IllegalArgumentException(
          "spcMinTests must be between 2 and the window (" + window + "): " + spcMinTests);
    }
    limits = List.copyOf(Objects.requireNonNull(limits, "limits"));
    Set<String> seen = new HashSet<>();
    for (SpecLimits limit : limits) {
      if (!seen.add(limit.product() + '\u0000' + limit.measurement())) {
        throw new IllegalArgumentException(
            "limits of "
                + limit.measurement()
                + " of "
                + limit.product()
                + " appear more than once");
      }
    }
  }

  /** A window of 125 tests, SPC from 25, no limits. */
  public static QualityPolicy defaults() {
    return DEFAULTS;
  }

  /** The limits by product, then by measurement. */
  public Map<String, Map<String, SpecLimits>> byProduct() {
    Map<String, Map<String, SpecLimits>> map = new HashMap<>();
    for (SpecLimits limit : limits) {
      map.computeIfAbsent(limit.product(), p -> new HashMap<>()).put(limit.measurement(), limit);
    }
    return map;
  }
}
