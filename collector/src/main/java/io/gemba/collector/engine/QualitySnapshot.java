package io.gemba.collector.engine;

import java.time.Instant;
import java.util.List;

/**
 * The battery test quality of one station, as it stands: per product the yield of its latest shift
 * and each measurement's rolling statistics, and the SPC rules broken by its recent tests. Ratios
 * that are undefined are NaN.
 *
 * @param site the site
 * @param area the area
 * @param line the line
 * @param station the station
 * @param products per product, by name
 * @param violations the SPC rules broken within the backfill horizon, newest first, at most {@value
 *     #MAX_VIOLATIONS}
 * @param verdictMismatches tests whose station verdict the limits contradicted, since the start
 * @param unjudged tests that neither limits nor the station judged, since the start
 */
public record QualitySnapshot(
    String site,
    String area,
    String line,
    String station,
    List<Product> products,
    List<Violation> violations,
    long verdictMismatches,
    long unjudged) {

  /** The most {@link #violations} listed. */
  public static final int MAX_VIOLATIONS = 50;

  /**
   * One product at the station.
   *
   * @param product the product
   * @param shift the yield of the latest shift with a test of it, or {@code null}
   * @param measurements per measurement, by name
   */
  public record Product(String product, ShiftYield shift, List<Measurement> measurements) {}

  /**
   * First-pass yield over one shift: first tests are those of a serial not tested before and not
   * marked as a retest.
   *
   * @param shift the shift's id
   * @param tests all tests
   * @param passed tests that passed
   * @param firstTests first tests
   * @param firstPassed first tests that passed
   * @param fpy {@code firstPassed / firstTests}
   */
  public record ShiftYield(
      String shift, long tests, long passed, long firstTests, long firstPassed, double fpy) {}

  /**
   * One measurement: the rolling window over its last tests, and its latest shift.
   *
   * @param measurement the measurement
   * @param lsl the lower specification limit, or {@code null}
   * @param usl the upper specification limit, or {@code null}
   * @param target the target, or {@code null}
   * @param last the latest value
   * @param tests the tests in the rolling window
   * @param mean the window's mean
   * @param sigma the window's sample standard deviation
   * @param cp the window's Cp
   * @param cpk the window's Cpk
   * @param cpm the window's Cpm
   * @param centre the control chart's centre line at the latest test (its baseline's mean)
   * @param ucl the upper control limit, centre + 3σ of the baseline
   * @param lcl the lower control limit
   * @param shiftTests the tests of the latest shift
   * @param pp Pp over that shift
   * @param ppk Ppk over that shift
   */
  public record Measurement(
      String measurement,
      Double lsl,
      Double usl,
      Double target,
      double last,
      int tests,
      double mean,
      double sigma,
      double cp,
      double cpk,
      double cpm,
      double centre,
      double ucl,
      double lcl,
      int shiftTests,
      double pp,
      double ppk) {}

  /**
   * The SPC rules one test broke on one measurement's chart.
   *
   * @param ts the test's time
   * @param product the product
   * @param measurement the measurement
   * @param serial the pack's serial
   * @param value the measured value
   * @param z its distance from the centre line, in sigmas of the baseline
   * @param rules the rules broken, by their names ({@code nelson1}, {@code we2of3})
   */
  public record Violation(
      Instant ts,
      String product,
      String measurement,
      String serial,
      double value,
      double z,
      List<String> rules) {}
}
