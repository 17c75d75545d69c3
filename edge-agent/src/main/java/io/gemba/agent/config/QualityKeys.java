package io.gemba.agent.config;

import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.QualityPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * The keys of {@code plant.quality} (how battery end-of-line tests are judged and charted) and
 * {@code plant.lean} (5S audits and kaizen effects), read by {@link QualitySection}; the defaults
 * and ranges are those of {@link QualityPolicy}, {@link io.gemba.collector.plant.SpecLimits} and
 * {@link LeanPolicy}, whose own checks (a limit's lower not below its upper, two limits of one
 * measurement) are theirs.
 */
final class QualityKeys {

  private QualityKeys() {}

  /** {@code plant.quality}. */
  static final class Quality {

    static final Key<Integer> WINDOW =
        Key.withDefault(
            "window",
            Types.integer(2, QualityPolicy.MAX_WINDOW),
            QualityPolicy.DEFAULT_WINDOW,
            "the tests per product and measurement over which mean, sigma, Cp and Cpk roll, and"
                + " the baseline of the control chart");
    static final Key<Integer> SPC_MIN_TESTS =
        Key.withDefault(
            "spcMinTests",
            Types.integer(2, QualityPolicy.MAX_WINDOW).described("integer, 2 to `window`"),
            QualityPolicy.DEFAULT_SPC_MIN_TESTS,
            "the tests a baseline needs before the SPC run rules are checked");
    static final Nested LIMITS =
        Nested.list(
            "limits",
            "i",
            false,
            "list of limits",
            "the specification limits of the battery tests, at most one per product and"
                + " measurement",
            Limit.KEYS);

    static final Keys KEYS = Keys.of(WINDOW, SPC_MIN_TESTS, LIMITS);

    private Quality() {}
  }

  /** {@code plant.quality.limits[<i>]}: one measurement of one product. */
  static final class Limit {

    static final Key<String> PRODUCT =
        Key.required("product", Types.PRODUCT, "the product, as in the tests' `product`");
    static final Key<String> MEASUREMENT =
        Key.required(
            "measurement", Types.MEASUREMENT, "the measurement, as in the tests' `measurements`");
    static final Key<Double> LSL =
        Key.optional(
            "lsl",
            Types.NUMBER,
            "none (no lower limit)",
            "the lower specification limit: a lower value fails the test");
    static final Key<Double> USL =
        Key.optional(
            "usl",
            Types.NUMBER,
            "none (no upper limit)",
            "the upper specification limit: a higher value fails the test");
    static final Key<Double> TARGET =
        Key.optional(
            "target", Types.NUMBER, "none", "the target value, between the limits, for Cpm");

    static final Keys KEYS = Keys.of(PRODUCT, MEASUREMENT, LSL, USL, TARGET);

    private Limit() {}
  }

  /** {@code plant.lean}. */
  static final class Lean {

    private static final Duration MIN_CADENCE = Duration.ofHours(1);
    private static final Duration MAX_CADENCE = Duration.ofDays(366);

    static final Key<Duration> AUDIT_CADENCE =
        Key.withDefault(
            "auditCadence",
            Types.DURATION.check(Lean::checkCadence).described("duration, `1h` to `366d`"),
            LeanPolicy.DEFAULT_AUDIT_CADENCE,
            "how often a station, line or area that has had a 5S audit should have one: once its"
                + " last audit is this old, it is overdue");
    static final Key<Integer> KAIZEN_EFFECT_DAYS =
        Key.withDefault(
            "kaizenEffectDays",
            Types.integer(1, LeanPolicy.MAX_EFFECT_DAYS),
            LeanPolicy.DEFAULT_KAIZEN_EFFECT_DAYS,
            "the days before and after a kaizen's implementation over which its target KPI is"
                + " compared");

    static final Keys KEYS = Keys.of(AUDIT_CADENCE, KAIZEN_EFFECT_DAYS);

    private static Optional<String> checkCadence(Duration cadence) {
      return cadence.compareTo(MIN_CADENCE) < 0 || cadence.compareTo(MAX_CADENCE) > 0
          ? Optional.of("must be between 1h and 366d, was " + Durations.format(cadence))
          : Optional.empty();
    }

    private Lean() {}
  }
}
