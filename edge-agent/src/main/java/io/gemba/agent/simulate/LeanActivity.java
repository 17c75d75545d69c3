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
 * The 5S audits and kaizen cards of one line, published on the line's topics (station {@code _}).
 *
 * <p>An audit comes after an exponential time of mean 16 hours; its scores improve slowly from
 * about 3 of 5 as audits go by. A kaizen card is submitted after an exponential time of mean 10
 * hours, reviewed 1–4 days later (80% approved, the rest rejected), and an approved card is
 * implemented 2–10 days after that. People audit and write cards at work: what falls due between
 * shifts waits for the next shift.
 */
final class LeanActivity {

  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;
  private static final double AUDIT_MEAN_HOURS = 16;
  private static final double CARD_MEAN_HOURS = 10;
  private static final double APPROVED_SHARE = 0.8;
  private static final List<String> AUDITORS =
      List.of("S. Tanaka", "M. Hernández", "L. Ortega", "K. Sato");

  /**
   * A card on its way from submitted to implemented or rejected: its last status, and when the next
   * is due.
   */
  private record Card(
      String id,
      Category category,
      String title,
      double savings,
      TargetKpi target,
      Status status,
      long dueMs) {

    Card next(Status next, long ms) {
      return new Card(id, category, title, savings, target, next, ms);
    }
  }

  private final String line;
  private final Random random;
  private final WorkingTime calendar;
  private final Emitter out;
  private final Topic auditTopic;
  private final Topic kaizenTopic;
  private final List<Card> cards = new ArrayList<>();
  private long nextAuditMs;
  private long nextCardMs;
  private int audits;
  private int cardNumber;
  private int openRedTags;

  LeanActivity(String line, Random random, WorkingTime calendar, Emitter out, long startMs) {
    this.line = line;
    this.random = random;
    this.calendar = calendar;
    this.out = out;
    this.auditTopic = topic(Channel.AUDIT5S);
    this.kaizenTopic = topic(Channel.KAIZEN);
    this.nextAuditMs = startMs + exponentialHours(AUDIT_MEAN_HOURS);
    this.nextCardMs = startMs + exponentialHours(CARD_MEAN_HOURS);
  }

  private Topic topic(Channel channel) {
    return new Topic(SimulatedPlant.SITE, SimulatedPlant.AREA, line, Topic.WHOLE, channel);
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
        nextAuditMs = ms + Math.max(HOUR_MS, exponentialHours(AUDIT_MEAN_HOURS));
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
        } else {
          publish(
              ms, card, card.status() == Status.SUBMITTED ? Status.REJECTED : Status.IMPLEMENTED);
          cards.remove(i--);
        }
      }
    }
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
    String title = TITLES.get(category.ordinal()).get(random.nextInt(2));
    double savings = 1_000.0 * (20 + random.nextInt(580));
    Card card =
        new Card(
            String.format("KZ-%s-%04d", line, ++cardNumber),
            category,
            title,
            savings,
            target(category),
            Status.SUBMITTED,
            ms + DAY_MS + (long) (random.nextDouble() * 3 * DAY_MS));
    cards.add(card);
    publish(ms, card, Status.SUBMITTED);
  }

  private void publish(long ms, Card card, Status status) {
    out.emit(
        kaizenTopic,
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

  private TargetKpi target(Category category) {
    return switch (category) {
      case QUALITY -> random.nextBoolean() ? TargetKpi.SCRAP : TargetKpi.QUALITY;
      case PRODUCTIVITY -> random.nextBoolean() ? TargetKpi.CYCLE_TIME : TargetKpi.OEE;
      case COST -> TargetKpi.DOWNTIME;
      case DELIVERY -> TargetKpi.AVAILABILITY;
      case SAFETY, ENVIRONMENT -> null;
    };
  }

  private long exponentialHours(double meanHours) {
    return Math.round(-Math.log(1 - random.nextDouble()) * meanHours * HOUR_MS);
  }

  /** Two card titles per category, in {@link Category} order. */
  private static final List<List<String>> TITLES =
      List.of(
          List.of("Light curtain on the busbar welder", "Anti-slip mats at cell loading"),
          List.of("Poka-yoke on the HV connector", "Vision check of weld seams"),
          List.of("Returnable cell trays", "Compressed-air leak hunt"),
          List.of("Kanban loop for BMS boards", "Milk run for housings"),
          List.of("Quick-change fixture (SMED)", "Torque tool balancer"),
          List.of("Solvent-free cleaning of housings", "LED lighting on the line"));
}
