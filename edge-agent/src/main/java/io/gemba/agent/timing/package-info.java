/**
 * How the agent measures waits: a {@link io.gemba.agent.timing.Ticker} for elapsed time, which
 * tests move on instead of waiting, and the one {@link io.gemba.agent.timing.Backoff} (with jitter)
 * of everything that is tried again. Any part may use it; it uses nothing of the agent.
 */
package io.gemba.agent.timing;
