package io.gemba.collector.engine;

import io.gemba.collector.point.Point;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a correction writes: the points that changed between two versions of the same output, and
 * for a point that is gone, the point with its sums and durations zero (InfluxDB overwrites the
 * fields a write carries but cannot remove a point; ADR 0004). A field that a changed point no
 * longer has (a ratio that became undefined) is written as zero, for the same reason.
 */
final class PointChanges {

  /** A point as a key by what InfluxDB identifies it: its series and time. */
  private record SamePoint(Point point) {
    @Override
    public boolean equals(Object o) {
      return o instanceof SamePoint other && point.samePointAs(other.point);
    }

    @Override
    public int hashCode() {
      return point.pointHash();
    }
  }

  private PointChanges() {}

  /** Emits the points of {@code after} not in {@code before}, and zero for those gone. */
  static void emit(List<Point> before, List<Point> after, Consumer<Point> emit) {
    int same = 0;
    int common = Math.min(before.size(), after.size());
    while (same < common && before.get(same).samePointAs(after.get(same))) {
      Point point = after.get(same);
      if (!point.sameFieldsAs(before.get(same))) {
        emit.accept(Points.withGoneFieldsZero(before.get(same), point));
      }
      same++;
    }
    if (same == before.size()) {
      for (int i = same; i < after.size(); i++) {
        emit.accept(after.get(i));
      }
      return;
    }
    before = before.subList(same, before.size());
    after = after.subList(same, after.size());
    Map<SamePoint, Point> old = new HashMap<>();
    for (Point point : before) {
      old.put(new SamePoint(point), point);
    }
    for (Point point : after) {
      Point previous = old.remove(new SamePoint(point));
      if (previous == null) {
        emit.accept(point);
      } else if (!point.sameFieldsAs(previous)) {
        emit.accept(Points.withGoneFieldsZero(previous, point));
      }
    }
    for (Point gone : old.values()) {
      Point zero = Points.zeroed(gone);
      if (zero != null) {
        emit.accept(zero);
      }
    }
  }
}
