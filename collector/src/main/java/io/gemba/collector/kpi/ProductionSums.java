package io.gemba.collector.kpi;

import java.util.Objects;

/**
 * What happened at a station (or a line, through its output station) in one window: the times and
 * counts from which every KPI is derived. Sums of windows add up ({@link #plus}); ratios are never
 * averaged, always computed again from the sums.
 *
 * <p>Stops are split by the micro-stop threshold: {@code stops} lasted at least the threshold,
 * {@code microStops} less. Which of them lowers availability is the {@link MicroStopPolicy}'s
 * choice, made only when KPIs are computed.
 *
 * @param calendarMs the window's length (for TEEP)
 * @param plannedMs planned production time: the window within shifts, less breaks and time in
 *     {@code PLANNED_STOP}
 * @param stops stops of at least the micro-stop threshold, within planned time
 * @param microStops stops shorter than the threshold, within planned time
 * @param totalCount units made
 * @param goodCount good units
 * @param startupScrapCount scrapped units made while the process settled after a changeover
 * @param idealMsTotal the ideal cycle time of every unit made, added up; NaN when a unit was made
 *     whose ideal cycle time is unknown, so that performance and OEE are undefined rather than made
 *     up
 * @param idealMsGood the ideal cycle time of every good unit, added up
 * @param idealMsStartupScrap the ideal cycle time of every startup scrap unit, added up
 */
public record ProductionSums(
    long calendarMs,
    long plannedMs,
    StopSums stops,
    StopSums microStops,
    long totalCount,
    long goodCount,
    long startupScrapCount,
    double idealMsTotal,
    double idealMsGood,
    double idealMsStartupScrap) {

  /** Nothing yet. */
  public static final ProductionSums EMPTY =
      new ProductionSums(0, 0, StopSums.NONE, StopSums.NONE, 0, 0, 0, 0, 0, 0);

  /** Builds sums, checking that they are consistent. */
  public ProductionSums {
    Objects.requireNonNull(stops, "stops");
    Objects.requireNonNull(microStops, "microStops");
    if ((calendarMs | plannedMs | totalCount | goodCount | startupScrapCount) < 0
        || idealMsTotal < 0
        || idealMsGood < 0
        || idealMsStartupScrap < 0) {
      throw new IllegalArgumentException("production sums must not be negative");
    }
    if (Double.isInfinite(idealMsTotal)
        || Double.isInfinite(idealMsGood)
        || Double.isInfinite(idealMsStartupScrap)) {
      throw new IllegalArgumentException("ideal time must be finite or NaN (unknown)");
    }
    if (plannedMs > calendarMs) {
      throw new IllegalArgumentException(
          "planned time " + plannedMs + " ms exceeds calendar time " + calendarMs + " ms");
    }
    if (stops.totalMs() + microStops.totalMs() > plannedMs) {
      throw new IllegalArgumentException(
          "stop time "
              + (stops.totalMs() + microStops.totalMs())
              + " ms exceeds planned time "
              + plannedMs
              + " ms");
    }
    if (goodCount > totalCount || startupScrapCount > totalCount - goodCount) {
      throw new IllegalArgumentException(
          "counts must satisfy good + startup scrap <= total: "
              + goodCount
              + " + "
              + startupScrapCount
              + " > "
              + totalCount);
    }
  }

  /** Scrapped units. */
  public long scrapCount() {
    return totalCount - goodCount;
  }

  /**
   * The sums of two windows (consecutive windows of one station, or stations of a line); when one
   * of them is {@link #EMPTY}, the other as it is.
   */
  public ProductionSums plus(ProductionSums other) {
    if (other == EMPTY) {
      return this;
    }
    if (this == EMPTY) {
      return other;
    }
    return new ProductionSums(
        calendarMs + other.calendarMs,
        plannedMs + other.plannedMs,
        stops.plus(other.stops),
        microStops.plus(other.microStops),
        totalCount + other.totalCount,
        goodCount + other.goodCount,
        startupScrapCount + other.startupScrapCount,
        idealMsTotal + other.idealMsTotal,
        idealMsGood + other.idealMsGood,
        idealMsStartupScrap + other.idealMsStartupScrap);
  }
}
