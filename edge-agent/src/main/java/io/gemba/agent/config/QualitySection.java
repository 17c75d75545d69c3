package io.gemba.agent.config;

import io.gemba.agent.config.QualityKeys.Lean;
import io.gemba.agent.config.QualityKeys.Limit;
import io.gemba.agent.config.QualityKeys.Quality;
import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.SpecLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code plant.quality} and {@code plant.lean} ({@link QualityKeys}): each key defaults to
 * {@link QualityPolicy#defaults()} and {@link LeanPolicy#defaults()}.
 */
final class QualitySection {

  private QualitySection() {}

  /** {@code plant.quality}: the window, the SPC minimum and the specification limits. */
  static Optional<QualityPolicy> quality(Section s) {
    int mark = s.mark();
    Optional<Integer> window = s.read(Quality.WINDOW);
    Optional<Integer> spcMinTests = s.read(Quality.SPC_MIN_TESTS);
    if (window.isPresent() && spcMinTests.isPresent() && spcMinTests.get() > window.get()) {
      String given = s.isSet(Quality.SPC_MIN_TESTS) ? "" : " (the default)";
      s.problem(
          Quality.SPC_MIN_TESTS.name(),
          "must not be more than window (" + window.get() + "), was " + spcMinTests.get() + given);
    }
    List<SpecLimits> limits = new ArrayList<>();
    for (Section limit : s.sections(Quality.LIMITS).orElse(List.of())) {
      limit(limit).ifPresent(limits::add);
    }
    s.finish();
    // The window and the minimum are checked above: what the record refuses then is a limit given
    // twice, a problem of the list.
    return s.buildAt(
        Quality.LIMITS, mark, () -> new QualityPolicy(window.get(), spcMinTests.get(), limits));
  }

  /** {@code plant.quality.limits[<i>]}: the record refuses limits the wrong way round. */
  private static Optional<SpecLimits> limit(Section s) {
    int mark = s.mark();
    Optional<String> product = s.read(Limit.PRODUCT);
    Optional<String> measurement = s.read(Limit.MEASUREMENT);
    Double lsl = s.read(Limit.LSL).orElse(null);
    Double usl = s.read(Limit.USL).orElse(null);
    Double target = s.read(Limit.TARGET).orElse(null);
    s.finish();
    return s.build(mark, () -> new SpecLimits(product.get(), measurement.get(), lsl, usl, target));
  }

  /** {@code plant.lean}: the 5S audit cadence and the days a kaizen's effect is measured over. */
  static Optional<LeanPolicy> lean(Section s) {
    int mark = s.mark();
    Optional<Duration> cadence = s.read(Lean.AUDIT_CADENCE);
    Optional<Integer> effectDays = s.read(Lean.KAIZEN_EFFECT_DAYS);
    s.finish();
    return s.build(mark, () -> new LeanPolicy(cadence.get(), effectDays.get()));
  }
}
