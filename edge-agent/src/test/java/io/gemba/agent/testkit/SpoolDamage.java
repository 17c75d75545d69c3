package io.gemba.agent.testkit;

import io.gemba.agent.spool.SegmentLog;

/** For tests that read a spool that must not be damaged. */
public final class SpoolDamage {

  /** Fails the test at the first damage a reader meets. */
  public static final SegmentLog.DamageListener FAILS =
      damage -> {
        throw new AssertionError("unexpected damage in the spool: " + damage);
      };

  private SpoolDamage() {}
}
