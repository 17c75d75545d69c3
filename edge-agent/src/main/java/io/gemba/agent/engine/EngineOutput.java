package io.gemba.agent.engine;

import java.util.Objects;

/**
 * Where an engine instance's results go: its runs and ticks with their points to {@code writer},
 * its checkpoints to {@code journal}. With a spool both are the instance's spool; without, the
 * writer is the database's (or none) and the journal {@link EngineJournal#NONE}.
 */
public record EngineOutput(PointWriter writer, EngineJournal journal) {

  public EngineOutput {
    Objects.requireNonNull(writer, "writer");
    Objects.requireNonNull(journal, "journal");
  }

  /** Points to {@code writer}; nothing kept for a restart. */
  public static EngineOutput withoutJournal(PointWriter writer) {
    return new EngineOutput(writer, EngineJournal.NONE);
  }
}
