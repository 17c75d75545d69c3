package io.gemba.collector.engine;

import static io.gemba.collector.engine.StationCore.NONE;

import io.gemba.collector.kpi.ProductionSums;
import io.gemba.collector.kpi.StopSums;

/**
 * What a station's counter readings made in the minute of its last reading, not added to the
 * minute's bucket yet (ADR 0010): a minute's units are added when the station's time leaves the
 * minute, all under the order, product and startup status of the minute's last reading. So a
 * minute's units are the same whether its readings came one by one, out of order or as the two of
 * them that are kept (the highest and the last).
 */
final class MinuteCount {

  /** The minute, or {@link StationCore#NONE} while nothing is counted. */
  long minuteMs = NONE;

  /** The time of the minute's last reading. */
  long lastMs = NONE;

  String order;
  String product;
  double idealMs;
  boolean startup;
  long total;
  long good;

  /** The checkpointed form; {@code null} for an empty count. */
  record State(
      long minuteMs,
      long lastMs,
      String order,
      String product,
      double idealMs,
      boolean startup,
      long total,
      long good) {}

  boolean isEmpty() {
    return minuteMs == NONE;
  }

  /** Adds what a reading at {@code ts} made, under the status it was read in. */
  void add(
      long minuteMs,
      long ts,
      String order,
      String product,
      double idealMs,
      boolean startup,
      long total,
      long good) {
    this.minuteMs = minuteMs;
    this.lastMs = ts;
    this.order = order;
    this.product = product;
    this.idealMs = idealMs;
    this.startup = startup;
    this.total += total;
    this.good += good;
  }

  /**
   * A reading at {@code ts} that made nothing: the units counted in its minute so far count under
   * the status it was read in, as if it had made them.
   */
  void restate(
      long minuteMs, long ts, String order, String product, double idealMs, boolean startup) {
    if (this.minuteMs == minuteMs) {
      add(minuteMs, ts, order, product, idealMs, startup, 0, 0);
    }
  }

  /** The sums of the units counted, for a live view of the minute. */
  ProductionSums sums() {
    long startupScrap = startup ? total - good : 0;
    return new ProductionSums(
        0,
        0,
        StopSums.NONE,
        StopSums.NONE,
        total,
        good,
        startupScrap,
        total * idealMs,
        good * idealMs,
        startupScrap * idealMs);
  }

  void clear() {
    minuteMs = NONE;
    lastMs = NONE;
    order = null;
    product = null;
    idealMs = 0;
    startup = false;
    total = 0;
    good = 0;
  }

  void copyTo(MinuteCount copy) {
    copy.minuteMs = minuteMs;
    copy.lastMs = lastMs;
    copy.order = order;
    copy.product = product;
    copy.idealMs = idealMs;
    copy.startup = startup;
    copy.total = total;
    copy.good = good;
  }

  State state() {
    return isEmpty()
        ? null
        : new State(minuteMs, lastMs, order, product, idealMs, startup, total, good);
  }

  void restore(State saved) {
    if (saved == null) {
      clear();
      return;
    }
    minuteMs = saved.minuteMs();
    lastMs = saved.lastMs();
    order = saved.order();
    product = saved.product();
    idealMs = saved.idealMs();
    startup = saved.startup();
    total = saved.total();
    good = saved.good();
  }
}
