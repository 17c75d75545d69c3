package io.gemba.collector.engine;

import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.Audit5s;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The 5S audits of each station, line or area (docs/kpis.md, "5S"): per audit the pillars and the
 * total as % of the maximum, the change against the audit before, the days since it, and the red
 * tags open (opened less closed over all audits); an audit is overdue once the event time reaches
 * it plus the cadence without a newer one, which writes an {@code audit_5s} point at that very time
 * with {@code overdue} 1. All of it follows from the audits kept, in time order, whatever order
 * they came in: a late audit rewrites what it changes, and takes back an overdue point that it
 * shows was not overdue (written again with {@code overdue} 0).
 */
final class FiveSAudits {

  static final String MEASUREMENT = "audit_5s";

  /** The most audits kept per scope; older ones leave their red tags in its sums. */
  static final int MAX_AUDITS = 128;

  private static final Comparator<Audit5s> ORDER =
      Comparator.<Audit5s, Instant>comparing(Audit5s::ts)
          .thenComparingLong(a -> a.envelope().seq());

  private static final long DAY_MS = 86_400_000L;

  /** One audited scope. */
  static final class Scope {
    final String[] tags;
    final TreeSet<Audit5s> audits = new TreeSet<>(ORDER);
    long foldedOpened;
    long foldedClosed;
    List<Point> emitted = List.of();

    Scope(String[] tags) {
      this.tags = tags;
    }
  }

  private final long cadenceMs;
  private final Map<String, Scope> scopes = new LinkedHashMap<>();
  private final List<Scope> dirty = new ArrayList<>();

  /** The earliest time at which a scope becomes overdue, for a flush to look at. */
  private long nextDueMs = Long.MAX_VALUE;

  FiveSAudits(long cadenceMs) {
    this.cadenceMs = cadenceMs;
  }

  void add(Audit5s audit) {
    String[] tags = Lean.scopeTags(audit.topic());
    Scope scope = scopes.computeIfAbsent(String.join("/", tags), k -> new Scope(tags));
    if (!scope.audits.add(audit)) {
      return;
    }
    while (scope.audits.size() > MAX_AUDITS) {
      Audit5s oldest = scope.audits.pollFirst();
      scope.foldedOpened += orZero(oldest.redTagsOpened());
      scope.foldedClosed += orZero(oldest.redTagsClosed());
    }
    if (!dirty.contains(scope)) {
      dirty.add(scope);
    }
  }

  /** Writes what changed: by the audits added, and by the event time reaching {@code clockMs}. */
  void flush(long clockMs, Consumer<Point> emit) {
    if (clockMs >= nextDueMs) {
      for (Scope scope : scopes.values()) {
        if (!dirty.contains(scope)) {
          dirty.add(scope);
        }
      }
    }
    if (dirty.isEmpty()) {
      return;
    }
    for (Scope scope : dirty) {
      scope.emitted = changes(scope, points(scope, clockMs), emit);
    }
    dirty.clear();
    nextDueMs = Long.MAX_VALUE;
    for (Scope scope : scopes.values()) {
      long due = scope.audits.last().ts().toEpochMilli() + cadenceMs;
      if (due > clockMs) {
        nextDueMs = Math.min(nextDueMs, due);
      }
    }
  }

  private List<Point> points(Scope scope, long clockMs) {
    List<Point> points = new ArrayList<>();
    long open = scope.foldedOpened - scope.foldedClosed;
    Audit5s previous = null;
    double previousTotal = Double.NaN;
    for (Audit5s audit : scope.audits) {
      long ts = audit.ts().toEpochMilli();
      if (previous != null) {
        long due = previous.ts().toEpochMilli() + cadenceMs;
        if (due <= ts) {
          points.add(overdue(scope, due, open));
        }
      }
      open += orZero(audit.redTagsOpened()) - orZero(audit.redTagsClosed());
      double max = audit.max();
      Audit5s.Scores s = audit.scores();
      double total = s.total() / (5 * max) * 100;
      Point.Builder point =
          point(scope, ts)
              .field("sort_pct", s.sort() / max * 100)
              .field("set_in_order_pct", s.setInOrder() / max * 100)
              .field("shine_pct", s.shine() / max * 100)
              .field("standardize_pct", s.standardize() / max * 100)
              .field("sustain_pct", s.sustain() / max * 100)
              .field("total_pct", total)
              .field("change_total_pct", total - previousTotal)
              .field(
                  "days_since_previous",
                  previous == null
                      ? Double.NaN
                      : (ts - previous.ts().toEpochMilli()) / (double) DAY_MS)
              .field("red_tags_opened", (long) orZero(audit.redTagsOpened()))
              .field("red_tags_closed", (long) orZero(audit.redTagsClosed()))
              .field("red_tags_open", open)
              .field("overdue", 0L);
      if (audit.auditor() != null) {
        point.field("auditor", audit.auditor());
      }
      points.add(point.build());
      previous = audit;
      previousTotal = total;
    }
    long due = previous.ts().toEpochMilli() + cadenceMs;
    if (due <= clockMs) {
      points.add(overdue(scope, due, open));
    }
    return points;
  }

