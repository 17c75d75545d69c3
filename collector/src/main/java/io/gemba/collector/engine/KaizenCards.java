package io.gemba.collector.engine;

import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.KaizenUpdate;
import io.gemba.collector.telemetry.KaizenUpdate.Status;
import io.gemba.collector.telemetry.KaizenUpdate.TargetKpi;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Kaizen cards (docs/kpis.md, "Kaizen"): per line or area (a station's cards count with its line)
 * and per week and month, the cards that reached each status, with the savings per year and the
 * lead time from submitted to implemented of those implemented, and the implementation rate; and
 * for an implemented card with a target KPI, that KPI at its station (or its line's output station)
 * over the days before and after the implementation, written once the days after are over and again
 * whenever late data moves it.
 *
 * <p>A card is its id at a site; its updates are kept in time order, whatever order they came in,
 * and everything is computed from them: a status counts where it changes.
 */
final class KaizenCards {

  static final String MEASUREMENT = "kaizen";
  static final String EFFECT = "kaizen_effect";

  /** The most cards kept; the one updated longest ago is forgotten first. */
  static final int MAX_CARDS = 10_000;

  private static final long DAY_MS = 86_400_000L;

  private static final Comparator<KaizenUpdate> ORDER =
      Comparator.<KaizenUpdate, Instant>comparing(KaizenUpdate::ts)
          .thenComparingLong(u -> u.envelope().seq())
          .thenComparing(u -> u.status().name());

  /** One card: its updates, in time order. */
  static final class Card {
    final String site;
    final String id;
    final TreeSet<KaizenUpdate> updates = new TreeSet<>(ORDER);
    Point effectWritten;

    /**
     * The KPI before and after, as measured once the days after were over and while the history
     * still held them all: what the effect stays once it no longer does. Null before.
     */
    double[] measured;

    Card(String site, String id) {
      this.site = site;
      this.id = id;
    }

    KaizenUpdate latest() {
      return updates.last();
    }

    String[] scope() {
      return Lean.scopeTags(latest().topic());
    }

    /** The group of the card: its site, area and line (or {@value Lean#AREA}). */
    String group() {
      String[] tags = scope();
      return tags[0] + '/' + tags[1] + '/' + tags[2];
    }

    <T> T latestNonNull(Function<KaizenUpdate, T> field) {
      for (KaizenUpdate update : updates.descendingSet()) {
        T value = field.apply(update);
        if (value != null) {
          return value;
        }
      }
      return null;
    }

    /** The time of each change of status, in order. */
    List<Map.Entry<Long, Status>> transitions() {
      List<Map.Entry<Long, Status>> list = new ArrayList<>();
      Status last = null;
      for (KaizenUpdate update : updates) {
        if (update.status() != last) {
          list.add(Map.entry(update.ts().toEpochMilli(), update.status()));
          last = update.status();
        }
      }
      return list;
    }

    /** When it was implemented (the last time it became so), or null. */
    Long implementedMs() {
      Long at = null;
      for (Map.Entry<Long, Status> t : transitions()) {
        if (t.getValue() == Status.IMPLEMENTED) {
          at = t.getKey();
        }
      }
      return latest().status() == Status.IMPLEMENTED ? at : null;
    }

    /** When it was first submitted, or null. */
    Long submittedMs() {
      for (Map.Entry<Long, Status> t : transitions()) {
        if (t.getValue() == Status.SUBMITTED) {
          return t.getKey();
        }
      }
      return null;
    }
  }

  /** What a period's cards of one category and status sum to. */
  private static final class Tally {
    long count;
    double savings;
    double leadDays;
    long leadCount;
  }

  private final long effectMs;
  private final int effectDays;
  private final Function<String, ZoneId> zones;
  private final Function<String[], String> measuredStation;
  private final LinkedHashMap<String, Card> cards = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, List<Point>> emittedByGroup = new HashMap<>();
  private final List<String> dirtyGroups = new ArrayList<>();
  private boolean effectsDue;

  /**
   * @param effectDays the days before and after an implementation its effect is measured over
   * @param zones a site's zone, for weeks and months
   * @param measuredStation the station measured for a card's scope tags: the station, or for a line
   *     its output station; null for none
   */
  KaizenCards(
      int effectDays, Function<String, ZoneId> zones, Function<String[], String> measuredStation) {
    this.effectDays = effectDays;
    this.effectMs = effectDays * DAY_MS;
    this.zones = zones;
    this.measuredStation = measuredStation;
  }

  void add(KaizenUpdate update) {
    String site = update.topic().site();
    String key = site + '/' + update.id();
    Card card = cards.get(key);
    String groupBefore = card == null ? null : card.group();
    if (card == null) {
      card = new Card(site, update.id());
      cards.put(key, card);
      if (cards.size() > MAX_CARDS) {
        Card eldest = cards.values().iterator().next();
        cards.remove(eldest.site + '/' + eldest.id);
        due(eldest.group());
      }
    }
    if (!card.updates.add(update)) {
      return;
    }
    if (groupBefore != null && !groupBefore.equals(card.group())) {
      due(groupBefore);
    }
    due(card.group());
    effectsDue = true;
  }

  private void due(String group) {
    if (!dirtyGroups.contains(group)) {
      dirtyGroups.add(group);
    }
  }

  /** Effects are to be measured again: a station's history changed, or the event time moved. */
  void historyChanged() {
    effectsDue = true;
  }

  void flush(long clockMs, ShiftHistory history, Consumer<Point> emit) {
    for (String group : dirtyGroups) {
      List<Point> points = groupPoints(group);
      PointChanges.emit(emittedByGroup.getOrDefault(group, List.of()), points, emit);
      emittedByGroup.put(group, points);
    }
    dirtyGroups.clear();
    if (effectsDue) {
      effectsDue = false;
      for (Card card : cards.values()) {
        LeanSnapshot.KaizenEffect effect = effect(card, clockMs, history);
        if (effect == null
            || !effect.complete()
            || (Double.isNaN(effect.before()) && Double.isNaN(effect.after()))) {
          continue;
        }
        Point point = effectPoint(card, effect);
        if (card.effectWritten == null || !card.effectWritten.sameFieldsAs(point)) {
          emit.accept(point);
          card.effectWritten = point;
        }
      }
    }
  }

  private List<Point> groupPoints(String group) {
    List<Card> members = new ArrayList<>();
    for (Card card : cards.values()) {
      if (card.group().equals(group)) {
        members.add(card);
      }
    }
    if (members.isEmpty()) {
      return List.of();
    }
    members.sort(Comparator.comparing(c -> c.id));
    String[] tags = members.get(0).scope();
    ZoneId zone = zones.apply(tags[0]);
    // By period kind, then start, then category and status.
    Map<String, TreeMap<Long, Map<String, EnumMap<Status, Tally>>>> periods = new TreeMap<>();
    for (Card card : members) {
      String category = card.latest().category().name();
      Double savings = card.latestNonNull(KaizenUpdate::savingsPerYear);
      Long submitted = card.submittedMs();
      for (Map.Entry<Long, Status> t : card.transitions()) {
        for (String kind : new String[] {"week", "month"}) {
          long start = periodStart(kind, t.getKey(), zone);
          Tally tally =
              periods
                  .computeIfAbsent(kind, k -> new TreeMap<>())
                  .computeIfAbsent(start, s -> new TreeMap<>())
                  .computeIfAbsent(category, c -> new EnumMap<>(Status.class))
                  .computeIfAbsent(t.getValue(), s -> new Tally());
          tally.count++;
          if (t.getValue() == Status.IMPLEMENTED) {
            tally.savings += savings == null ? 0 : savings;
            if (submitted != null && submitted <= t.getKey()) {
              tally.leadDays += (t.getKey() - submitted) / (double) DAY_MS;
              tally.leadCount++;
            }
          }
        }
      }
    }
    List<Point> points = new ArrayList<>();
    periods.forEach(
        (kind, byStart) ->
            byStart.forEach(
                (start, byCategory) ->
                    byCategory.forEach(
                        (category, byStatus) -> {
                          Tally submittedTally = byStatus.get(Status.SUBMITTED);
                          byStatus.forEach(
                              (status, tally) -> {
                                Point.Builder point =
                                    Point.builder(MEASUREMENT, Instant.ofEpochMilli(start))
                                        .tag("site", tags[0])
                                        .tag("area", tags[1])
                                        .tag("line", tags[2])
                                        .tag("station", Lean.lineStation(tags[2]))
                                        .tag("period", kind)
                                        .tag("status", status.name())
                                        .tag("category", category)
                                        .field("count", tally.count);
                                if (status == Status.IMPLEMENTED) {
                                  point
                                      .field("savings_per_year", tally.savings)
                                      .field(
                                          "lead_time_days",
                                          tally.leadCount == 0
                                              ? Double.NaN
                                              : tally.leadDays / tally.leadCount)
                                      .field(
                                          "implementation_rate",
                                          submittedTally == null
                                              ? Double.NaN
                                              : tally.count / (double) submittedTally.count);
                                }
                                points.add(point.build());
                              });
                        })));
    return points;
  }

  static long periodStart(String kind, long ms, ZoneId zone) {
    ZonedDateTime at = Instant.ofEpochMilli(ms).atZone(zone).toLocalDate().atStartOfDay(zone);
    ZonedDateTime start =
        kind.equals("week")
            ? at.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            : at.withDayOfMonth(1);
    return start.toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli();
  }

  /** The card's effect as it stands, or null if it has none to measure. */
  private LeanSnapshot.KaizenEffect effect(Card card, long clockMs, ShiftHistory history) {
    Long implemented = card.implementedMs();
    TargetKpi kpi = card.latestNonNull(KaizenUpdate::targetKpi);
    if (implemented == null || kpi == null) {
      return null;
    }
    String[] tags = card.scope();
    String station = measuredStation.apply(tags);
    if (station == null) {
      return null;
    }
    String key = ShiftHistory.key(tags[0], tags[1], tags[2], station);
    boolean complete = clockMs >= implemented + effectMs;
    double before;
    double after;
    if (history.whole(key, implemented - effectMs) || card.measured == null) {
      before = value(kpi, history.between(key, implemented - effectMs, implemented));
      after = value(kpi, history.between(key, implemented, implemented + effectMs));
      if (complete && history.whole(key, implemented - effectMs)) {
        card.measured = new double[] {before, after};
      }
    } else {
      before = card.measured[0];
      after = card.measured[1];
    }
    double change = after - before;
    boolean lowerIsBetter =
        kpi == TargetKpi.DOWNTIME || kpi == TargetKpi.SCRAP || kpi == TargetKpi.CYCLE_TIME;
    return new LeanSnapshot.KaizenEffect(
        tags[0],
        tags[1],
        tags[2],
        station,
        card.id,
        kpi.wireName(),
        Instant.ofEpochMilli(implemented),
        before,
        after,
        change,
        lowerIsBetter ? change < 0 : change > 0,
        complete);
  }

  /** A KPI over some shifts, from their sums; NaN without them. */
  static double value(TargetKpi kpi, List<ShiftHistory.Sums> shifts) {
    double planned = 0;
    double run = 0;
    double ideal = 0;
    double idealGood = 0;
    double down = 0;
    long total = 0;
    long good = 0;
    for (ShiftHistory.Sums s : shifts) {
      planned += s.plannedS();
      run += s.runS();
      ideal += s.idealS();
      idealGood += s.total() == 0 ? 0 : s.idealS() * s.good() / s.total();
      down += s.downS();
      total += s.total();
      good += s.good();
    }
    if (shifts.isEmpty()) {
      return Double.NaN;
    }
    return switch (kpi) {
      case OEE -> idealGood / planned;
      case AVAILABILITY -> run / planned;
      case PERFORMANCE -> ideal / run;
      case QUALITY -> good / (double) total;
      case CYCLE_TIME -> run / total;
      case DOWNTIME -> down / planned;
      case SCRAP -> (total - good) / (double) total;
    };
  }

  private Point effectPoint(Card card, LeanSnapshot.KaizenEffect effect) {
    return Point.builder(EFFECT, effect.implemented())
        .tag("site", effect.site())
        .tag("area", effect.area())
        .tag("line", effect.line())
        .tag("station", effect.station())
        .tag("kaizen", card.id)
        .tag("kpi", effect.kpi())
        .tag("category", card.latest().category().name())
        .field("before", effect.before())
        .field("after", effect.after())
        .field("change", effect.change())
        .field("change_pct", effect.change() / effect.before() * 100)
        .field("improved", effect.improved() ? 1L : 0L)
        .field("days", (long) effectDays)
        .field(
            "savings_per_year",
            Objects.requireNonNullElse(card.latestNonNull(KaizenUpdate::savingsPerYear), 0.0))
        .build();
  }

  List<LeanSnapshot.KaizenGroup> groups() {
    Map<String, List<Card>> byGroup = new TreeMap<>();
    for (Card card : cards.values()) {
      byGroup.computeIfAbsent(card.group(), g -> new ArrayList<>()).add(card);
    }
    List<LeanSnapshot.KaizenGroup> list = new ArrayList<>();
    byGroup.forEach(
        (group, members) -> {
          String[] tags = members.get(0).scope();
          Map<String, Long> byStatus = new LinkedHashMap<>();
          for (Status status : Status.values()) {
            byStatus.put(status.name(), 0L);
          }
          long submitted = 0;
          long implemented = 0;
          double lead = 0;
          long leadCount = 0;
          double savings = 0;
          for (Card card : members) {
            byStatus.merge(card.latest().status().name(), 1L, Long::sum);
            Long submittedMs = card.submittedMs();
            Long implementedMs = card.implementedMs();
            submitted += submittedMs != null ? 1 : 0;
            if (implementedMs != null) {
              implemented++;
              Double s = card.latestNonNull(KaizenUpdate::savingsPerYear);
              savings += s == null ? 0 : s;
              if (submittedMs != null && submittedMs <= implementedMs) {
                lead += (implementedMs - submittedMs) / (double) DAY_MS;
                leadCount++;
              }
            }
          }
          list.add(
              new LeanSnapshot.KaizenGroup(
                  tags[0],
                  tags[1],
                  tags[2],
                  byStatus,
                  submitted,
                  implemented,
                  submitted == 0 ? Double.NaN : implemented / (double) submitted,
                  leadCount == 0 ? Double.NaN : lead / leadCount,
                  savings));
        });
    return list;
  }

  List<LeanSnapshot.KaizenEffect> effects(long clockMs, ShiftHistory history) {
    List<LeanSnapshot.KaizenEffect> list = new ArrayList<>();
    for (Card card : cards.values()) {
      LeanSnapshot.KaizenEffect effect = effect(card, clockMs, history);
      if (effect != null) {
        list.add(effect);
      }
    }
    list.sort(Comparator.comparing(LeanSnapshot.KaizenEffect::implemented).reversed());
    return list;
  }

  /** The effects measured, by card ({@code site/id}), for a checkpoint. */
  Map<String, double[]> measured() {
    Map<String, double[]> measured = new LinkedHashMap<>();
    cards.forEach(
        (key, card) -> {
          if (card.measured != null) {
            measured.put(key, card.measured);
          }
        });
    return measured;
  }

  /** Every update kept, for a checkpoint. */
  List<KaizenUpdate> updates() {
    List<KaizenUpdate> all = new ArrayList<>();
    for (Card card : cards.values()) {
      all.addAll(card.updates);
    }
    return all;
  }

  /** Takes over a checkpoint's updates; their points, written before, are taken as written. */
  void restore(
      List<KaizenUpdate> updates,
      Map<String, double[]> measured,
      long clockMs,
      ShiftHistory history) {
    updates.forEach(this::add);
    measured.forEach(
        (key, values) -> {
          Card card = cards.get(key);
          if (card != null) {
            card.measured = values;
          }
        });
    flush(clockMs, history, point -> {});
  }
}
