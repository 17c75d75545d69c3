package io.gemba.agent.config;

import io.gemba.agent.config.RuntimeKeys.Decoder;
import io.gemba.agent.config.RuntimeKeys.Engine;
import io.gemba.agent.config.RuntimeKeys.Http;
import io.gemba.agent.config.RuntimeKeys.Spool;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.telemetry.DecoderSettings;
import io.gemba.collector.telemetry.StateCodeTable;
import io.gemba.collector.telemetry.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the {@code decoder}, {@code http}, {@code engine} and {@code spool} sections, how the agent
 * runs: {@link RuntimeKeys}.
 */
final class RuntimeSections {

  private RuntimeSections() {}

  /** {@code decoder}: the limits of a message; the state code tables come from the plant. */
  static Optional<DecoderSettings> decoder(Section s, Optional<PlantModel> plant) {
    int mark = s.mark();
    Optional<Integer> maxPayloadBytes = s.read(Decoder.MAX_PAYLOAD_BYTES);
    Optional<Integer> maxBatchElements = s.read(Decoder.MAX_BATCH_ELEMENTS);
    s.finish();
    // Without a plant the load fails anyway; PackML lets the decoder's own values be checked.
    Function<Topic, StateCodeTable> stateCodes =
        plant
            .<Function<Topic, StateCodeTable>>map(p -> p::stateCodes)
            .orElse(topic -> StateCodeTable.packMl());
    return s.build(
        mark, () -> new DecoderSettings(maxPayloadBytes.get(), maxBatchElements.get(), stateCodes));
  }

  /** {@code http}: where the API listens, and the token it asks for. */
  static Optional<HttpConfig> http(Section s) {
    int mark = s.mark();
    Optional<String> host = s.read(Http.HOST);
    Optional<Integer> port = s.read(Http.PORT);
    Optional<Secret> token = s.read(Http.TOKEN);
    s.finish();
    return s.build(mark, () -> new HttpConfig(host.get(), port.get(), token.get()), Http.TOKEN);
  }

  /** {@code spool}: where the engines' points wait for InfluxDB, if anywhere. */
  static Optional<SpoolConfig> spool(Section s) {
    int mark = s.mark();
    Optional<Path> dir = s.read(Spool.DIR);
    Optional<Integer> maxMegabytes = s.read(Spool.MAX_MEGABYTES);
    Optional<Integer> segmentMegabytes = s.read(Spool.SEGMENT_MEGABYTES);
    Optional<Duration> checkpointInterval = s.read(Spool.CHECKPOINT_INTERVAL);
    s.finish();
    return s.build(
        mark,
        () ->
            new SpoolConfig(
                dir, maxMegabytes.get(), segmentMegabytes.get(), checkpointInterval.get()));
  }

  /**
   * {@code engine}: how many engine instances, how often they tick, how long batches gather, how
   * often snapshots are refreshed.
   */
  static Optional<EngineConfig> engine(Section s) {
    int mark = s.mark();
    Optional<Integer> instances = s.read(Engine.INSTANCES);
    Optional<Duration> tickInterval = s.read(Engine.TICK_INTERVAL);
    Optional<Duration> batchWait = s.read(Engine.BATCH_WAIT);
    Optional<Duration> snapshotInterval = s.read(Engine.SNAPSHOT_INTERVAL);
    Optional<Integer> maxUnconfigured = s.read(Engine.MAX_UNCONFIGURED_STATIONS);
    s.finish();
    return s.build(
        mark,
        () ->
            new EngineConfig(
                instances.get(),
                tickInterval.get(),
                batchWait.get(),
                snapshotInterval.get(),
                maxUnconfigured.get()));
  }
}
