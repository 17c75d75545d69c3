package io.gemba.collector.engine;

import io.gemba.collector.plant.Shift;
import io.gemba.collector.point.Point;
import java.util.ArrayList;
import java.util.List;

/** One minute of a station: its segments, and the points last emitted for it. */
final class MinuteBucket {

  static final long MINUTE_MS = 60_000;

  final long minuteMs;
  final List<Segment> segments = new ArrayList<>(2);

  /** The points last emitted for this minute, or {@code null} if none were. */
  List<Point> emitted;

  MinuteBucket(long minuteMs) {
    this.minuteMs = minuteMs;
  }

  long endMs() {
    return minuteMs + MINUTE_MS;
  }

  /** The segment for this shift, order and product, created if it is new. */
  Segment segment(Shift shift, String order, String product) {
    for (int i = segments.size() - 1; i >= 0; i--) {
      Segment segment = segments.get(i);
      if (segment.matches(shift, order, product)) {
        return segment;
      }
    }
    Segment segment = new Segment(shift, order, product);
    segments.add(segment);
    return segment;
  }

  static long floorMinute(long epochMs) {
    return Math.floorDiv(epochMs, MINUTE_MS) * MINUTE_MS;
  }
}
