package io.gemba.agent.simulate;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The consumer at the far side of the broker, for a publisher that must not run ahead of it: a
 * broker acknowledges a message when it has taken it, not when its subscriber has, and drops what
 * overflows a subscriber's queue. {@code demo} publishes weeks of history at once to an agent in
 * the same process; with this the publisher holds its next message while more than {@code
 * mostAhead} of those it handed over are not yet taken by the agent.
 *
 * @param taken how many messages the consumer has taken so far; any thread
 * @param mostAhead the most messages handed over and not yet taken, above 0
 */
public record Downstream(LongSupplier taken, long mostAhead) {

  /** No consumer to wait for. */
  public static final Downstream NONE = new Downstream(() -> Long.MAX_VALUE, Long.MAX_VALUE);

  public Downstream {
    Objects.requireNonNull(taken, "taken");
    if (mostAhead <= 0) {
      throw new IllegalArgumentException("mostAhead must be above 0: " + mostAhead);
    }
  }

  /**
   * Whether {@code handed} messages handed over are too far ahead of the consumer for one more
   * ({@link #NONE}'s consumer has taken more than can be handed, so it never is).
   */
  boolean full(long handed) {
    return handed - taken.getAsLong() >= mostAhead;
  }
}
