package io.gemba.collector.plant;

import io.gemba.collector.kpi.MicroStopPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The plant-wide choices of the KPI engine.
 *
 * @param microStopPolicy how stops shorter than {@code microStopThreshold} count
 * @param microStopThreshold the length under which a stop is a micro-stop, positive
 * @param oeeTarget the OEE target, in (0, 1]
 * @param localContentTarget the target share of local parts, in (0, 1]
 * @param allowedLateness how far behind a station's latest event time an event is still applied,
 *     not negative
 * @param startupAfterChangeover how long after a changeover ends scrap counts as startup scrap
 *     (reduced yield) rather than process defects, not negative; zero means never
 * @param silenceTimeout how long a station may say nothing (no message on any of its channels)
 *     before it is silent: its time from its last message counts as {@code OFFLINE} (no data), at
 *     least a second
 * @param backfillShifts how many shifts before the one of a station's latest event still take its
 *     late events (a gateway's buffer, flushed after an outage), with corrections, not negative: 1,
 *     the default, takes the current and the previous shift
 * @param backfillHorizon how far behind a station's latest event a late event is applied at most,
 *     whatever the shifts, between zero and {@value #MAX_BACKFILL_DAYS} days
 */
public record KpiPolicy(
    MicroStopPolicy microStopPolicy,
    Duration microStopThreshold,
    double oeeTarget,
    double localContentTarget,
    Duration allowedLateness,
    Duration startupAfterChangeover,
    Duration silenceTimeout,
    int backfillShifts,
    Duration backfillHorizon) {

  /** The default {@link #silenceTimeout}: 2 minutes. */
  public static final Duration DEFAULT_SILENCE_TIMEOUT = Duration.ofMinutes(2);

  /** The default {@link #backfillShifts}: the previous shift. */
  public static final int DEFAULT_BACKFILL_SHIFTS = 1;

  /** The default {@link #backfillHorizon}: 24 hours. */
  public static final Duration DEFAULT_BACKFILL_HORIZON = Duration.ofHours(24);

  /** The longest {@link #backfillHorizon}, in days. */
  public static final int MAX_BACKFILL_DAYS = 7;

  private static final KpiPolicy DEFAULTS =
      new KpiPolicy(
          MicroStopPolicy.TPM,
          Duration.ofMinutes(2),
          0.85,
          0.60,
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          DEFAULT_SILENCE_TIMEOUT,
          DEFAULT_BACKFILL_SHIFTS,
          DEFAULT_BACKFILL_HORIZON);

  /**
   * Builds a policy.
   *
   * @throws IllegalArgumentException if a value is out of its range; the message names it
   */
  public KpiPolicy {
    Objects.requireNonNull(microStopPolicy, "microStopPolicy");
    Objects.requireNonNull(microStopThreshold, "microStopThreshold");
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    Objects.requireNonNull(startupAfterChangeover, "startupAfterChangeover");
    Objects.requireNonNull(silenceTimeout, "silenceTimeout");
    Objects.requireNonNull(backfillHorizon, "backfillHorizon");
    if (microStopThreshold.isNegative() || microStopThreshold.isZero()) {
      throw new IllegalArgumentException(
          "microStopThreshold must be positive: " + microStopThreshold);
    }
    requireTarget("oeeTarget", oeeTarget);
    requireTarget("localContentTarget", localContentTarget);
    if (allowedLateness.isNegative()) {
      throw new IllegalArgumentException(
          "allowedLateness must not be negative: " + allowedLateness);
    }
    if (startupAfterChangeover.isNegative()) {
      throw new IllegalArgumentException(
          "startupAfterChangeover must not be negative: " + startupAfterChangeover);
    }
    if (silenceTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "silenceTimeout must be at least 1 second: " + silenceTimeout);
    }
    if (backfillShifts < 0) {
      throw new IllegalArgumentException("backfillShifts must not be negative: " + backfillShifts);
    }
    if (backfillHorizon.isNegative()
        || backfillHorizon.compareTo(Duration.ofDays(MAX_BACKFILL_DAYS)) > 0) {
      throw new IllegalArgumentException(
          "backfillHorizon must be between 0 and "
              + MAX_BACKFILL_DAYS
              + " days: "
              + backfillHorizon);
    }
  }

  /** A policy with the default backfill: the previous shift, at most 24 hours. */
  public KpiPolicy(
      MicroStopPolicy microStopPolicy,
      Duration microStopThreshold,
      double oeeTarget,
      double localContentTarget,
      Duration allowedLateness,
      Duration startupAfterChangeover,
      Duration silenceTimeout) {
    this(
        microStopPolicy,
        microStopThreshold,
        oeeTarget,
        localContentTarget,
        allowedLateness,
        startupAfterChangeover,
        silenceTimeout,
        DEFAULT_BACKFILL_SHIFTS,
        DEFAULT_BACKFILL_HORIZON);
  }

  /** A policy with the {@linkplain #DEFAULT_SILENCE_TIMEOUT default silence timeout}. */
  public KpiPolicy(
      MicroStopPolicy microStopPolicy,
      Duration microStopThreshold,
      double oeeTarget,
      double localContentTarget,
      Duration allowedLateness,
      Duration startupAfterChangeover) {
    this(
        microStopPolicy,
        microStopThreshold,
        oeeTarget,
        localContentTarget,
        allowedLateness,
        startupAfterChangeover,
        DEFAULT_SILENCE_TIMEOUT);
  }

  /**
   * The defaults: {@code tpm}, micro-stops under 2 minutes, OEE target 85%, local content target
   * 60%, lateness 5 minutes, startup scrap for 10 minutes after a changeover, silent after 2
   * minutes without a message, late events applied back to the start of the previous shift (at most
   * 24 hours).
   */
  public static KpiPolicy defaults() {
    return DEFAULTS;
  }

  private static void requireTarget(String key, double value) {
    // Written so that NaN fails too.
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(key + " must be in (0, 1]: " + value);
    }
  }
}
