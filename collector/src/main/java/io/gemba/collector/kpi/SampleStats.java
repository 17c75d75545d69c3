package io.gemba.collector.kpi;

/**
 * The size, mean and sample standard deviation of a run of values.
 *
 * @param n how many values
 * @param mean their mean, NaN if there are none
 * @param sigma their sample standard deviation (divided by {@code n - 1}), NaN if fewer than two
 */
public record SampleStats(int n, double mean, double sigma) {

  /** No values. */
  public static final SampleStats NONE = new SampleStats(0, Double.NaN, Double.NaN);

  /**
   * The statistics of {@code values[from, to)}, summed in that order as differences from the first
   * value, so that values far from zero with a small spread ({@code 10000000.2}, {@code
   * 10000000.1}, …) keep their digits, and the same values in the same order always give the same
   * result to the last bit.
   */
  public static SampleStats of(double[] values, int from, int to) {
    int n = to - from;
    if (n <= 0) {
      return NONE;
    }
    double shift = values[from];
    double sum = 0;
    double sumSquares = 0;
    for (int i = from; i < to; i++) {
      double d = values[i] - shift;
      sum += d;
      sumSquares += d * d;
    }
    double mean = shift + sum / n;
    if (n < 2) {
      return new SampleStats(n, mean, Double.NaN);
    }
    double variance = Math.max(0, (sumSquares - sum * sum / n) / (n - 1));
    return new SampleStats(n, mean, Math.sqrt(variance));
  }

  /** The statistics of all of {@code values}. */
  public static SampleStats of(double... values) {
    return of(values, 0, values.length);
  }
}
