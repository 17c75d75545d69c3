package io.gemba.collector.plant;

import java.util.Objects;

/**
 * The specification of one measurement of one product's battery end-of-line test: a test whose
 * value is outside {@code [lsl, usl]} fails. Either limit may be absent (a one-sided specification:
 * no upper limit for capacity, no lower one for internal resistance), not both.
 *
 * @param product the product
 * @param measurement the measurement's name, as in the test's payload ({@code ocv_v})
 * @param lsl the lower specification limit, or {@code null}
 * @param usl the upper specification limit, or {@code null}
 * @param target the target value, between the limits, or {@code null}
 */
public record SpecLimits(
    String product, String measurement, Double lsl, Double usl, Double target) {

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException if neither limit is set, a limit is not finite, the lower is
   *     not below the upper, or the target is outside them
   */
  public SpecLimits {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(measurement, "measurement");
    if (lsl == null && usl == null) {
      throw new IllegalArgumentException(
          "limits of " + measurement + " of " + product + ": set lsl, usl or both");
    }
    requireFinite("lsl", lsl);
    requireFinite("usl", usl);
    requireFinite("target", target);
    if (lsl != null && usl != null && !(lsl < usl)) {
      throw new IllegalArgumentException(
          "limits of "
              + measurement
              + " of "
              + product
              + ": lsl "
              + lsl
              + " is not below usl "
              + usl);
    }
    if (target != null && ((lsl != null && target < lsl) || (usl != null && target > usl))) {
      throw new IllegalArgumentException(
          "limits of "
              + measurement
              + " of "
              + product
              + ": target "
              + target
              + " is outside the limits");
    }
  }

  private static void requireFinite(String name, Double value) {
    if (value != null && !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite: " + value);
    }
  }

  /** Whether {@code value} is within the limits (a limit itself is within). */
  public boolean accepts(double value) {
    return (lsl == null || value >= lsl) && (usl == null || value <= usl);
  }
}
