package io.gemba.collector.engine;

import io.gemba.collector.plant.Shift;
import io.gemba.collector.point.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The sums of each station's shifts over the last weeks, as its {@code oee} and {@code losses}
 * shift points last wrote them (a correction writes them again, and so here too): what a kaizen's
 * effect is measured on, longer ago than the engine keeps a station's own state.
 */
final class ShiftHistory {

  /**
   * One shift of one station.
   *
   * @param startMs the shift's start
   * @param endMs its end
   * @param plannedS planned production time, in seconds
   * @param runS run time
   * @param idealS the ideal time of the units made (performance × run time), NaN if not known
   * @param total units made
   * @param good good units
   * @param downS equipment failure (DOWN) time
   */
  record Sums(
      long startMs,
      long endMs,
      double plannedS,
      double runS,
      double idealS,
      long total,
      long good,
      double downS) {

    Sums withDown(double seconds) {
      return new Sums(startMs, endMs, plannedS, runS, idealS, total, good, seconds);
    }
  }

  /**
   * One station's shift, for a checkpoint; with {@code shift} null, {@code sums.endMs} is the end
   * of the latest shift it forgot.
   */
  record Saved(String station, String shift, Sums sums) {}

  private final long keepMs;
  private final Function<String, MinuteSlicer> slicers;

  /** By station ({@code site/area/line/station}), by shift id. */
  private final Map<String, TreeMap<String, Sums>> stations = new HashMap<>();

  /** The stations whose shifts changed since the last {@link #takeChanged}. */
  private final Set<String> changed = new HashSet<>();

  /** The stations whose shifts changed since the last {@link #forgetOld}: only they can forget. */
  private final Set<String> grown = new HashSet<>();

  /** The station of the last point read, its key and shifts; and the last shift found. */
  private String lastSite;

  private String lastArea;
  private String lastLine;
  private String lastStation;
  private String lastKey;
  private TreeMap<String, Sums> lastShifts;
  private String lastShiftSite;
  private Shift lastShift;

  /** By station, the end of the latest shift forgotten: what began before it is no longer whole. */
  private final Map<String, Long> forgottenThrough = new HashMap<>();

  /**
   * @param keepMs how long before the newest shift of a station its shifts are kept
   * @param slicers the shift slicer of a site
   */
  ShiftHistory(long keepMs, Function<String, MinuteSlicer> slicers) {
    this.keepMs = keepMs;
    this.slicers = slicers;
  }

  static String key(String site, String area, String line, String station) {
    return site + '/' + area + '/' + line + '/' + station;
  }

  /** Reads an {@code oee} or {@code losses} point of a station's shift, if it is one. */
  void observe(Point point) {
    String measurement = point.measurement();
    boolean oee = measurement.equals(Points.OEE);
    if (!oee && !measurement.equals(Points.LOSSES)) {
      return;
    }
    String shiftId = point.tag("shift");
    String station = point.tag("station");
    if (shiftId == null || Points.LINE_STATION.equals(station)) {
      return;
    }
    if (oee
        ? !"shift".equals(point.tag("window"))
        : !"equipment_failure".equals(point.tag("loss"))) {
      return;
    }
    String site = point.tag("site");
    String area = point.tag("area");
    String line = point.tag("line");
    // A station's shift points come one after another, with the same tag strings: its key (and
    // the key's hash) and its shift are those of the point before.
    if (site != lastSite || area != lastArea || line != lastLine || station != lastStation) {
      lastSite = site;
      lastArea = area;
      lastLine = line;
      lastStation = station;
      lastKey = key(site, area, line, station);
      lastShifts = stations.computeIfAbsent(lastKey, k -> new TreeMap<>());
    }
    String key = lastKey;
    TreeMap<String, Sums> shifts = lastShifts;
    Sums before = shifts.get(shiftId);
    Sums now;
    if (oee) {
      Shift shift =
          lastShift != null && site.equals(lastShiftSite) && shiftId.equals(lastShift.id())
              ? lastShift
              : shift(site, shiftId, point.epochMilli());
      lastShiftSite = site;
      lastShift = shift;
      if (shift == null) {
        return;
      }
      double run = number(point.field("run_s"));
      Object performance = point.field("performance");
      now =
          new Sums(
              shift.startMillis(),
              shift.endMillis(),
              number(point.field("planned_s")),
              run,
              performance == null ? Double.NaN : number(performance) * run,
              ((Number) point.field("total")).longValue(),
              ((Number) point.field("good")).longValue(),
              before == null ? 0 : before.downS());
    } else {
      if (before == null) {
        return; // the oee point comes first
      }
      now = before.withDown(number(point.field("seconds")));
    }
    if (!now.equals(before)) {
      shifts.put(shiftId, now);
      changed.add(key);
      grown.add(key);
    }
  }

  /**
   * Forgets each station's shifts that ended longer than the kept time before its newest: after
   * what they are measured on has been read (a run of events may bring weeks of history at once).
   */
  void forgetOld() {
    for (String station : grown) {
      TreeMap<String, Sums> shifts = stations.get(station);
      long newest = Long.MIN_VALUE;
      for (Sums sums : shifts.values()) {
        newest = Math.max(newest, sums.endMs());
      }
      long keepFrom = newest - keepMs;
      shifts
          .values()
          .removeIf(
              sums -> {
                if (sums.endMs() < keepFrom) {
                  forgottenThrough.merge(station, sums.endMs(), Math::max);
                  return true;
                }
                return false;
              });
    }
    grown.clear();
  }

  /** Whether the station's shifts from {@code fromMs} on are all still kept. */
  boolean whole(String station, long fromMs) {
    Long forgotten = forgottenThrough.get(station);
    return forgotten == null || forgotten <= fromMs;
  }

  private Shift shift(String site, String shiftId, long ms) {
    MinuteSlicer slicer = slicers.apply(site);
    for (long at : new long[] {ms - 1, ms}) {
      Shift shift = slicer.shiftAt(at);
      if (shift != null && shift.id().equals(shiftId)) {
        return shift;
      }
    }
    return null;
  }

  private static double number(Object value) {
    return value == null ? 0 : ((Number) value).doubleValue();
  }

  /** Whether the shifts of any station changed since the last call. */
  boolean takeChanged() {
    boolean any = !changed.isEmpty();
    changed.clear();
    return any;
  }

  /**
   * The station's shifts that start at or after {@code fromMs} and end at or before {@code toMs}.
   */
  List<Sums> between(String station, long fromMs, long toMs) {
    List<Sums> list = new ArrayList<>();
    for (Sums sums : stations.getOrDefault(station, new TreeMap<>()).values()) {
      if (sums.startMs() >= fromMs && sums.endMs() <= toMs) {
        list.add(sums);
      }
    }
    list.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
    return list;
  }

  List<Saved> save() {
    List<Saved> saved = new ArrayList<>();
    stations.forEach(
        (station, shifts) ->
            shifts.forEach((shift, sums) -> saved.add(new Saved(station, shift, sums))));
    forgottenThrough.forEach(
        (station, endMs) ->
            saved.add(new Saved(station, null, new Sums(0, endMs, 0, 0, 0, 0, 0, 0))));
    return saved;
  }

  void restore(List<Saved> saved) {
    for (Saved each : saved) {
      if (each.shift() == null) {
        forgottenThrough.put(each.station(), each.sums().endMs());
      } else {
        stations
            .computeIfAbsent(each.station(), k -> new TreeMap<>())
            .put(each.shift(), each.sums());
      }
    }
  }
}
