package io.gemba.collector.plant;

import java.time.Duration;
import java.util.Objects;

/**
 * The lean KPIs' settings.
 *
 * @param auditCadence how often a station, line or area that has had a 5S audit should have one:
 *     once its last audit is this old in event time, it is overdue; from an hour to 366 days
 * @param kaizenEffectDays the days before and after a kaizen's implementation over which its target
 *     KPI is compared, from 1 to {@value #MAX_EFFECT_DAYS}
 */
public record LeanPolicy(Duration auditCadence, int kaizenEffectDays) {

  /** The default {@link #auditCadence}: a week. */
  public static final Duration DEFAULT_AUDIT_CADENCE = Duration.ofDays(7);

  /** The default {@link #kaizenEffectDays}: 7. */
  public static final int DEFAULT_KAIZEN_EFFECT_DAYS = 7;

  /** The largest {@link #kaizenEffectDays}. */
  public static final int MAX_EFFECT_DAYS = 90;

  private static final LeanPolicy DEFAULTS =
      new LeanPolicy(DEFAULT_AUDIT_CADENCE, DEFAULT_KAIZEN_EFFECT_DAYS);

  /**
   * Checks the policy.
   *
   * @throws IllegalArgumentException if a value is out of its range
   */
  public LeanPolicy {
    Objects.requireNonNull(auditCadence, "auditCadence");
    if (auditCadence.compareTo(Duration.ofHours(1)) < 0
        || auditCadence.compareTo(Duration.ofDays(366)) > 0) {
      throw new IllegalArgumentException(
          "auditCadence must be between 1 hour and 366 days: " + auditCadence);
    }
    if (kaizenEffectDays < 1 || kaizenEffectDays > MAX_EFFECT_DAYS) {
      throw new IllegalArgumentException(
          "kaizenEffectDays must be between 1 and " + MAX_EFFECT_DAYS + ": " + kaizenEffectDays);
    }
  }

  /** Audits weekly, kaizen effects over 7 days. */
  public static LeanPolicy defaults() {
    return DEFAULTS;
  }
}