  /**
   * Emits the points that differ from those written before; a time written before that no longer
   * has a point (an overdue point that a late audit took back) gets the scope's status at that
   * time, not overdue. Returns what is written now.
   */
  private List<Point> changes(Scope scope, List<Point> points, Consumer<Point> emit) {
    Map<Long, Point> before = new LinkedHashMap<>();
    for (Point point : scope.emitted) {
      before.put(point.epochMilli(), point);
    }
    List<Point> written = new ArrayList<>(points);
    for (Point point : points) {
      Point old = before.remove(point.epochMilli());
      if (old == null || !old.sameFieldsAs(point)) {
        emit.accept(point);
      }
    }
    for (Point old : before.values()) {
      Point status = status(scope, old.epochMilli());
      if (!old.sameFieldsAs(status)) {
        emit.accept(status);
      }
      written.add(status);
    }
    written.sort(Comparator.comparingLong(Point::epochMilli));
    return written;
  }

  /** The scope at {@code ms}, between audits: not overdue, the days since the audit before. */
  private Point status(Scope scope, long ms) {
    long open = scope.foldedOpened - scope.foldedClosed;
    Audit5s last = null;
    for (Audit5s audit : scope.audits) {
      if (audit.ts().toEpochMilli() > ms) {
        break;
      }
      open += orZero(audit.redTagsOpened()) - orZero(audit.redTagsClosed());
      last = audit;
    }
    return point(scope, ms)
        .field("overdue", 0L)
        .field(
            "days_since_last",
            last == null ? Double.NaN : (ms - last.ts().toEpochMilli()) / (double) DAY_MS)
        .field("red_tags_open", open)
        .build();
  }

  private Point overdue(Scope scope, long dueMs, long open) {
    return point(scope, dueMs)
        .field("overdue", 1L)
        .field("days_since_last", cadenceMs / (double) DAY_MS)
        .field("red_tags_open", open)
        .build();
  }

  private static Point.Builder point(Scope scope, long ms) {
    return Point.builder(MEASUREMENT, Instant.ofEpochMilli(ms))
        .tag("site", scope.tags[0])
        .tag("area", scope.tags[1])
        .tag("line", scope.tags[2])
        .tag("station", scope.tags[3]);
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  List<LeanSnapshot.Audit> snapshot(long clockMs) {
    List<LeanSnapshot.Audit> list = new ArrayList<>();
    for (Scope scope : scopes.values()) {
      Audit5s last = scope.audits.last();
      Audit5s before = scope.audits.lower(last);
      long open = scope.foldedOpened - scope.foldedClosed;
      for (Audit5s audit : scope.audits) {
        open += orZero(audit.redTagsOpened()) - orZero(audit.redTagsClosed());
      }
      double total = totalPct(last);
      long lastMs = last.ts().toEpochMilli();
      Audit5s.Scores s = last.scores();
      double max = last.max();
      list.add(
          new LeanSnapshot.Audit(
              scope.tags[0],
              scope.tags[1],
              scope.tags[2],
              scope.tags[3],
              last.ts(),
              last.auditor(),
              List.of(
                  s.sort() / max * 100,
                  s.setInOrder() / max * 100,
                  s.shine() / max * 100,
                  s.standardize() / max * 100,
                  s.sustain() / max * 100),
              total,
              before == null ? Double.NaN : total - totalPct(before),
              Math.max(0, clockMs - lastMs) / (double) DAY_MS,
              clockMs >= lastMs + cadenceMs,
              open,
              scope.audits.size()));
    }
    return list;
  }

  private static double totalPct(Audit5s audit) {
    return audit.scores().total() / (5 * audit.max()) * 100;
  }

  /** The audits kept, for a checkpoint. */
  List<Audit5s> audits() {
    List<Audit5s> all = new ArrayList<>();
    for (Scope scope : scopes.values()) {
      all.addAll(scope.audits);
    }
    return all;
  }

  /** Each scope's red tags of audits no longer kept, as {@code {opened, closed}} by scope key. */
  Map<String, long[]> folded() {
    Map<String, long[]> folded = new LinkedHashMap<>();
    scopes.forEach(
        (key, scope) -> {
          if (scope.foldedOpened != 0 || scope.foldedClosed != 0) {
            folded.put(key, new long[] {scope.foldedOpened, scope.foldedClosed});
          }
        });
    return folded;
  }

  /** Takes over a checkpoint's audits; their points, written before, are taken as written. */
  void restore(List<Audit5s> audits, Map<String, long[]> folded, long clockMs) {
    audits.forEach(this::add);
    folded.forEach(
        (key, sums) -> {
          Scope scope = scopes.get(key);
          if (scope != null) {
            scope.foldedOpened = sums[0];
            scope.foldedClosed = sums[1];
          }
        });
    flush(clockMs, point -> {});
  }
}
