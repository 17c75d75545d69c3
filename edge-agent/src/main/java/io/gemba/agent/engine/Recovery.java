package io.gemba.agent.engine;

import io.gemba.agent.ingest.Message;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.telemetry.DecoderSettings;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine instance's start after a restart (ADR 0006): the last checkpoint restored, and the runs
 * and ticks kept after it applied again, through the same {@link EngineRun} the live path goes on
 * with, so that its duplicate filter knows what the broker may send again. The points this makes
 * are thrown away: the spool holds them.
 */
final class Recovery implements EngineJournal.Replay {

  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  private final int index;
  private final EngineRun run;

  private Recovery(int index, EngineRun run) {
    this.index = index;
    this.run = run;
  }

  /**
   * The run as {@code journal} leaves it: its last checkpoint, and what came after applied again.
   * On a thread that may block.
   */
  static EngineRun recover(
      int index,
      EngineJournal journal,
      PlantModel model,
      DecoderSettings decoderSettings,
      int maxUnconfiguredStations)
      throws IOException {
    Recovery recovery =
        new Recovery(index, new EngineRun(model, decoderSettings, maxUnconfiguredStations));
    journal.replay(recovery);
    return recovery.run;
  }

  @Override
  public boolean checkpoint(byte[] state) {
    try {
      run.restore(state);
      return true;
    } catch (IllegalArgumentException e) {
      log.error(
          "[group: {}] the checkpoint cannot be restored, replaying the whole spool: {}",
          index,
          e.getMessage());
      return false;
    }
  }

  @Override
  public void run(List<? extends Message> messages) {
    run.apply(messages, EngineRun.Tally.NONE);
  }

  @Override
  public void tick(Instant now) {
    run.tick(now);
  }
}
