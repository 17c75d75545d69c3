package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.DOWN;
import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.telemetry.Audit5s;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.KaizenUpdate;
import io.gemba.collector.telemetry.KaizenUpdate.Category;
import io.gemba.collector.telemetry.KaizenUpdate.Status;
import io.gemba.collector.telemetry.KaizenUpdate.TargetKpi;
import io.gemba.collector.telemetry.PartConsumed;
import io.gemba.collector.telemetry.Topic;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * 5S, kaizen and local content on line {@code line-1} of site {@code plant} (country DE, Berlin),
 * shift A 06:00–14:00 Monday to Friday with a tea break 09:00–09:15 (465 planned minutes), in the
 * week of Monday 2026-11-30. Expected values worked out by hand in the comments.
 */
class LeanScenarioTest {

  private static final Offset<Double> CLOSE = within(1e-9);

  private static EngineHarness plant(LeanPolicy lean) {
    return new EngineHarness(
        ZoneId.of("Europe/Berlin"),
        List.of(EngineFixtures.morningShift(LocalTime.of(9, 0))),
        EngineFixtures.onChangeOnly(KpiPolicy.defaults()),
        QualityPolicy.defaults(),
        lean,
        EngineHarness.station("eol", IdealCycleTimes.of(Duration.ofSeconds(60))));
  }

  private static Audit5s audit(
      EngineHarness p, String at, double[] scores, Integer opened, Integer closed) {
    return new Audit5s(
        p.envelope(Topic.WHOLE, Channel.AUDIT5S, at),
        "S. Tanaka",
        5,
        new Audit5s.Scores(scores[0], scores[1], scores[2], scores[3], scores[4]),
        opened,
        closed);
  }

  private static KaizenUpdate card(
      EngineHarness p,
      String station,
      String at,
      String id,
      Status status,
      Category category,
      Double savings,
      TargetKpi target) {
    return new KaizenUpdate(
        p.envelope(station, Channel.KAIZEN, at), id, status, category, null, savings, target);
  }

  /**
   * Audit 1, Monday 09:00: 4, 3, 4, 3, 2 of 5 = 80, 60, 80, 60, 40 %, total 16 / 25 = 64 %; 3 red
   * tags opened. Audit 2, Wednesday 09:00: 5, 4, 4, 4, 3 = 20 / 25 = 80 %, +16 against audit 1, 2
   * days after it; 1 opened, 2 closed: 3 + 1 − 2 = 2 open.
   */
  @Test
  void audits_pillarsTotalChangeAndRedTags() {
    EngineHarness p = plant(LeanPolicy.defaults());
    p.feed(audit(p, "2026-11-30T09:00", new double[] {4, 3, 4, 3, 2}, 3, 0));
    p.feed(audit(p, "2026-12-02T09:00", new double[] {5, 4, 4, 4, 3}, 1, 2));

    Map<String, Object> first = p.point("audit_5s", "2026-11-30T09:00", "station", "_line");
    assertThat((double) first.get("sort_pct")).isCloseTo(80, CLOSE);
    assertThat((double) first.get("set_in_order_pct")).isCloseTo(60, CLOSE);
    assertThat((double) first.get("sustain_pct")).isCloseTo(40, CLOSE);
    assertThat((double) first.get("total_pct")).isCloseTo(64, CLOSE);
    assertThat(first).containsEntry("red_tags_open", 3L).doesNotContainKey("change_total_pct");

    Map<String, Object> second = p.point("audit_5s", "2026-12-02T09:00", "station", "_line");
    assertThat((double) second.get("total_pct")).isCloseTo(80, CLOSE);
    assertThat((double) second.get("change_total_pct")).isCloseTo(16, CLOSE);
    assertThat((double) second.get("days_since_previous")).isCloseTo(2, CLOSE);
    assertThat(second).containsEntry("red_tags_open", 2L).containsEntry("overdue", 0L);

    LeanSnapshot.Audit snapshot = p.engine.lean().audits().get(0);
    assertThat(snapshot.line()).isEqualTo(EngineHarness.LINE);
    assertThat(snapshot.station()).isEqualTo("_line");
    assertThat(snapshot.totalPct()).isCloseTo(80, CLOSE);
    assertThat(snapshot.changeTotalPct()).isCloseTo(16, CLOSE);
    assertThat(snapshot.redTagsOpen()).isEqualTo(2);
  }

