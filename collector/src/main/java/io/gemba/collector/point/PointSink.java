package io.gemba.collector.point;

/** Where the engine puts the points it makes, in the order it makes them. */
@FunctionalInterface
public interface PointSink {

  /** Takes one point. A later point of the same series and time corrects this one. */
  void accept(Point point);
}
