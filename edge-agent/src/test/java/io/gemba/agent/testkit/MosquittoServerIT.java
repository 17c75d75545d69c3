package io.gemba.agent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MosquittoServerIT {

  private static final long WAIT_MS = 10_000;
  private static final int PUBLISH_WINDOW = 50;

  @Test
  void qos1Message_publishedWithPaho_reachesSubscriber() throws Exception {
    try (MosquittoServer broker = MosquittoServer.builder().build().start();
        Client subscriber = Client.connect(broker.uri(), "kit-subscriber", cleanStart());
        Client publisher = Client.connect(broker.uri(), "kit-publisher", cleanStart())) {
      subscriber.subscribe("gemba/plant1/#");

      publisher.publish("gemba/plant1/L1/ST10/state", "RUNNING");

      await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received().size() == 1);
      assertThat(subscriber.received())
          .containsExactly(new Received("gemba/plant1/L1/ST10/state", "RUNNING", 1));
      assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
    }
  }

  @Test
  void persistentSession_keepsEveryQos1Message_publishedWhileAway_acrossRestart() throws Exception {
    try (MosquittoServer broker = MosquittoServer.builder().build().start()) {
      try (Client subscriber = Client.connect(broker.uri(), "kit-agent", persistentSession())) {
        assertThat(subscriber.sessionPresent()).isFalse();
        subscriber.subscribe("gemba/plant1/#");
      } // a normal DISCONNECT: the session stays for its expiry interval (300 s)

      try (Client gateway = Client.connect(broker.uri(), "kit-gateway", cleanStart())) {
        gateway.publishAll("gemba/plant1/L1/ST10/counter", 5_000);
      }
      int portBefore = broker.port();
      broker.restart();
      assertThat(broker.port()).isEqualTo(portBefore);

      try (Client subscriber = Client.connect(broker.uri(), "kit-agent", persistentSession())) {
        assertThat(subscriber.sessionPresent()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriber.received().size() >= 5_000);
        // Nothing more arrives: no duplicate.
        await()
            .during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(5))
            .until(() -> subscriber.received().size() == 5_000);
        assertThat(subscriber.received())
            .extracting(Received::payload)
            .containsExactlyElementsOf(
                IntStream.range(0, 5_000).mapToObj(Integer::toString).toList());
        assertThat(subscriber.received()).allMatch(r -> r.qos() == 1);
      }
    }
  }

  /**
   * Mosquitto sends PUBACK before the message is on disk; it saves its database every second here
   * (autosave_interval 1). Killed (SIGKILL) after a save that followed the last PUBACK, it keeps
   * every message queued for the absent subscriber.
   */
  @Test
  void persistentSession_keepsEveryQos1Message_savedBeforeACrash() throws Exception {
    try (MosquittoServer broker = MosquittoServer.builder().build().start()) {
      try (Client subscriber = Client.connect(broker.uri(), "kit-agent", persistentSession())) {
        subscriber.subscribe("gemba/plant1/#");
      }
      try (Client gateway = Client.connect(broker.uri(), "kit-gateway", cleanStart())) {
        gateway.publishAll("gemba/plant1/L1/ST10/counter", 5_000);
      }
      Instant acknowledged = Instant.now();
      Path database = broker.dataDir().resolve("mosquitto.db");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  Files.exists(database)
                      && Files.getLastModifiedTime(database).toInstant().isAfter(acknowledged));
      broker.kill();
      broker.restart();

      try (Client subscriber = Client.connect(broker.uri(), "kit-agent", persistentSession())) {
        assertThat(subscriber.sessionPresent()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriber.received().size() >= 5_000);
        assertThat(subscriber.received())
            .extracting(Received::payload)
            .containsExactlyElementsOf(
                IntStream.range(0, 5_000).mapToObj(Integer::toString).toList());
      }
    }
  }

  /**
   * Killed at once after the last PUBACK, Mosquitto loses what it acknowledged since its last save
   * (at most about a second here, 30 minutes with its default autosave_interval): what survives is
   * the first messages, in order, none twice, and the rest is gone for good, since the publisher
   * had its PUBACK. docs/operations.md gives the figure of a run.
   */
  @Test
  void persistentSession_aCrashRightAfterThePubacks_losesWhatCameSinceTheLastSave()
      throws Exception {
    try (MosquittoServer broker = MosquittoServer.builder().build().start()) {
      try (Client subscriber = Client.connect(broker.uri(), "kit-agent", persistentSession())) {
        subscriber.subscribe("gemba/plant1/#");
      }
      try (Client gateway = Client.connect(broker.uri(), "kit-gateway", cleanStart())) {
        gateway.publishAll("gemba/plant1/L1/ST10/counter", 5_000);
      }
      broker.kill();
      broker.restart();

      try (Client subscriber = Client.connect(broker.uri(), "kit-agent", persistentSession())) {
        // Until nothing more comes for a second.
        java.util.concurrent.atomic.AtomicInteger seen =
            new java.util.concurrent.atomic.AtomicInteger(-1);
        await()
            .during(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> seen.getAndSet(subscriber.received().size()) == subscriber.received().size());
        List<String> kept = subscriber.received().stream().map(Received::payload).toList();
        assertThat(kept)
            .containsExactlyElementsOf(
                IntStream.range(0, kept.size()).mapToObj(Integer::toString).toList());
        System.out.printf(
            "[mosquitto] kept %d of 5000 after SIGKILL right after the PUBACKs%n", kept.size());
      }
    }
  }

  @Test
  void mqtt5ReceiveMaximum_boundsTheMessagesAwaitingTheSubscribersAck() throws Exception {
    try (MosquittoServer broker = MosquittoServer.builder().build().start();
        Client gateway = Client.connect(broker.uri(), "kit-gateway", cleanStart())) {
      MqttConnectionOptions options = cleanStart();
      options.setReceiveMaximum(5);
      try (Client agent = Client.connectWithManualAcks(broker.uri(), "kit-agent", options)) {
        agent.subscribe("gemba/plant1/#");

        gateway.publishAll("gemba/plant1/L1/ST10/counter", 20);

        // Until the agent acknowledges, the broker sends it 5 messages and no more: the agent
        // bounds its in-flight work with its Receive Maximum.
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.received().size() == 5);
        await()
            .during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(5))
            .until(() -> agent.received().size() == 5);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> agent.ackAllReceived() && agent.received().size() == 20);
        assertThat(agent.received())
            .extracting(Received::payload)
            .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(Integer::toString).toList());
      }
    }
  }

  @Test
  void kill_thenRestart_acceptsClientsOnTheSamePort() throws Exception {
    try (MosquittoServer broker = MosquittoServer.builder().build().start()) {
      String uri = broker.uri();

      broker.kill();
      assertThat(broker.isRunning()).isFalse();
      broker.restart();

      assertThat(broker.isRunning()).isTrue();
      assertThat(broker.uri()).isEqualTo(uri);
      try (Client client = Client.connect(uri, "kit-after-kill", cleanStart())) {
        client.publish("gemba/plant1/L1/ST10/state", "IDLE");
      }
    }
  }

  @Test
  void restart_whenThePortIsTaken_failsWithTheLastLinesOfTheLog() throws Exception {
    try (MosquittoServer broker = MosquittoServer.builder().build().start()) {
      broker.stop();
      try (ServerSocket squatter =
          new ServerSocket(broker.port(), 1, InetAddress.getByName("127.0.0.1"))) {
        assertThatThrownBy(broker::restart)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("mosquitto exited with code")
            .hasMessageContaining("last lines of " + broker.logFile())
            .hasMessageContaining("Address already in use");
      }
    }
  }

  @Test
  void credentials_refuseAnonymousAndWrongPassword_acceptTheUser() throws Exception {
    try (MosquittoServer broker =
        MosquittoServer.builder().credentials("gateway-1", "s3cret pass").build().start()) {
      MqttConnectionOptions anonymous = cleanStart();
      MqttConnectionOptions wrongPassword = cleanStart();
      wrongPassword.setUserName("gateway-1");
      wrongPassword.setPassword("wrong".getBytes(StandardCharsets.UTF_8));
      MqttConnectionOptions user = cleanStart();
      user.setUserName(broker.username().orElseThrow());
      user.setPassword(broker.password().orElseThrow().getBytes(StandardCharsets.UTF_8));

      // MQTT 5 CONNACK reason code 0x87, not authorized: Mosquitto 2.0 gives it for both
      // (not 0x86, bad user name or password, for the wrong password).
      assertThatThrownBy(() -> Client.connect(broker.uri(), "kit-anonymous", anonymous))
          .isInstanceOfSatisfying(
              MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x87));
      assertThatThrownBy(() -> Client.connect(broker.uri(), "kit-wrong", wrongPassword))
          .isInstanceOfSatisfying(
              MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x87));
      try (Client client = Client.connect(broker.uri(), "kit-user", user)) {
        client.publish("gemba/plant1/L1/ST10/state", "RUNNING");
      }
    }
  }

  private static MqttConnectionOptions cleanStart() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(false);
    return options;
  }

  // What the agent uses: the broker keeps the session and its messages while the agent is away.
  private static MqttConnectionOptions persistentSession() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(300L);
    options.setAutomaticReconnect(false);
    return options;
  }

  record Received(String topic, String payload, int qos) {}

  /** A Paho MQTT 5 async client that records what arrives; QoS 1 throughout. */
  private static final class Client implements AutoCloseable {

    private final MqttAsyncClient paho;
    private final List<Received> received = new ArrayList<>();
    private final List<Integer> unacked = new ArrayList<>();
    private final Semaphore publishWindow = new Semaphore(PUBLISH_WINDOW);
    private boolean sessionPresent;

    private Client(MqttAsyncClient paho) {
      this.paho = paho;
    }

    static Client connect(String uri, String clientId, MqttConnectionOptions options)
        throws MqttException {
      return connect(uri, clientId, options, false);
    }

    /** A client that acknowledges a QoS 1 message only when told: {@link #ackAllReceived()}. */
    static Client connectWithManualAcks(String uri, String clientId, MqttConnectionOptions options)
        throws MqttException {
      return connect(uri, clientId, options, true);
    }

    private static Client connect(
        String uri, String clientId, MqttConnectionOptions options, boolean manualAcks)
        throws MqttException {
      Client client = new Client(new MqttAsyncClient(uri, clientId, new MemoryPersistence()));
      client.paho.setCallback(client.new Callback());
      client.paho.setManualAcks(manualAcks);
      try {
        IMqttToken token = client.paho.connect(options);
        token.waitForCompletion(WAIT_MS);
        client.sessionPresent = token.getSessionPresent();
        return client;
      } catch (MqttException e) {
        client.paho.close(true);
        throw e;
      }
    }

    boolean sessionPresent() {
      return sessionPresent;
    }

    synchronized List<Received> received() {
      return List.copyOf(received);
    }

    /** Sends the PUBACK of every message received so far; true, for use in a condition. */
    synchronized boolean ackAllReceived() throws MqttException {
      for (int id : unacked) {
        paho.messageArrivedComplete(id, 1);
      }
      unacked.clear();
      return true;
    }

    void subscribe(String filter) throws MqttException {
      IMqttToken token = paho.subscribe(filter, 1);
      token.waitForCompletion(WAIT_MS);
      assertThat(token.getReasonCodes()).containsExactly(1); // granted QoS 1
    }

    void publish(String topic, String payload) throws Exception {
      publishAsync(topic, payload);
      awaitDeliveries();
    }

    /** Publishes "0" to "count - 1", at most 50 awaiting their PUBACK (the broker allows 100). */
    void publishAll(String topic, int count) throws Exception {
      for (int i = 0; i < count; i++) {
        publishAsync(topic, Integer.toString(i));
      }
      awaitDeliveries();
    }

    // Paho 1.2.5 completes a publish token on PUBACK but frees its in-flight slot later, on its
    // callback thread, before deliveryComplete: a window kept by tokens can overrun the broker's
    // Receive Maximum ("Too many publishes in progress"); one kept by deliveryComplete cannot.
    private void publishAsync(String topic, String payload) throws Exception {
      assertThat(publishWindow.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
      paho.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private void awaitDeliveries() throws InterruptedException {
      assertThat(publishWindow.tryAcquire(PUBLISH_WINDOW, WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
      publishWindow.release(PUBLISH_WINDOW);
    }

    @Override
    public void close() throws MqttException {
      try {
        if (paho.isConnected()) {
          paho.disconnect().waitForCompletion(WAIT_MS);
        }
      } finally {
        paho.close(true);
      }
    }

    private final class Callback implements MqttCallback {

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        synchronized (Client.this) {
          received.add(
              new Received(
                  topic,
                  new String(message.getPayload(), StandardCharsets.UTF_8),
                  message.getQos()));
          unacked.add(message.getId());
        }
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {
        publishWindow.release();
      }

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
  }
}