  /**
   * Cadence 7 days from the audit of Monday 09:00: overdue at Monday 2026-12-07 09:00 exactly, by
   * event time (the station's messages), not a millisecond before. A late audit of Saturday
   * 2026-12-05 then shows it was not overdue: the overdue point is written again with overdue 0.
   */
  @Test
  void auditOverdue_exactlyAtTheCadence_onEventTime_andTakenBackByALateAudit() {
    EngineHarness p = plant(LeanPolicy.defaults());
    p.feed(p.heartbeat("eol", "2026-11-30T08:00"));
    p.feed(audit(p, "2026-11-30T09:00", new double[] {4, 3, 4, 3, 2}, null, null));

    p.feed(p.heartbeat("eol", "2026-12-07T08:59:59.999"));
    assertThat(p.points("audit_5s", "overdue", "1")).isEmpty();
    assertThat(p.engine.lean().audits().get(0).overdue()).isFalse();
    assertThat(p.emitted.stream().filter(x -> x.measurement().equals("audit_5s"))).hasSize(1);

    p.feed(p.heartbeat("eol", "2026-12-07T09:00"));
    Map<String, Object> overdue = p.point("audit_5s", "2026-12-07T09:00", "station", "_line");
    assertThat(overdue).containsEntry("overdue", 1L);
    assertThat((double) overdue.get("days_since_last")).isCloseTo(7, CLOSE);
    LeanSnapshot.Audit snapshot = p.engine.lean().audits().get(0);
    assertThat(snapshot.overdue()).isTrue();
    assertThat(snapshot.daysSinceLast()).isCloseTo(7, CLOSE);

    p.feed(audit(p, "2026-12-05T10:00", new double[] {4, 4, 4, 4, 4}, null, null));
    Map<String, Object> takenBack = p.point("audit_5s", "2026-12-07T09:00", "station", "_line");
    // Saturday 10:00 to Monday 09:00: 1 day 23 hours.
    assertThat(takenBack).containsEntry("overdue", 0L);
    assertThat((double) takenBack.get("days_since_last")).isCloseTo(47.0 / 24, CLOSE);
    assertThat(p.engine.lean().audits().get(0).overdue()).isFalse();
  }

  /**
   * Station eol makes product P (from its order). Parts: 6 × 10.00 from DE (local), 4 × 40.00 from
   * JP (imported). By quantity 6 / 10 = 60 %; by value 60 / (60 + 160) = 27.27 %: the imported
   * parts are the dear ones.
   */
  @Test
  void localContent_byValueDiffersFromByQuantity() {
    EngineHarness p = plant(LeanPolicy.defaults());
    p.feed(p.orderStart("eol", "2026-11-30T06:00", "WO-1", "P"));
    p.feed(part(p, "2026-11-30T07:00", "DE", 6, 10.0));
    p.feed(part(p, "2026-11-30T07:05", "JP", 4, 40.0));

    Map<String, Object> month =
        p.point("local_content", "2026-11-01T00:00", "product", "P", "station", "_line");
    assertThat((double) month.get("qty_pct")).isCloseTo(60, CLOSE);
    assertThat((double) month.get("value_pct")).isCloseTo(100 * 60.0 / 220, CLOSE);
    assertThat((double) month.get("target_pct")).isCloseTo(60, CLOSE);
    assertThat((double) month.get("qty_local")).isCloseTo(6, CLOSE);
    assertThat((double) month.get("value_imported")).isCloseTo(160, CLOSE);
    Map<String, Object> all = p.point("local_content", "2026-11-01T00:00", "product", "_all");
    assertThat((double) all.get("qty_pct")).isCloseTo(60, CLOSE);

    // December's parts go to December.
    p.feed(part(p, "2026-12-01T07:00", "JP", 1, 40.0));
    Map<String, Object> december = p.point("local_content", "2026-12-01T00:00", "product", "P");
    assertThat((double) december.get("qty_pct")).isZero();
  }

