package io.gemba.collector.engine;

import java.time.Instant;
import java.util.List;

/**
 * The lean KPIs as they stand: 5S per audited scope, kaizen cards per line or area, their measured
 * effects, and local content per line, product and month. A scope's {@code line} is {@value
 * Lean#AREA} for an area's own, its {@code station} {@value Points#LINE_STATION} for a line's own
 * (and {@value Lean#AREA} for an area's). Ratios that are undefined are NaN.
 *
 * @param clock the event time the engine has reached, by which audits are overdue, or null
 * @param audits 5S per scope that has had an audit
 * @param kaizens kaizen cards per line or area
 * @param effects the measured effects of implemented cards with a target KPI, newest first
 * @param localContent per line, product and month, newest month first
 */
public record LeanSnapshot(
    Instant clock,
    List<Audit> audits,
    List<KaizenGroup> kaizens,
    List<KaizenEffect> effects,
    List<LocalContent> localContent) {

  /**
   * The 5S of one station, line or area.
   *
   * @param site the site
   * @param area the area
   * @param line the line
   * @param station the station
   * @param last when it was last audited
   * @param auditor who audited last, or null
   * @param pillarPct sort, set in order, shine, standardize, sustain, each as % of the maximum
   * @param totalPct the five together, as % of the maximum
   * @param changeTotalPct the change of {@code totalPct} against the audit before, or NaN
   * @param daysSinceLast days from the last audit to {@link LeanSnapshot#clock}
   * @param overdue whether the last audit is as old as the cadence
   * @param redTagsOpen red tags opened less closed, over all audits
   * @param audits how many audits are kept
   */
  public record Audit(
      String site,
      String area,
      String line,
      String station,
      Instant last,
      String auditor,
      List<Double> pillarPct,
      double totalPct,
      double changeTotalPct,
      double daysSinceLast,
      boolean overdue,
      long redTagsOpen,
      int audits) {}

  /**
   * The kaizen cards of one line or area (station cards count with their line).
   *
   * @param site the site
   * @param area the area
   * @param line the line, or {@value Lean#AREA}
   * @param byStatus how many cards are in each status now
   * @param submitted cards ever submitted
   * @param implemented cards implemented
   * @param implementationRate implemented / submitted
   * @param leadTimeDays the mean days from submitted to implemented, or NaN
   * @param savingsPerYear the savings per year of the implemented cards
   */
  public record KaizenGroup(
      String site,
      String area,
      String line,
      java.util.Map<String, Long> byStatus,
      long submitted,
      long implemented,
      double implementationRate,
      double leadTimeDays,
      double savingsPerYear) {}

  /**
   * What an implemented card did to its target KPI, measured at its station (or its line's output
   * station) over the days before and after its implementation.
   *
   * @param site the site
   * @param area the area
   * @param line the line
   * @param station the station measured
   * @param kaizen the card's id
   * @param kpi the target KPI
   * @param implemented when it was implemented
   * @param before the KPI over the days before
   * @param after the KPI over the days after, or NaN while they are not over
   * @param change {@code after - before}
   * @param improved whether the KPI moved the right way (down for downtime, scrap and cycle time)
   * @param complete whether the days after are over
   */
  public record KaizenEffect(
      String site,
      String area,
      String line,
      String station,
      String kaizen,
      String kpi,
      Instant implemented,
      double before,
      double after,
      double change,
      boolean improved,
      boolean complete) {}

  /**
   * The parts one line consumed for one product in one month.
   *
   * @param site the site
   * @param area the area
   * @param line the line
   * @param product the product, {@value LocalContentTally#ALL} for all, {@value
   *     LocalContentTally#NO_PRODUCT} where none was known
   * @param month the month's first day, in the site's zone, as {@code 2026-11}
   * @param qtyPct local quantity / quantity of known origin
   * @param valuePct local value / value of known origin (of parts with a cost)
   * @param targetPct the target
   * @param qtyUnknownOrigin the quantity whose origin is not known, counted apart
   */
  public record LocalContent(
      String site,
      String area,
      String line,
      String product,
      String month,
      double qtyPct,
      double valuePct,
      double targetPct,
      double qtyUnknownOrigin) {}
}
