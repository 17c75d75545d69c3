package io.gemba.agent.config;

import io.gemba.collector.telemetry.DecoderSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The keys of the {@code decoder}, {@code http}, {@code engine} and {@code spool} sections, read by
 * {@link RuntimeSections}; the defaults and checks are those of {@link DecoderSettings}, {@link
 * HttpConfig}, {@link EngineConfig} and {@link SpoolConfig}.
 */
final class RuntimeKeys {

  private RuntimeKeys() {}

  /** {@code decoder}: the limits of one MQTT message. */
  static final class Decoder {

    static final Key<Integer> MAX_PAYLOAD_BYTES =
        Key.withDefault(
            "maxPayloadBytes",
            Types.integer(1, DecoderSettings.MAX_PAYLOAD_BYTES_CEILING),
            DecoderSettings.DEFAULT_MAX_PAYLOAD_BYTES,
            "larger payloads are rejected");
    static final Key<Integer> MAX_BATCH_ELEMENTS =
        Key.withDefault(
            "maxBatchElements",
            Types.integer(1, Integer.MAX_VALUE),
            DecoderSettings.DEFAULT_MAX_BATCH_ELEMENTS,
            "most elements of a batched payload");

    static final Keys KEYS = Keys.of(MAX_PAYLOAD_BYTES, MAX_BATCH_ELEMENTS);

    private Decoder() {}
  }

  /** {@code http}: health, metrics, API, andon. */
  static final class Http {

    static final Key<String> HOST =
        Key.withDefault(
            "host",
            Types.TEXT.check(HttpConfig::checkHost).described("host name or address"),
            HttpConfig.DEFAULT_HOST,
            "`0.0.0.0` to serve other machines (the andon screen)");
    static final Key<Integer> PORT =
        Key.withDefault(
            "port",
            Types.INTEGER.check(HttpConfig::checkPort, "0 to 65535"),
            HttpConfig.DEFAULT_PORT,
            "`0`: any free port");
    static final Key<Secret> TOKEN =
        Key.secret(
            "token",
            "none",
            "file that holds a bearer token that `/metrics` and `/api/` then ask for");

    static final Keys KEYS = Keys.of(HOST, PORT, TOKEN);

    private Http() {}
  }

  /** {@code engine}: the KPI engine. */
  static final class Engine {

    static final Key<Integer> INSTANCES =
        Key.withDefault(
            "instances",
            Types.INTEGER.check(EngineConfig::checkInstances, "0 to 1024"),
            EngineConfig.DEFAULT_INSTANCES,
            "engine instances, each owning whole lines");
    static final Key<Duration> TICK_INTERVAL =
        Key.withDefault(
            "tickInterval",
            Types.POSITIVE_DURATION,
            EngineConfig.DEFAULT_TICK_INTERVAL,
            "how often the wall clock looks for stations gone silent (`plant.policy.silenceTimeout`)");
    static final Key<Duration> BATCH_WAIT =
        Key.withDefault(
            "batchWait",
            Types.NON_NEGATIVE_DURATION
                .check(EngineConfig::checkBatchWait)
                .described("duration, 0 to `1s`"),
            EngineConfig.DEFAULT_BATCH_WAIT,
            "how long an engine instance waits, after a message comes to it, for more, to apply"
                + " them as one batch");

    static final Key<Duration> SNAPSHOT_INTERVAL =
        Key.withDefault(
            "snapshotInterval",
            Types.POSITIVE_DURATION
                .check(EngineConfig::checkSnapshotInterval)
                .described("duration, `100ms` to `1h`"),
            EngineConfig.DEFAULT_SNAPSHOT_INTERVAL,
            "how often what the HTTP API and the `gemba_line_*` gauges show is refreshed");

    static final Key<Integer> MAX_UNCONFIGURED_STATIONS =
        Key.withDefault(
            "maxUnconfiguredStations",
            Types.INTEGER.check(EngineConfig::checkMaxUnconfiguredStations, "0 to 1000000"),
            EngineConfig.DEFAULT_MAX_UNCONFIGURED_STATIONS,
            "how many stations that `plant` does not name the agent takes (shared equally among"
                + " the engine instances); messages of one more are rejected as"
                + " `too_many_stations`");

    static final Keys KEYS =
        Keys.of(INSTANCES, TICK_INTERVAL, BATCH_WAIT, SNAPSHOT_INTERVAL, MAX_UNCONFIGURED_STATIONS);

    private Engine() {}
  }

  /** {@code spool}: messages and points on disk before InfluxDB. */
  static final class Spool {

    static final Key<Path> DIR =
        Key.optional(
            "dir",
            Types.relativePath("path"),
            "none: no spool",
            "the spool's directory, relative to the configuration file's");
    static final Key<Integer> MAX_MEGABYTES =
        Key.withDefault(
            "maxMegabytes",
            Types.INTEGER.check(SpoolConfig::checkMaxMegabytes, "1 to 1048576"),
            SpoolConfig.DEFAULT_MAX_MEGABYTES,
            "the most the logs keep");
    static final Key<Integer> SEGMENT_MEGABYTES =
        Key.withDefault(
            "segmentMegabytes",
            Types.INTEGER.check(SpoolConfig::checkSegmentMegabytes, "1 to 1024"),
            SpoolConfig.DEFAULT_SEGMENT_MEGABYTES,
            "size of the log's files");
    static final Key<Duration> CHECKPOINT_INTERVAL =
        Key.withDefault(
            "checkpointInterval",
            Types.POSITIVE_DURATION
                .check(SpoolConfig::checkCheckpointInterval)
                .described("duration, 1s to 1h"),
            SpoolConfig.DEFAULT_CHECKPOINT_INTERVAL,
            "how often an instance saves its engine's state");

    static final Keys KEYS = Keys.of(DIR, MAX_MEGABYTES, SEGMENT_MEGABYTES, CHECKPOINT_INTERVAL);

    private Spool() {}
  }
}