  /**
   * Parts of unknown origin (no {@code origin}) are counted apart: 6 × 10.00 from DE (local), 4 ×
   * 40.00 from JP (imported), 5 × 20.00 of unknown origin. The shares stay 6 / 10 = 60 % and 60 /
   * 220 = 27.27 %, as without them (neither local nor imported), and the 5 (100.00) are their own
   * fields. A part without a cost counts by quantity only, and as such.
   */
  @Test
  void localContent_unknownOrigin_countedApart_neitherLocalNorImported() {
    EngineHarness p = plant(LeanPolicy.defaults());
    p.feed(p.orderStart("eol", "2026-11-30T06:00", "WO-1", "P"));
    p.feed(part(p, "2026-11-30T07:00", "DE", 6, 10.0));
    p.feed(part(p, "2026-11-30T07:05", "JP", 4, 40.0));
    p.feed(part(p, "2026-11-30T07:10", null, 5, 20.0));
    p.feed(part(p, "2026-11-30T07:15", "DE", 2, null));

    Map<String, Object> month =
        p.point("local_content", "2026-11-01T00:00", "product", "P", "station", "_line");
    // By quantity the part without a cost is local: (6 + 2) / (8 + 4) = 66.67 %; by value it is
    // not there: 60 / 220.
    assertThat((double) month.get("qty_pct")).isCloseTo(100 * 8.0 / 12, CLOSE);
    assertThat((double) month.get("value_pct")).isCloseTo(100 * 60.0 / 220, CLOSE);
    assertThat((double) month.get("qty_local")).isCloseTo(8, CLOSE);
    assertThat((double) month.get("qty_imported")).isCloseTo(4, CLOSE);
    assertThat((double) month.get("qty_unknown_origin")).isCloseTo(5, CLOSE);
    assertThat((double) month.get("value_unknown_origin")).isCloseTo(100, CLOSE);
    assertThat((double) month.get("qty_without_cost")).isCloseTo(2, CLOSE);
    LeanSnapshot.LocalContent snapshot =
        p.engine.lean().localContent().stream()
            .filter(l -> l.product().equals("P"))
            .findFirst()
            .orElseThrow();
    assertThat(snapshot.qtyUnknownOrigin()).isCloseTo(5, CLOSE);
  }

  static PartConsumed part(EngineHarness p, String at, String origin, double qty, Double cost) {
    return new PartConsumed(
        p.envelope("eol", Channel.PART, at), "INV-220-A", "Supplier", origin, qty, cost);
  }

  /**
   * K1 (QUALITY, 120,000 a year): submitted Monday 10:00, approved Tuesday, implemented Thursday
   * 10:00: a lead time of 3 days. K2 (COST): submitted Wednesday, rejected Friday. Week of
   * 2026-11-30: QUALITY submitted 1, approved 1, implemented 1 (rate 1 / 1); COST submitted 1,
   * rejected 1. Over the line: 2 submitted, 1 implemented: rate 0.5.
   */
  @Test
  void kaizen_byStatusAndPeriod_leadTimeSavingsAndRate() {
    EngineHarness p = plant(LeanPolicy.defaults());
    Category q = Category.QUALITY;
    p.feed(card(p, Topic.WHOLE, "2026-11-30T10:00", "K1", Status.SUBMITTED, q, 120_000.0, null));
    p.feed(card(p, Topic.WHOLE, "2026-12-01T10:00", "K1", Status.APPROVED, q, null, null));
    p.feed(card(p, Topic.WHOLE, "2026-12-03T10:00", "K1", Status.IMPLEMENTED, q, null, null));
    p.feed(
        card(
            p, Topic.WHOLE, "2026-12-02T11:00", "K2", Status.SUBMITTED, Category.COST, null, null));
    p.feed(
        card(p, Topic.WHOLE, "2026-12-04T11:00", "K2", Status.REJECTED, Category.COST, null, null));

    Map<String, Object> implemented =
        p.point(
            "kaizen",
            "2026-11-30T00:00",
            "period",
            "week",
            "status",
            "IMPLEMENTED",
            "category",
            "QUALITY");
    assertThat(implemented).containsEntry("count", 1L);
    assertThat((double) implemented.get("lead_time_days")).isCloseTo(3, CLOSE);
    assertThat((double) implemented.get("savings_per_year")).isCloseTo(120_000, CLOSE);
    assertThat((double) implemented.get("implementation_rate")).isCloseTo(1, CLOSE);
    assertThat(
            p.point(
                "kaizen",
                "2026-11-30T00:00",
                "period",
                "week",
                "status",
                "SUBMITTED",
                "category",
                "COST"))
        .containsEntry("count", 1L);
    // The month of the first of November holds Monday's submission; December the rest.
    assertThat(
            p.point(
                "kaizen",
                "2026-11-01T00:00",
                "period",
                "month",
                "status",
                "SUBMITTED",
                "category",
                "QUALITY"))
        .containsEntry("count", 1L);

    LeanSnapshot.KaizenGroup group = p.engine.lean().kaizens().get(0);
    assertThat(group.byStatus())
        .containsEntry("IMPLEMENTED", 1L)
        .containsEntry("REJECTED", 1L)
        .containsEntry("SUBMITTED", 0L);
    assertThat(group.implementationRate()).isCloseTo(0.5, CLOSE);
    assertThat(group.leadTimeDays()).isCloseTo(3, CLOSE);
    assertThat(group.savingsPerYear()).isCloseTo(120_000, CLOSE);
  }

