package io.gemba.agent.engine;

import io.gemba.agent.ingest.DeadLetterTopic;
import io.gemba.agent.ingest.Message;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.timing.Throttle;
import io.gemba.agent.timing.Ticker;
import io.gemba.collector.engine.EngineStats;
import io.gemba.collector.engine.KpiEngine;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.Reject;
import io.gemba.collector.telemetry.RejectReason;
import io.gemba.collector.telemetry.Topic;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
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
  private final Throttle refusedLog;
  private final int maxUnconfiguredStations;
  private EngineStats counted;
  private long rejectsNotLogged;
  private long refusedNotLogged;

  /** Events refused for the station bound since start, and the topic of the last; any thread. */
  private volatile long refused;

  private volatile String lastRefused = "";

  private final DeadLetterTopic deadLetters;

  /** The message last handed to {@link #deadLetters}: a batch goes once, not once per element. */
  private Message lastDeadLetter;

  /**
   * Counts for instance {@code index} from {@code start}, the engine's stats so far; the engine
   * takes up to {@code maxUnconfiguredStations} stations the configuration does not name.
   */
  LiveTally(
      int index,
      AgentMetrics metrics,
      Ticker ticker,
      EngineStats start,
      int maxUnconfiguredStations,
      DeadLetterTopic deadLetters) {
    this.deadLetters = deadLetters;
    this.index = index;
    this.metrics = metrics;
    this.rejectLog = new Throttle(ticker, REJECT_LOG_INTERVAL);
    this.refusedLog = new Throttle(ticker, REJECT_LOG_INTERVAL);
    this.maxUnconfiguredStations = maxUnconfiguredStations;
    this.counted = start;
  }

  @Override
  public void decoded(Channel channel, boolean tsMissing) {
    metrics.decoded(channel, tsMissing);
  }

  /**
   * Counts a reject, and logs it: at most one line per 10 s, of the ticker, not event time; hands
   * its message to the dead-letter topic, once per message.
   */
  @Override
  public void rejected(Reject reject, Message message) {
    metrics.rejected(reject.reason());
    if (message != lastDeadLetter) {
      lastDeadLetter = message;
      deadLetters.republish(message, reject);
    }
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

  /**
   * Counts the engine's outcomes since the last call, from its stats now: the events it refused at
   * its station bound among the rejects ({@code too_many_stations}), logged at most one line per 10
   * s with the last station refused.
   */
  void outcomes(KpiEngine engine) {
    EngineStats now = engine.stats();
    metrics.engineOutcomes(
        now.applied() - counted.applied(),
        now.duplicates() - counted.duplicates(),
        now.late() - counted.late(),
        now.ignored() - counted.ignored());
    long forgotten = now.forgottenStations() - counted.forgottenStations();
    if (forgotten > 0) {
      log.info(
          "[group: {}] forgot {} stations not in the configuration, silent for longer than the"
              + " backfill horizon; {} such stations held",
          index,
          forgotten,
          now.unconfiguredStations());
    }
    long newlyRefused = now.tooManyStations() - counted.tooManyStations();
    if (newlyRefused > 0) {
      metrics.rejected(RejectReason.TOO_MANY_STATIONS, newlyRefused);
      refused += newlyRefused;
      refusedNotLogged += newlyRefused;
      lastRefused = engine.lastRefusedStation().map(Topic::toString).orElse("");
    }
    counted = now;
    if (refusedNotLogged > 0 && refusedLog.pass()) {
      log.warn(
          "[group: {}] at its bound of {} stations not in the configuration (engine"
              + ".maxUnconfiguredStations): rejected {} messages of new ones as too_many_stations,"
              + " the last on {}",
          index,
          maxUnconfiguredStations,
          refusedNotLogged,
          lastRefused);
      refusedNotLogged = 0;
    }
  }

  /** The refusals since start, for {@code /health/ready}; empty if none. */
  Optional<String> stationsRefused() {
    long count = refused;
    return count == 0
        ? Optional.empty()
        : Optional.of(
            String.format(
                Locale.ROOT,
                "group %d: at its bound of %d stations not in the configuration, %d messages of new"
                    + " ones rejected since start (too_many_stations), the last on %s",
                index,
                maxUnconfiguredStations,
                count,
                lastRefused));
  }
}
