package io.gemba.agent.config;

import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.telemetry.DecoderSettings;
import io.gemba.collector.telemetry.StateCodeTable;
import io.gemba.collector.telemetry.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads the {@code decoder}, {@code http} and {@code engine} sections: how the agent runs. */
final class RuntimeSections {

  private RuntimeSections() {}

  /** {@code decoder}: the limits of a message; the state code tables come from the plant. */
  static Optional<DecoderSettings> decoder(Section s, Optional<PlantModel> plant) {
    int mark = s.mark();
    int maxPayloadBytes =
        s.value(
            "maxPayloadBytes",
            DecoderSettings.DEFAULT_MAX_PAYLOAD_BYTES,
            Parsers.integer(1, DecoderSettings.MAX_PAYLOAD_BYTES_CEILING));
    int maxBatchElements =
        s.value(
            "maxBatchElements",
            DecoderSettings.DEFAULT_MAX_BATCH_ELEMENTS,
            Parsers.integer(1, Integer.MAX_VALUE));
    s.finish();
    // Without a plant the load fails anyway; PackML lets the decoder's own values be checked.
    Function<Topic, StateCodeTable> stateCodes =
        plant
            .<Function<Topic, StateCodeTable>>map(p -> p::stateCodes)
            .orElse(topic -> StateCodeTable.packMl());
    return s.build(mark, () -> new DecoderSettings(maxPayloadBytes, maxBatchElements, stateCodes));
  }

  /** {@code http}: where the API listens, and the token it asks for. */
  static Optional<HttpConfig> http(Section s) {
    int mark = s.mark();
    String host =
        s.value("host", HttpConfig.DEFAULT_HOST, Parsers.text().check(HttpConfig::checkHost));
    int port =
        s.value("port", HttpConfig.DEFAULT_PORT, Parsers.int32().check(HttpConfig::checkPort));
    Secret token = Secrets.read(s, "token");
    s.finish();
    return s.build(mark, () -> new HttpConfig(host, port, token), Map.of("token", "tokenFile"));
  }

  /** {@code spool}: where the engines' points wait for InfluxDB, if anywhere. */
  static Optional<SpoolConfig> spool(Section s) {
    int mark = s.mark();
    Optional<java.nio.file.Path> dir =
        s.optional("dir", Parsers.path()).map(path -> s.context().baseDir().resolve(path));
    int maxMegabytes =
        s.value(
            "maxMegabytes",
            SpoolConfig.DEFAULT_MAX_MEGABYTES,
            Parsers.int32().check(SpoolConfig::checkMaxMegabytes));
    int segmentMegabytes =
        s.value(
            "segmentMegabytes",
            SpoolConfig.DEFAULT_SEGMENT_MEGABYTES,
            Parsers.int32().check(SpoolConfig::checkSegmentMegabytes));
    Duration checkpointInterval =
        s.value(
            "checkpointInterval",
            SpoolConfig.DEFAULT_CHECKPOINT_INTERVAL,
            Parsers.positiveDuration().check(SpoolConfig::checkCheckpointInterval));
    s.finish();
    return s.build(
        mark, () -> new SpoolConfig(dir, maxMegabytes, segmentMegabytes, checkpointInterval));
  }

  /** {@code engine}: how many engine instances, how often they tick, how long batches gather. */
  static Optional<EngineConfig> engine(Section s) {
    int mark = s.mark();
    int instances =
        s.value(
            "instances",
            EngineConfig.DEFAULT_INSTANCES,
            Parsers.int32().check(EngineConfig::checkInstances));
    Duration tickInterval =
        s.value("tickInterval", EngineConfig.DEFAULT_TICK_INTERVAL, Parsers.positiveDuration());
    Duration batchWait =
        s.value(
            "batchWait",
            EngineConfig.DEFAULT_BATCH_WAIT,
            Parsers.nonNegativeDuration().check(EngineConfig::checkBatchWait));
    s.finish();
    return s.build(mark, () -> new EngineConfig(instances, tickInterval, batchWait));
  }
}