  /**
   * A kaizen on station eol's downtime, implemented Wednesday 2026-12-02 05:00, measured over one
   * day before and after. Tuesday's shift (465 planned minutes) had 60 minutes DOWN: 60 / 465 =
   * 0.12903; Wednesday's 30: 0.06452. The change is −30 / 465, −50 %: downtime halved, improved.
   * Written once the day after is over (Thursday 05:00 in event time), not before.
   */
  @Test
  void kaizenEffect_downtimeHalves() {
    EngineHarness p = plant(new LeanPolicy(Duration.ofDays(7), 1));
    p.feed(
        card(
            p,
            "eol",
            "2026-11-30T10:00",
            "K7",
            Status.SUBMITTED,
            Category.PRODUCTIVITY,
            50_000.0,
            TargetKpi.DOWNTIME));
    p.feed(
        p.state("eol", "2026-12-01T06:00", RUNNING),
        p.state("eol", "2026-12-01T07:00", DOWN, "jam"),
        p.state("eol", "2026-12-01T08:00", RUNNING));
    p.feed(
        card(
            p,
            "eol",
            "2026-12-02T05:00",
            "K7",
            Status.IMPLEMENTED,
            Category.PRODUCTIVITY,
            null,
            null));
    p.feed(
        p.state("eol", "2026-12-02T07:00", DOWN, "jam"),
        p.state("eol", "2026-12-02T07:30", RUNNING));
    p.timeMovesOn("2026-12-02T14:10");
    assertThat(p.points("kaizen_effect")).isEmpty();

    p.timeMovesOn("2026-12-03T05:00");
    Map<String, Object> effect = p.point("kaizen_effect", "2026-12-02T05:00", "kaizen", "K7");
    assertThat((double) effect.get("before")).isCloseTo(60.0 / 465, CLOSE);
    assertThat((double) effect.get("after")).isCloseTo(30.0 / 465, CLOSE);
    assertThat((double) effect.get("change")).isCloseTo(-30.0 / 465, CLOSE);
    assertThat((double) effect.get("change_pct")).isCloseTo(-50, CLOSE);
    assertThat(effect).containsEntry("improved", 1L).containsEntry("days", 1L);
    assertThat(p.points("kaizen_effect").get(0).tags())
        .containsEntry("kpi", "downtime")
        .containsEntry("station", "eol");

    LeanSnapshot.KaizenEffect snapshot = p.engine.lean().effects().get(0);
    assertThat(snapshot.complete()).isTrue();
    assertThat(snapshot.improved()).isTrue();

    // Two weeks on, the shifts it was measured on are forgotten (four days are kept): it stays.
    int written = p.points("kaizen_effect").size();
    for (int day = 3; day <= 17; day++) {
      p.timeMovesOn(String.format("2026-12-%02dT14:10", day));
    }
    assertThat(p.points("kaizen_effect")).hasSize(written);
    assertThat(p.point("kaizen_effect", "2026-12-02T05:00", "kaizen", "K7"))
        .containsEntry("improved", 1L);
    assertThat(p.engine.lean().effects().get(0).before()).isCloseTo(60.0 / 465, CLOSE);
    KpiEngine restored = KpiEngine.restore(p.model, point -> {}, p.engine.checkpoint());
    assertThat(restored.lean().effects()).isEqualTo(p.engine.lean().effects());
  }

  @Test
  void restored_goesOnAsIfItHadNotStopped() {
    EngineHarness p = plant(LeanPolicy.defaults());
    p.feed(p.heartbeat("eol", "2026-11-30T08:00"));
    p.feed(audit(p, "2026-11-30T09:00", new double[] {4, 3, 4, 3, 2}, 3, 0));
    p.feed(
        card(p, Topic.WHOLE, "2026-11-30T10:00", "K1", Status.SUBMITTED, Category.COST, 5.0, null));
    p.feed(p.orderStart("eol", "2026-11-30T06:00", "WO-1", "P"));
    p.feed(part(p, "2026-11-30T07:00", "DE", 6, 10.0));

    KpiEngine restored = KpiEngine.restore(p.model, point -> {}, p.engine.checkpoint());
    assertThat(restored.lean()).isEqualTo(p.engine.lean());

    // Going on: the audit becomes overdue in the restored engine as in the first.
    List<io.gemba.collector.point.Point> after = new java.util.ArrayList<>();
    KpiEngine again = KpiEngine.restore(p.model, after::add, p.engine.checkpoint());
    again.accept(p.heartbeat("eol", "2026-12-07T09:00"));
    assertThat(again.lean().audits().get(0).overdue()).isTrue();
    assertThat(after).anyMatch(x -> x.measurement().equals("audit_5s"));
  }
}
