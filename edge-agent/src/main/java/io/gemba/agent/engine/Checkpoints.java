package io.gemba.agent.engine;

import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.timing.Ticker;
import io.gemba.collector.engine.KpiEngine;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an engine instance checkpoints into its {@link EngineJournal}: when the journal says one is
 * due, one at a time. The engine's state is captured between two runs (its sums copied, its kept
 * events by reference) on the instance's context, and the journal writes it out on a thread of its
 * own while the instance goes on. On the instance's context only.
 */
final class Checkpoints {

  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

  private final int index;
  private final EngineJournal journal;
  private final AgentMetrics metrics;
  private final Ticker ticker;

  /** A checkpoint is being written: the next waits for it. */
  private boolean writing;

  Checkpoints(int index, EngineJournal journal, AgentMetrics metrics, Ticker ticker) {
    this.index = index;
    this.journal = journal;
    this.metrics = metrics;
    this.ticker = ticker;
  }

  /** Checkpoints {@code engine} if one is due and none is being written. */
  void ifDue(KpiEngine engine) {
    if (!writing && journal.checkpointDue()) {
      writing = true;
      take(engine)
          .onComplete(
              done -> {
                writing = false;
                if (done.failed()) {
                  log.error("[group: {}] checkpoint not kept", index, done.cause());
                }
              });
    }
  }

  /**
   * Checkpoints {@code engine} whatever is due: the last, at stop, so that the next start has
   * nothing to apply again. Without a journal, nothing.
   */
  Future<?> last(KpiEngine engine) {
    return journal == EngineJournal.NONE ? Future.succeededFuture() : take(engine);
  }

  private Future<Long> take(KpiEngine engine) {
    long started = ticker.nanos();
    KpiEngine.Captured captured = engine.capture();
    long captureNanos = ticker.nanos() - started;
    return journal
        .checkpoint(captured::writeTo)
        .onSuccess(
            bytes -> metrics.checkpointed(index, captureNanos, ticker.nanos() - started, bytes));
  }
}
