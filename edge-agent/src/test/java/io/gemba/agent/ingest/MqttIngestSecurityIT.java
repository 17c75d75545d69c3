package io.gemba.agent.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.MqttConfig;
import io.gemba.agent.config.MqttTls;
import io.gemba.agent.config.Secret;
import io.gemba.agent.metrics.MicrometerAgentMetrics;
import io.gemba.agent.testkit.MosquittoServer;
import io.gemba.agent.testkit.TestCa;
import io.gemba.agent.timing.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's MQTT session against a real Mosquitto with TLS and a password file, and a CA the test
 * makes with openssl: the right CA and password connect and receive; another CA, a wrong password,
 * and a missing client certificate where the broker requires one are refused, and counted by
 * reason.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MqttIngestSecurityIT {

  private static final String USER = "gemba-agent";
  private static final String PASSWORD = "line-7-s3cret";
  private static final String TOPIC = "gemba/v1/tlx/battery/pack-1/st10/state";

  @TempDir Path dir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Delivery> delivered = Collections.synchronizedList(new ArrayList<>());
  private Vertx vertx;
  private TestCa ca;
  private MqttIngest ingest;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    ca = TestCa.create(dir, "plant");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (ingest != null) {
      ingest.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void theRightCaAndPassword_connect_andMessagesArrive() throws Exception {
    try (MosquittoServer broker = tlsBroker(false)) {
      ingest = start(broker, PASSWORD, new MqttTls(Optional.of(ca.certFile()), none(), none()));

      startConnected(ingest);
      publish(broker, "{\"state\":\"RUNNING\"}");

      await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() == 1);
      assertThat(delivered.get(0).topic()).isEqualTo(TOPIC);
      assertThat(new String(delivered.get(0).payload(), StandardCharsets.UTF_8))
          .isEqualTo("{\"state\":\"RUNNING\"}");
      assertThat(registry.get("gemba.mqtt.connected").gauge().value()).isEqualTo(1.0);
    }
  }

  @Test
  void aBrokerCertificateFromAnotherCa_isRefused() {
    TestCa other = TestCa.create(dir, "elsewhere");
    try (MosquittoServer broker = tlsBroker(false)) {
      ingest = start(broker, PASSWORD, new MqttTls(Optional.of(other.certFile()), none(), none()));

      startRefused(ingest, "tls");
      assertThat(failures("auth")).isZero();
    }
  }

  @Test
  void aWrongPassword_isRefused() {
    try (MosquittoServer broker = tlsBroker(false)) {
      ingest =
          start(broker, PASSWORD + "x", new MqttTls(Optional.of(ca.certFile()), none(), none()));

      startRefused(ingest, "auth");
      assertThat(failures("tls")).isZero();
    }
  }

  @Test
  void aBrokerThatRequiresAClientCertificate_takesTheAgentsAndRefusesNone() throws Exception {
    TestCa.Issued agentCert = ca.client("edge-agent-1");
    try (MosquittoServer broker = tlsBroker(true)) {
      MqttIngest without =
          start(broker, PASSWORD, new MqttTls(Optional.of(ca.certFile()), none(), none()));
      startRefused(without, "tls");
      without.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      ingest =
          start(
              broker,
              PASSWORD,
              new MqttTls(
                  Optional.of(ca.certFile()),
                  Optional.of(agentCert.certFile()),
                  Optional.of(agentCert.keyFile())));
      startConnected(ingest);
    }
  }

  private MosquittoServer tlsBroker(boolean requireClientCertificate) {
    return MosquittoServer.builder()
        .credentials(USER, PASSWORD)
        .tls(ca.server("broker"), ca.certFile(), requireClientCertificate)
        .build()
        .start();
  }

  private MqttIngest start(MosquittoServer broker, String password, MqttTls tls) {
    MqttConfig config =
        new MqttConfig(
            URI.create(broker.uri()),
            "gemba-security-it-" + System.nanoTime(),
            MqttConfig.DEFAULT_TOPICS,
            MqttConfig.DEFAULT_SESSION_EXPIRY,
            MqttConfig.DEFAULT_RECEIVE_MAXIMUM,
            Duration.ofSeconds(5),
            MqttConfig.DEFAULT_KEEP_ALIVE,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Optional.of(USER),
            Secret.of(password),
            tls);
    return new MqttIngest(
        vertx,
        config,
        new MicrometerAgentMetrics(registry, Clock.systemUTC()),
        Clock.systemUTC(),
        Ticker.SYSTEM);
  }

  /** Starts {@code ingest}, and waits until it is connected. */
  private void startConnected(MqttIngest ingest) throws Exception {
    ingest
        .start(delivered::add)
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    assertThat(ingest.connected()).isTrue();
  }

  /** Starts {@code ingest}, and waits until a refused connection is counted for {@code reason}. */
  private void startRefused(MqttIngest ingest, String reason) {
    ingest.start(delivered::add);
    await().atMost(Duration.ofSeconds(30)).until(() -> failures(reason) >= 1);
    assertThat(ingest.connected()).isFalse();
  }

  private double failures(String reason) {
    Counter counter = registry.find("gemba.mqtt.connect.failures").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private void publish(MosquittoServer broker, String payload) throws Exception {
    Process process =
        new ProcessBuilder(
                "/usr/bin/mosquitto_pub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(broker.port()),
                "--cafile",
                ca.certFile().toString(),
                "-u",
                USER,
                "-P",
                PASSWORD,
                "-q",
                "1",
                "-t",
                TOPIC,
                "-m",
                payload)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("mosquitto_pub: %s", output).isZero();
  }

  private static Optional<Path> none() {
    return Optional.empty();
  }
}
