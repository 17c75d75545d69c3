package io.gemba.collector.engine;

import io.gemba.collector.kpi.ProductionSums;
import io.gemba.collector.kpi.StopSums;
import io.gemba.collector.plant.Shift;
import java.util.Objects;

/**
 * The sums of one piece of a minute bucket: the part of the minute in one shift (or between
 * shifts), under one work order, making one product. Usually a minute has one segment; an order
 * change, a product change or a shift boundary within the minute makes more.
 *
 * <p>Stop time goes to {@code longStops}, {@code microStops}, or while the stop is still going on
 * and shorter than the threshold, {@code openStop}: it is classified when the stop ends or reaches
 * the threshold (ADR 0004), and counts as a micro-stop until then.
 */
final class Segment {

  final Shift shift;
  final String shiftId;
  final String order;
  final String product;

  long calendarMs;
  long plannedMs;
  final StopTally longStops = new StopTally();
  final StopTally microStops = new StopTally();
  final StopTally openStop = new StopTally();
  long totalCount;
  long goodCount;
  long startupScrapCount;
  double idealMsTotal;
  double idealMsGood;
  double idealMsStartupScrap;

  /** The latest instant this segment covers or counted units at, in epoch milliseconds. */
  long lastMs;

  Segment(Shift shift, String order, String product) {
    this.shift = shift;
    this.shiftId = shift == null ? null : shift.id();
    this.order = order;
    this.product = product;
  }

  boolean matches(Shift shift, String order, String product) {
    return (this.shift == shift || (this.shift != null && this.shift.equals(shift)))
        && Objects.equals(this.order, order)
        && Objects.equals(this.product, product);
  }

  /** The segment's sums, with the still unclassified stop counted as a micro-stop. */
  ProductionSums sums() {
    StopSums micro =
        openStop.isEmpty() ? microStops.toSums() : microStops.toSums().plus(openStop.toSums());
    return new ProductionSums(
        calendarMs,
        plannedMs,
        longStops.toSums(),
        micro,
        totalCount,
        goodCount,
        startupScrapCount,
        idealMsTotal,
        idealMsGood,
        idealMsStartupScrap);
  }
}
