package io.gemba.agent.simulate;

import io.gemba.collector.plant.SpecLimits;
import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.Envelope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The end-of-line test bench of a line: measures each pack, judges it against the product's limits,
 * and retests some of the packs that failed.
 *
 * <p>Each measurement is normal around the product's mean, plus a slow drift of the bench (an
 * Ornstein–Uhlenbeck process with an 8-hour time constant), so that the collector's SPC rules have
 * something to see, plus the bench's designed fault ({@link WornContact}): every few days its
 * internal resistance reads 1.5 sigmas high for a few hours. The limits are set so that about 4% of
 * first tests fail, mostly on internal resistance and capacity.
 */
final class BatteryTester {

  /** The measurement names, in the order of the payload. */
  static final List<String> MEASUREMENTS =
      List.of(
          "ocv_v",
          "dcir_mohm",
          "capacity_ah",
          "cell_spread_mv",
          "insulation_mohm",
          "leak_pa_min",
          "temp_c");

  /** The spread of the bench's drift of each measurement, in its sigmas. */
  private static final double[] DRIFT = {0.3, 0.8, 0.6, 0.3, 0.2, 0.3, 0.5};

  private static final double DRIFT_TIME_MS = 8 * 3_600_000.0;
  private static final double RETEST_SHARE = 0.6;

  /**
   * One measurement of one product.
   *
   * @param name the measurement, ending in its unit
   * @param mean the mean of a good bench
   * @param sigma the spread from pack to pack
   * @param low the lower limit
   * @param high the upper limit
   * @param step the resolution the bench reports
   */
  record Limit(String name, double mean, double sigma, double low, double high, double step) {

    boolean accepts(double value) {
      return value >= low && value <= high;
    }

    /**
     * The same limits for the agent: a low of {@value #NO_LOW} or a high of {@value #NO_HIGH} is no
     * limit on that side; a two-sided specification targets the mean.
     */
    SpecLimits spec(String product) {
      Double lsl = low > NO_LOW ? low : null;
      Double usl = high < NO_HIGH ? high : null;
      return new SpecLimits(product, name, lsl, usl, lsl != null && usl != null ? mean : null);
    }
  }

  /** A low limit that is none: the bench reports no value below 0. */
  static final double NO_LOW = 0;

  /** A high limit that is none. */
  static final double NO_HIGH = 1e9;

  /** The place of {@code dcir_mohm} in {@link #MEASUREMENTS}. */
  private static final int DCIR = 1;

  private final Random random;
  private final String serialPrefix;
  private final WornContact contact;
  private final double[] drift = new double[MEASUREMENTS.size()];
  private final Map<Product, List<Limit>> limits = new HashMap<>();
  private long lastMs = Long.MIN_VALUE;
  private long packs;
  private String failedSerial;

  BatteryTester(Random random, String serialPrefix, WornContact contact) {
    this.random = random;
    this.serialPrefix = serialPrefix;
    this.contact = contact;
  }

  /** The limits of a product's measurements, in {@link #MEASUREMENTS} order. */
  static List<Limit> limits(Product product) {
    double ocv = product.nominalVoltage();
    double dcir = product.cells() * 1.5 * 6.5 / product.capacityAh();
    double capacity = product.capacityAh();
    return List.of(
        new Limit("ocv_v", ocv, ocv * 0.00125, ocv * 0.985, ocv * 1.015, 0.1),
        new Limit("dcir_mohm", dcir, dcir * 0.03, NO_LOW, dcir * 1.08, 0.1),
        new Limit("capacity_ah", capacity * 1.02, capacity * 0.01, capacity * 0.995, NO_HIGH, 0.01),
        new Limit("cell_spread_mv", 12, 3, NO_LOW, 25, 0.1),
        new Limit("insulation_mohm", 550, 60, 100, NO_HIGH, 1),
        new Limit("leak_pa_min", 1.2, 0.3, NO_LOW, 2.2, 0.01),
        new Limit("temp_c", 27, 1.2, 15, 40, 0.1));
  }

  /**
   * One test's outcome.
   *
   * @param serial the pack's serial number
   * @param retest whether the pack failed before
   * @param pass whether every measurement is within its limits
   * @param measurements the values by measurement name
   */
  record Outcome(String serial, boolean retest, boolean pass, Map<String, Double> measurements) {

    /** The test as a telemetry event. */
    BatteryTest event(Envelope envelope, Product product) {
      return new BatteryTest(
          envelope,
          serial,
          product.name(),
          retest,
          pass ? BatteryTest.Verdict.PASS : BatteryTest.Verdict.FAIL,
          measurements);
    }
  }

  /** Tests the next pack (or retests one that failed) at {@code ms}. */
  Outcome test(long ms, Product product) {
    driftTo(ms);
    boolean retest = failedSerial != null && random.nextDouble() < RETEST_SHARE;
    String serial = retest ? failedSerial : String.format("%s-%06d", serialPrefix, ++packs);
    List<Limit> productLimits = limits.computeIfAbsent(product, BatteryTester::limits);
    Map<String, Double> measurements = new HashMap<>();
    boolean pass = true;
    double worn = contact.sigmasAt(ms);
    for (int i = 0; i < productLimits.size(); i++) {
      Limit limit = productLimits.get(i);
      double step = i == DCIR ? worn : 0;
      double raw = limit.mean() + limit.sigma() * (drift[i] + step + random.nextGaussian());
      double value = Math.round(Math.max(0, raw) / limit.step()) * limit.step();
      value = Math.round(value * 1000) / 1000.0; // no 6.450000000000001
      measurements.put(limit.name(), value);
      pass &= limit.accepts(value);
    }
    failedSerial = pass ? null : serial;
    return new Outcome(serial, retest, pass, measurements);
  }

  /** Moves the bench's drift on to {@code ms}: exact Ornstein–Uhlenbeck steps. */
  private void driftTo(long ms) {
    double keep = lastMs == Long.MIN_VALUE ? 0 : Math.exp(-(ms - lastMs) / DRIFT_TIME_MS);
    double fresh = Math.sqrt(1 - keep * keep);
    for (int i = 0; i < drift.length; i++) {
      drift[i] = drift[i] * keep + DRIFT[i] * fresh * random.nextGaussian();
    }
    lastMs = ms;
  }
}
