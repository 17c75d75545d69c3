package io.gemba.collector.kpi;

/**
 * Process capability against specification limits (NIST/SEMATECH e-Handbook of Statistical Methods,
 * 6.1.6): from the mean and sigma of a rolling window they are Cp and Cpk; from those of a whole
 * shift, Pp and Ppk. Undefined values are NaN: Cp and Cpm need both limits, every index a sigma
 * above zero.
 *
 * @param cp (USL − LSL) / 6σ: what the spread would allow if the process were centred
 * @param cpk min(USL − μ, μ − LSL) / 3σ, over the limits that are set
 * @param cpm (USL − LSL) / 6√(σ² + (μ − T)²), with a target T
 */
public record Capability(double cp, double cpk, double cpm) {

  /** Nothing defined. */
  public static final Capability NONE = new Capability(Double.NaN, Double.NaN, Double.NaN);

  /**
   * The capability of a process with these statistics.
   *
   * @param lsl the lower limit, or {@code null}
   * @param usl the upper limit, or {@code null}
   * @param target the target, or {@code null}
   */
  public static Capability of(SampleStats stats, Double lsl, Double usl, Double target) {
    double mean = stats.mean();
    double sigma = stats.sigma();
    if (!(sigma > 0) || (lsl == null && usl == null)) {
      return NONE;
    }
    double cp = Double.NaN;
    double cpm = Double.NaN;
    if (lsl != null && usl != null) {
      cp = (usl - lsl) / (6 * sigma);
      if (target != null) {
        double off = mean - target;
        cpm = (usl - lsl) / (6 * Math.sqrt(sigma * sigma + off * off));
      }
    }
    double upper = usl == null ? Double.POSITIVE_INFINITY : (usl - mean) / (3 * sigma);
    double lower = lsl == null ? Double.POSITIVE_INFINITY : (mean - lsl) / (3 * sigma);
    return new Capability(cp, Math.min(upper, lower), cpm);
  }
}
