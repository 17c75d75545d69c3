package io.gemba.agent.simulate;

import java.util.List;
import java.util.Random;

/** The reason codes the simulated stations send with their states. */
final class StopReasons {

  /** Failures: unplanned stops drawn from the station's MTBF, repaired in its MTTR. */
  static final List<String> FAILURES =
      List.of(
          "ROBOT-FAULT",
          "WELD-FAULT",
          "TOOL-BREAK",
          "SENSOR-FAIL",
          "CONVEYOR-FAULT",
          "HYDRAULIC-LEAK");

  /** A short jam cleared by the operator: a micro-stop in {@code DOWN}. */
  static final String JAM = "JAM";

  /** Short waits for the station before or after: micro-stops in {@code IDLE}. */
  static final List<String> WAITS = List.of("STARVED", "BLOCKED");

  /** Setting the station up for the next order's product. */
  static final String PRODUCT_CHANGE = "PRODUCT-CHANGE";

  /** A scheduled break of the shift. */
  static final String BREAK = "BREAK";

  /** No shift: the station waits for the next one. */
  static final String NO_SHIFT = "NO-SHIFT";

  private StopReasons() {}

  /** Whether {@code reason} marks a failure (not a micro-stop, changeover or planned stop). */
  static boolean isFailure(String reason) {
    return FAILURES.contains(reason);
  }

  static String pick(List<String> reasons, Random random) {
    return reasons.get(random.nextInt(reasons.size()));
  }
}
