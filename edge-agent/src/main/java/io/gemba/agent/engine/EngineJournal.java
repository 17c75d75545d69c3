package io.gemba.agent.engine;

import io.gemba.agent.ingest.Message;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * What an engine instance keeps so that after a restart it goes on where it stopped (ADR 0006): its
 * checkpoints here, and its inputs with the points they made through its {@link PointWriter}, in
 * the same spool.
 */
public interface EngineJournal {

  /** Without a spool: nothing is kept, and there is nothing to recover. */
  EngineJournal NONE =
      new EngineJournal() {
        @Override
        public void replay(Replay replay) {}

        @Override
        public boolean checkpointDue() {
          return false;
        }

        @Override
        public Future<Long> checkpoint(State state) {
          return Future.succeededFuture(0L);
        }
      };

  /** An engine's state, as a checkpoint keeps it. */
  @FunctionalInterface
  interface State {
    /** Writes the state to {@code out}, without closing it. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** What a recovery hands back, in the order it was kept. */
  interface Replay {
    /**
     * The state to start from.
     *
     * @return false if it cannot be restored (another version's checkpoint): then the inputs are
     *     replayed from the start of the log
     */
    boolean checkpoint(byte[] state);

    /** A run of messages, to apply again. */
    void run(List<? extends Message> messages);

    /** A tick, to give again. */
    void tick(Instant now);
  }

  /**
   * Hands {@code replay} the last checkpoint, then every run and tick kept after it. Once, on
   * start, before anything is written; on a thread that may block.
   */
  void replay(Replay replay) throws IOException;

  /** Whether a checkpoint should be taken now: none yet, its interval passed, or the log grew. */
  boolean checkpointDue();

  /**
   * Keeps a checkpoint after everything written before it. {@code state} is a capture of the engine
   * between two runs ({@code KpiEngine.capture()}), which the journal writes out on a thread of its
   * own while the engine goes on.
   *
   * @return the checkpoint's size in bytes
   */
  Future<Long> checkpoint(State state);
}
