package io.gemba.agent.config;

import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.telemetry.DecoderSettings;

/** The agent's whole configuration. (Interim: the loader lands with the config package.) */
public record AgentConfig(
    PlantModel plant,
    DecoderSettings decoder,
    MqttConfig mqtt,
    InfluxConfig influx,
    HttpConfig http,
    EngineConfig engine) {}
