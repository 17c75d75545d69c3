package io.gemba.collector.engine;

import static io.gemba.collector.engine.StationCore.NONE;

import io.gemba.collector.kpi.KpiCalculator;
import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.kpi.ProductionSums;
import io.gemba.collector.point.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The points of a station's minute bucket (ADR 0004): its {@code production} and {@code oee} {@code
 * 1m} points, and once the minute is settled the shift and the order so far at its end. A function
 * of the bucket and the sums it is given: it keeps nothing.
 */
final class MinutePoints {

  /** The tags of the station's points: the line's too at its output station. */
  private final StationTags[] pointTags;

  private final KpiCalculator calculator;

  MinutePoints(StationTags[] pointTags, KpiCalculator calculator) {
    this.pointTags = pointTags;
    this.calculator = calculator;
  }

  /**
   * The points of a minute: its production and {@code oee} by shift and order (until it is settled
   * sums only), and once it is settled also the shift and the order so far at its end, from {@code
   * shiftSums} and {@code orderSums} (unused before).
   */
  List<Point> of(
      MinuteBucket bucket,
      Map<String, ProductionSums> shiftSums,
      Map<String, ProductionSums> orderSums,
      boolean settled) {
    List<Point> points = new ArrayList<>();
    List<Segment> segments = bucket.segments;
    long minuteMs = bucket.minuteMs;
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (!isFirst(segments, i, (a, b) -> Objects.equals(a.product, b.product))) {
        continue;
      }
      long total = 0;
      long good = 0;
      for (Segment other : segments) {
        if (Objects.equals(other.product, segment.product)) {
          total += other.totalCount;
          good += other.goodCount;
        }
      }
      if (total > 0) {
        for (StationTags t : pointTags) {
          points.add(Points.production(t, minuteMs, segment.product, total, good));
        }
      }
    }
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (!isFirst(segments, i, MinutePoints::sameShiftAndOrder)) {
        continue;
      }
      ProductionSums sums = ProductionSums.EMPTY;
      for (Segment other : segments) {
        if (sameShiftAndOrder(segment, other)) {
          sums = sums.plus(other.sums());
        }
      }
      if (segment.shiftId == null && sums.totalCount() == 0) {
        continue;
      }
      if (settled) {
        Kpis kpis = calculator.compute(sums);
        for (StationTags t : pointTags) {
          points.add(
              Points.oee(t, minuteMs, segment.shiftId, Points.MINUTE_WINDOW, segment.order, kpis));
        }
      } else {
        long stopMs = calculator.stopMs(sums);
        for (StationTags t : pointTags) {
          points.add(
              Points.oeeSums(
                  t,
                  minuteMs,
                  segment.shiftId,
                  Points.MINUTE_WINDOW,
                  segment.order,
                  calculator.policy(),
                  sums,
                  stopMs));
        }
      }
    }
    if (!settled) {
      return points;
    }
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (segment.shiftId == null
          || !isFirst(segments, i, (a, b) -> Objects.equals(a.shiftId, b.shiftId))) {
        continue;
      }
      long ts = lastMs(segments, s -> segment.shiftId.equals(s.shiftId));
      Kpis kpis = calculator.compute(shiftSums.get(segment.shiftId));
      for (StationTags t : pointTags) {
        points.add(Points.oee(t, ts, segment.shiftId, "shift", null, kpis));
        Points.losses(t, ts, segment.shiftId, kpis.losses(), points);
        points.add(Points.reliability(t, ts, segment.shiftId, kpis));
      }
    }
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (segment.order == null
          || !isFirst(segments, i, (a, b) -> Objects.equals(a.order, b.order))) {
        continue;
      }
      long ts = lastMs(segments, s -> segment.order.equals(s.order));
      Kpis kpis = calculator.compute(orderSums.get(segment.order));
      for (StationTags t : pointTags) {
        points.add(Points.oee(t, ts, null, "order", segment.order, kpis));
      }
    }
    return points;
  }

  private static boolean sameShiftAndOrder(Segment a, Segment b) {
    return Objects.equals(a.shiftId, b.shiftId) && Objects.equals(a.order, b.order);
  }

  /** Whether no segment before {@code i} is {@code same} as segment {@code i}. */
  private static boolean isFirst(
      List<Segment> segments, int i, BiPredicate<Segment, Segment> same) {
    for (int j = 0; j < i; j++) {
      if (same.test(segments.get(j), segments.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static long lastMs(List<Segment> segments, Predicate<Segment> of) {
    long last = NONE;
    for (Segment segment : segments) {
      if (of.test(segment)) {
        last = Math.max(last, segment.lastMs);
      }
    }
    return last;
  }
}
