package io.gemba.agent.app;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.EngineConfig;
import io.gemba.agent.config.HttpConfig;
import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.config.MqttConfig;
import io.gemba.agent.config.MqttTls;
import io.gemba.agent.config.Secret;
import io.gemba.agent.config.SpoolConfig;
import io.gemba.agent.testkit.TestPlant;
import io.gemba.collector.telemetry.DecoderSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The agent's configuration in the integration tests: the test plant, fast ticks and flushes. */
final class ItConfigs {

  private ItConfigs() {}

  /**
   * The test plant on {@code mqttUri} as {@code clientId} (receive maximum 100, reconnecting after
   * 1 to 2 s), writing to {@code influxUrl} in batches of 500 or every 200 ms, HTTP on a free port,
   * two engine instances ticking every 200 ms, and {@code spool}.
   */
  static AgentConfig agent(String mqttUri, String clientId, String influxUrl, SpoolConfig spool) {
    return agent(
        mqttUri,
        clientId,
        influxUrl,
        spool,
        new EngineConfig(2, Duration.ofMillis(200), EngineConfig.DEFAULT_BATCH_WAIT));
  }

  /** As {@link #agent(String, String, String, SpoolConfig)}, with {@code engine}. */
  static AgentConfig agent(
      String mqttUri, String clientId, String influxUrl, SpoolConfig spool, EngineConfig engine) {
    return new AgentConfig(
        TestPlant.model(),
        DecoderSettings.defaults(),
        new MqttConfig(
            URI.create(mqttUri),
            clientId,
            MqttConfig.DEFAULT_TOPICS,
            Duration.ofHours(1),
            100,
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Optional.empty(),
            Secret.none(),
            MqttTls.none()),
        new InfluxConfig(
            Optional.of(URI.create(influxUrl)),
            "plant",
            "gemba",
            Secret.of("it-token"),
            500,
            Duration.ofMillis(200),
            100_000,
            Duration.ofSeconds(5)),
        new HttpConfig("127.0.0.1", 0),
        engine,
        spool);
  }
}
