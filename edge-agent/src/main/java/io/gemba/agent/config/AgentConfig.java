package io.gemba.agent.config;

import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.telemetry.DecoderSettings;
import java.util.Objects;

/**
 * Everything the agent is configured with, as {@link ConfigLoader} reads it from one YAML file and
 * the environment. Immutable; every part is validated when it is built.
 *
 * @param plant the plant: sites, shifts, lines, stations, KPI policy
 * @param decoder the decoder's limits, with the plant's state code tables
 * @param mqtt the broker and the subscriptions
 * @param influx where points are written, or {@link InfluxConfig#disabled()}
 * @param http the HTTP server
 * @param engine how the KPI engine runs
 * @param spool the spool on disk before InfluxDB, or {@link SpoolConfig#disabled()}
 */
public record AgentConfig(
    PlantModel plant,
    DecoderSettings decoder,
    MqttConfig mqtt,
    InfluxConfig influx,
    HttpConfig http,
    EngineConfig engine,
    SpoolConfig spool) {

  /** Builds the configuration. */
  public AgentConfig {
    Objects.requireNonNull(plant, "plant");
    Objects.requireNonNull(decoder, "decoder");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(spool, "spool");
    Objects.requireNonNull(influx, "influx");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(engine, "engine");
  }
}
