package io.gemba.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.MqttConfig;
import io.gemba.agent.config.SpoolConfig;
import io.gemba.agent.testkit.ManualClock;
import io.gemba.agent.testkit.MosquittoServer;
import io.gemba.agent.testkit.VictoriaMetricsServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code mqtt.deadLetters}, a rejected message is republished unchanged to {@code
 * gemba/v1/_dlq/{reason}} with its topic and the reject's detail, through a real Mosquitto; the
 * agent takes no telemetry from there (no loop), and a flood is bounded and counted.
 */
class DeadLetterIT {

  private static final String ST10 = "gemba/v1/tlx/battery/pack-1/st10/";

  /** A dead letter as a subscriber sees it. */
  record Letter(String topic, String payload, Map<String, String> properties) {}

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T06:00:00Z"));
  private final List<Letter> letters = new CopyOnWriteArrayList<>();
  private MosquittoServer mosquitto;
  private VictoriaMetricsServer victoria;
  private Agent agent;
  private MqttAsyncClient watcher;

  @BeforeEach
  void start() throws Exception {
    mosquitto = MosquittoServer.builder().build().start();
    victoria = new VictoriaMetricsServer().start();
    AgentConfig it =
        ItConfigs.agent(mosquitto.uri(), "gemba-dlq-it", victoria.url(), SpoolConfig.disabled());
    MqttConfig m = it.mqtt();
    AgentConfig config =
        new AgentConfig(
            it.plant(),
            it.decoder(),
            new MqttConfig(
                m.server(),
                m.clientId(),
                m.topics(),
                m.sessionExpiry(),
                m.receiveMaximum(),
                m.connectTimeout(),
                m.keepAlive(),
                m.reconnectMinDelay(),
                m.reconnectMaxDelay(),
                m.username(),
                m.password(),
                m.tls(),
                true),
            it.influx(),
            it.http(),
            it.engine(),
            it.spool());
    agent = AgentHttp.startReady(config, clock);
    watcher = new MqttAsyncClient(mosquitto.uri(), "dlq-watcher", new MemoryPersistence());
    watcher.setCallback((OnMessage) this::collect);
    watcher.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
    watcher.subscribe("gemba/v1/_dlq/#", 0).waitForCompletion(10_000);
  }

  @AfterEach
  void stop() throws Exception {
    watcher.disconnect().waitForCompletion(10_000);
    watcher.close();
    agent.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    victoria.close();
    mosquitto.close();
  }

  @Test
  void rejectedMessages_republishedUnchanged_withTheirTopicAndDetail_andNotTakenBack()
      throws Exception {
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-dlq")) {
      gateway.publish(ST10 + "state", "{\"ts\":");
      gateway.publish(ST10 + "count", "{\"ts\":\"2026-11-26T06:00:00Z\",\"good\":5}");
      gateway.publish(ST10 + "state", "{\"ts\":\"2026-11-26T06:00:00Z\",\"state\":\"RUNNING\"}");
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> letters.size() == 2);
    Letter badJson = letter("gemba/v1/_dlq/bad_json");
    assertThat(badJson.payload()).isEqualTo("{\"ts\":");
    assertThat(badJson.properties())
        .containsOnlyKeys("topic", "reason", "detail")
        .containsEntry("topic", ST10 + "state")
        .containsEntry("reason", "bad_json");
    assertThat(badJson.properties().get("detail")).contains("end-of-input");
    assertThat(letter("gemba/v1/_dlq/missing_field"))
        .isEqualTo(
            new Letter(
                "gemba/v1/_dlq/missing_field",
                "{\"ts\":\"2026-11-26T06:00:00Z\",\"good\":5}",
                Map.of(
                    "topic", ST10 + "count",
                    "reason", "missing_field",
                    "detail", "total is required")));
    // The agent took its dead letters for no telemetry: two rejects, one state applied.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> rejected() == 2 && applied() == 1);
    assertThat(counter("gemba.dead.letters", "published")).isEqualTo(2.0);
  }

  @Test
  void aFloodOfBadMessages_isBounded_andEveryOneCounted() throws Exception {
    int flood = 400;
    try (TestPublisher gateway = new TestPublisher(mosquitto.uri(), "gateway-flood")) {
      for (int i = 0; i < flood; i++) {
        gateway.publish(ST10 + "state", "{\"ts\":" + i);
      }
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                counter("gemba.dead.letters", "published")
                        + counter("gemba.dead.letters", "dropped")
                    == flood);
    double published = counter("gemba.dead.letters", "published");
    // At most 100 a second: the 400 came in a few seconds at most, the rest dropped, counted.
    assertThat(published).isGreaterThanOrEqualTo(100.0);
    await().atMost(Duration.ofSeconds(10)).until(() -> letters.size() == (int) published);
    assertThat(rejected()).isEqualTo(flood);
  }

  private Letter letter(String topic) {
    return letters.stream()
        .filter(l -> l.topic().equals(topic))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no dead letter on " + topic + " in " + letters));
  }

  private double rejected() {
    return agent.registry().get("gemba.events.rejected").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private double applied() {
    return agent.registry().get("gemba.engine.events").tag("outcome", "applied").counter().count();
  }

  private double counter(String name, String outcome) {
    var counter = agent.registry().find(name).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private void collect(String topic, MqttMessage message) {
    MqttProperties properties = message.getProperties();
    List<UserProperty> user = properties == null ? List.of() : properties.getUserProperties();
    letters.add(
        new Letter(
            topic,
            new String(message.getPayload(), StandardCharsets.UTF_8),
            user.stream().collect(Collectors.toMap(UserProperty::getKey, UserProperty::getValue))));
  }
}
