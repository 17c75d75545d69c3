package io.gemba.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The records' own checks, as code that builds them without the loader meets them. */
class ConnectionRecordsTest {

  private static final URI BROKER = URI.create("tcp://broker:1883");

  @Test
  void mqtt_of_hasTheDefaults() {
    MqttConfig mqtt = MqttConfig.of(BROKER, "agent-1");

    assertThat(mqtt.topics()).containsExactly("gemba/v1/#");
    assertThat(mqtt.sessionExpiry()).isEqualTo(Duration.ofHours(1));
    assertThat(mqtt.receiveMaximum()).isEqualTo(1000);
    assertThat(mqtt.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(mqtt.keepAlive()).isEqualTo(Duration.ofSeconds(30));
    assertThat(mqtt.reconnectMinDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(mqtt.reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(mqtt.username()).isEmpty();
    assertThat(mqtt.password().isPresent()).isFalse();
  }

  @Test
  void mqtt_severalBadValues_areAllInTheMessage() {
    assertThatThrownBy(
            () ->
                new MqttConfig(
                    URI.create("http://broker"),
                    "agent-1",
                    List.of("a/#/b"),
                    Duration.ofHours(1),
                    0,
                    Duration.ofSeconds(10),
                    Duration.ofMillis(1500),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(1),
                    Optional.empty(),
                    Secret.none(),
                    MqttTls.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "server: scheme must be tcp or ssl, was 'http'; "
                + "topics: '#' must be a whole level and the last one, was 'a/#/b'; "
                + "receiveMaximum: must be between 1 and 65535, was 0; "
                + "keepAlive: must be whole seconds, was 1s500ms; "
                + "reconnectMaxDelay: must not be less than reconnectMinDelay (5s), was 1s");
  }

  @Test
  void mqtt_topicsList_isCopied() {
    List<String> topics = new java.util.ArrayList<>(List.of("a/#"));
    MqttConfig mqtt =
        new MqttConfig(
            BROKER,
            "agent-1",
            topics,
            Duration.ofHours(1),
            10,
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            Optional.empty(),
            Secret.none(),
            MqttTls.none());
    topics.add("b/#");

    assertThat(mqtt.topics()).containsExactly("a/#");
  }

  @Test
  void influx_disabled_needsNoOrgBucketOrToken() {
    InfluxConfig influx = InfluxConfig.disabled();

    assertThat(influx.enabled()).isFalse();
    assertThat(influx.batchSize()).isEqualTo(1000);
    assertThat(influx.flushInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(influx.maxPendingPoints()).isEqualTo(100_000);
    assertThat(influx.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void influx_withUrl_needsOrgBucketAndToken() {
    assertThatThrownBy(
            () ->
                new InfluxConfig(
                    Optional.of(URI.create("http://influx:8086")),
                    "",
                    " ",
                    Secret.none(),
                    1000,
                    Duration.ofSeconds(1),
                    100_000,
                    Duration.ofSeconds(10)))
        .hasMessage(
            "org: required when url is set; bucket: required when url is set; "
                + "token: required when url is set (a file named by influx.tokenFile, or"
                + " GEMBA_INFLUX_TOKEN)");
  }

  @Test
  void influx_pendingBelowBatch_isRefused() {
    assertThatThrownBy(
            () ->
                new InfluxConfig(
                    Optional.empty(),
                    "",
                    "",
                    Secret.none(),
                    5000,
                    Duration.ofSeconds(1),
                    1000,
                    Duration.ofSeconds(10)))
        .hasMessage(
            "maxPendingPoints: must be between 5000 and 10000000, was 1000 (at least batchSize)");
  }

  @Test
  void http_and_engine_defaults() {
    assertThat(HttpConfig.defaults()).isEqualTo(new HttpConfig("127.0.0.1", 8080));
    assertThat(EngineConfig.defaults())
        .isEqualTo(new EngineConfig(0, Duration.ofSeconds(1), Duration.ofMillis(5)));
    assertThat(new EngineConfig(3, Duration.ofSeconds(1), Duration.ZERO).effectiveInstances())
        .isEqualTo(3);
  }

  @Test
  void http_portOutOfRange_isRefused() {
    assertThatThrownBy(() -> new HttpConfig("0.0.0.0", 65_536))
        .hasMessage("port: must be between 0 and 65535, was 65536");
  }
}
