package io.gemba.agent.engine;

import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.timing.Throttle;
import io.gemba.agent.timing.Ticker;
import io.gemba.collector.engine.EngineStats;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.Reject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the live path of an engine instance counts: each decoded event and reject as it comes (a
 * reject also logged, at most one line per 10 s with the count of those not logged), and, after
 * each run or tick, what the engine did with the events since the last.
 */
final class LiveTally implements EngineRun.Tally {

  private static final Logger log = LoggerFactory.getLogger(LiveTally.class);
  private static final Duration REJECT_LOG_INTERVAL = Duration.ofSeconds(10);

  private final int index;
  private final AgentMetrics metrics;
  private final Throttle rejectLog;
  private EngineStats counted;
  private long rejectsNotLogged;

  /** Counts for instance {@code index} from {@code start}, the engine's stats so far. */
  LiveTally(int index, AgentMetrics metrics, Ticker ticker, EngineStats start) {
    this.index = index;
    this.metrics = metrics;
    this.rejectLog = new Throttle(ticker, REJECT_LOG_INTERVAL);
    this.counted = start;
  }

  @Override
  public void decoded(Channel channel, boolean tsMissing) {
    metrics.decoded(channel, tsMissing);
  }

  /** Counts a reject, and logs it: at most one line per 10 s, of the ticker, not event time. */
  @Override
  public void rejected(Reject reject) {
    metrics.rejected(reject.reason());
    if (rejectLog.pass()) {
      log.warn(
          "[group: {}] rejected {} (and {} more since the last line)",
          index,
          reject,
          rejectsNotLogged);
      rejectsNotLogged = 0;
    } else {
      rejectsNotLogged++;
    }
  }

  /** Counts the engine's outcomes since the last call, from its stats {@code now}. */
  void outcomes(EngineStats now) {
    metrics.engineOutcomes(
        now.applied() - counted.applied(),
        now.duplicates() - counted.duplicates(),
        now.late() - counted.late(),
        now.ignored() - counted.ignored());
    counted = now;
  }
}
