package io.gemba.agent.simulate;

import io.gemba.collector.telemetry.Audit5s;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.KaizenUpdate;
import io.gemba.collector.telemetry.KaizenUpdate.Category;
import io.gemba.collector.telemetry.KaizenUpdate.Status;
import io.gemba.collector.telemetry.KaizenUpdate.TargetKpi;
import io.gemba.collector.telemetry.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The 5S audits and kaizen cards of one line, published on the line's topics (station {@code _}),
 * or a station's for a card about one station.
 *
 * <p>An audit comes after an exponential time of mean 16 hours; its scores improve slowly from
 * about 3 of 5 as audits go by, and it opens 0–4 red tags and closes 0–3 of those open. The plant's
 * last line is the one that lets 5S slip: after its first audit, the next come {@value
 * #RARE_AUDIT_MIN_DAYS}–{@value #RARE_AUDIT_MAX_DAYS} days apart, longer than the weekly cadence,
 * so that its audit is overdue a good part of the time.
 *
 * <p>A kaizen card is submitted after an exponential time of mean 20 hours, reviewed 1–4 days later
 * (80% approved, the rest rejected), and an approved card is implemented 2–10 days after that. Half
 * the cards have a target KPI (a quarter are about failures); three in four of those are about one
 * station of the line (not its test bench), the rest about the whole line. When a card is
 * implemented, the line hears of it ({@link Implemented}) and changes the stations it is about.
 * People audit and write cards at work: what falls due between shifts waits for the next shift.
 */
final class LeanActivity {

  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;
  private static final double AUDIT_MEAN_HOURS = 16;
  private static final double CARD_MEAN_HOURS = 20;
  private static final double APPROVED_SHARE = 0.8;
  private static final double STATION_CARD_SHARE = 0.75;

  /** The shortest gap between two audits of the line that audits rarely. */
  static final int RARE_AUDIT_MIN_DAYS = 10;

  /** The longest. */
  static final int RARE_AUDIT_MAX_DAYS = 14;

  /** Hears of the cards implemented, at their event time. */
  interface Implemented {
    /**
     * A card was implemented at {@code ms}.
     *
     * @param station the station it is about, or {@code null} for the whole line
     * @param target its target KPI
     */
    void implemented(long ms, String station, TargetKpi target);
  }

  private static final List<String> AUDITORS =
      List.of("S. Tanaka", "M. Hernández", "L. Ortega", "K. Sato");

  /**
   * A card on its way from submitted to implemented or rejected: its last status, and when the next
   * is due.
   */
  private record Card(
      String id,
      String station,
      Category category,
      String title,
      double savings,
      TargetKpi target,
      Status status,
      long dueMs) {

    Card next(Status next, long ms) {
      return new Card(id, station, category, title, savings, target, next, ms);
    }
  }

  private final String line;
  private final Random random;
  private final WorkingTime calendar;
  private final Emitter out;
  private final Topic auditTopic;
  private final List<String> stations;
  private final boolean auditsRarely;
  private final Implemented implemented;
  private final List<Card> cards = new ArrayList<>();
  private long nextAuditMs;
  private long nextCardMs;
  private int audits;
  private int cardNumber;
  private int openRedTags;

  /**
   * The lean activity of a line from {@code startMs} on.
   *
   * @param stations the stations a card may be about
   * @param auditsRarely whether this is the line that audits rarely
   * @param implemented hears of the cards implemented
   */
  LeanActivity(
      String line,
      List<String> stations,
      boolean auditsRarely,
      Random random,
      WorkingTime calendar,
      Emitter out,
      Implemented implemented,
      long startMs) {
    this.line = line;
    this.stations = List.copyOf(stations);
    this.auditsRarely = auditsRarely;
    this.random = random;
    this.calendar = calendar;
    this.out = out;
    this.implemented = implemented;
    this.auditTopic = topic(Topic.WHOLE, Channel.AUDIT5S);
    this.nextAuditMs = startMs + exponentialHours(AUDIT_MEAN_HOURS);
    this.nextCardMs = startMs + exponentialHours(CARD_MEAN_HOURS);
  }

  private Topic topic(String station, Channel channel) {
    return new Topic(SimulatedPlant.SITE, SimulatedPlant.AREA, line, station, channel);
  }

  /** The next time an audit or a card falls due. */
  long next() {
    long next = Math.min(nextAuditMs, nextCardMs);
    for (Card card : cards) {
      next = Math.min(next, card.dueMs());
    }
    return next;
  }

  /** Does what is due at {@code ms}, or moves it to the next shift. */
  void step(long ms) {
    long later = calendar.statusAt(ms) == WorkingTime.Status.OFF_SHIFT ? nextShiftMs(ms) : 0;
    if (nextAuditMs <= ms) {
      if (later > 0) {
        nextAuditMs = later;
      } else {
        audit(ms);
        nextAuditMs = ms + auditGapMs();
      }
    }
    if (nextCardMs <= ms) {
      if (later > 0) {
        nextCardMs = later;
      } else {
        submitCard(ms);
        nextCardMs = ms + Math.max(60_000, exponentialHours(CARD_MEAN_HOURS));
      }
    }
    for (int i = 0; i < cards.size(); i++) {
      Card card = cards.get(i);
      if (card.dueMs() <= ms) {
        if (later > 0) {
          cards.set(i, card.next(card.status(), later));
        } else if (card.status() == Status.SUBMITTED && random.nextDouble() < APPROVED_SHARE) {
          publish(ms, card, Status.APPROVED);
          long implemented = ms + 2 * DAY_MS + (long) (random.nextDouble() * 8 * DAY_MS);
          cards.set(i, card.next(Status.APPROVED, implemented));
        } else if (card.status() == Status.SUBMITTED) {
          publish(ms, card, Status.REJECTED);
          cards.remove(i--);
        } else {
          publish(ms, card, Status.IMPLEMENTED);
          cards.remove(i--);
          if (card.target() != null) {
            implemented.implemented(ms, card.station(), card.target());
          }
        }
      }
    }
  }

  private long auditGapMs() {
    if (auditsRarely) {
      long spanMs = (RARE_AUDIT_MAX_DAYS - RARE_AUDIT_MIN_DAYS) * DAY_MS;
      return RARE_AUDIT_MIN_DAYS * DAY_MS + (long) (random.nextDouble() * spanMs);
    }
    return Math.max(HOUR_MS, exponentialHours(AUDIT_MEAN_HOURS));
  }

  /** Some time into the next shift: people start with the line, not with the paperwork. */
  private long nextShiftMs(long ms) {
    long next = calendar.nextChangeAfter(ms);
    return next == Long.MAX_VALUE
        ? Long.MAX_VALUE
        : next + 30 * 60_000L + random.nextInt(7_200_000);
  }

  private void audit(long ms) {
    audits++;
    double level = Math.min(4.4, 2.9 + 0.02 * audits);
    double sort = pillar(level);
    double setInOrder = pillar(level);
    double shine = pillar(level + 0.2);
    double standardize = pillar(level - 0.2);
    double sustain = pillar(level - 0.4);
    int opened = random.nextInt(5);
    int closed = Math.min(openRedTags, random.nextInt(4));
    openRedTags += opened - closed;
    String auditor = AUDITORS.get(random.nextInt(AUDITORS.size()));
    out.emit(
        auditTopic,
        ms,
        envelope ->
            new Audit5s(
                envelope,
                auditor,
                5,
                new Audit5s.Scores(sort, setInOrder, shine, standardize, sustain),
                opened,
                closed));
  }

  private double pillar(double level) {
    return Math.max(0, Math.min(5, Math.round(level + 0.7 * random.nextGaussian())));
  }

  private void submitCard(long ms) {
    Category category = Category.values()[random.nextInt(Category.values().length)];
    Idea idea = IDEAS.get(category.ordinal()).get(random.nextInt(2));
    double savings = 1_000.0 * (20 + random.nextInt(580));
    TargetKpi target = idea.target();
    String station =
        target != null && !stations.isEmpty() && random.nextDouble() < STATION_CARD_SHARE
            ? stations.get(random.nextInt(stations.size()))
            : null;
    Card card =
        new Card(
            String.format("KZ-%s-%04d", line, ++cardNumber),
            station,
            category,
            idea.title(),
            savings,
            target,
            Status.SUBMITTED,
            ms + DAY_MS + (long) (random.nextDouble() * 3 * DAY_MS));
    cards.add(card);
    publish(ms, card, Status.SUBMITTED);
  }

  private void publish(long ms, Card card, Status status) {
    out.emit(
        topic(card.station() == null ? Topic.WHOLE : card.station(), Channel.KAIZEN),
        ms,
        envelope ->
            new KaizenUpdate(
                envelope,
                card.id(),
                status,
                card.category(),
                card.title(),
                card.savings(),
                card.target()));
  }

  private long exponentialHours(double meanHours) {
    return Math.round(-Math.log(1 - random.nextDouble()) * meanHours * HOUR_MS);
  }

  /** A kind of card: its title, and the KPI it targets or {@code null}. */
  private record Idea(String title, TargetKpi target) {}

  /**
   * Two kinds of card per category, in {@link Category} order. A quarter of the ideas are about
   * failures (downtime, availability, OEE), a quarter about cycle time, scrap or quality; the rest
   * have no KPI to measure.
   */
  private static final List<List<Idea>> IDEAS =
      List.of(
          List.of(
              new Idea("Light curtain on the busbar welder", null),
              new Idea("Anti-slip mats at cell loading", null)),
          List.of(
              new Idea("Poka-yoke on the HV connector", TargetKpi.SCRAP),
              new Idea("Vision check of weld seams", TargetKpi.QUALITY)),
          List.of(
              new Idea("Returnable cell trays", null),
              new Idea("Compressed-air leak hunt", TargetKpi.DOWNTIME)),
          List.of(
              new Idea("Kanban loop for BMS boards", TargetKpi.AVAILABILITY),
              new Idea("Milk run for housings", null)),
          List.of(
              new Idea("Quick-change fixture (SMED)", TargetKpi.OEE),
              new Idea("Torque tool balancer", TargetKpi.CYCLE_TIME)),
          List.of(
              new Idea("Solvent-free cleaning of housings", null),
              new Idea("LED lighting on the line", null)));
}
