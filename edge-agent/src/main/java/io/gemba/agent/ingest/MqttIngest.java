package io.gemba.agent.ingest;

import io.gemba.agent.config.MqttConfig;
import io.gemba.agent.config.MqttTls;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.timing.Backoff;
import io.gemba.agent.timing.Ticker;
import io.gemba.collector.telemetry.Reject;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's MQTT 5 session, with Eclipse Paho's asynchronous client.
 *
 * <ul>
 *   <li>A persistent session: clean start off and a session expiry, so that the broker keeps the
 *       subscriptions and queues QoS 1 messages while the agent is away.
 *   <li>Subscriptions at QoS 1 to the configured topic filters (Paho's manual acknowledgements do
 *       not work for QoS 2, so QoS 2 publishers are received at QoS 1), made again on every
 *       connect; retained messages are sent only for a subscription the session did not have.
 *   <li>Manual acknowledgements: a message is acknowledged only once its engine has applied it and
 *       handed its points on. With the receive maximum this bounds what is in flight, so a burst
 *       waits at the broker instead of filling the heap.
 *   <li>A connection that fails or is lost is tried again after a {@link Backoff} from the
 *       configured minimum delay doubling to the maximum, with jitter, until it succeeds; Paho's
 *       own reconnect (no jitter) is off.
 *   <li>{@code ssl://}: TLS with host name verification, trusting the configured CA (PEM) or the
 *       JVM's authorities, with the agent's certificate if one is configured; {@code tcp://}: plain
 *       sockets with buffered input (see {@link BufferedSocketFactory}). Failed connection attempts
 *       are counted by reason: tls, auth, unreachable.
 *   <li>Paho's callback thread is a border: it copies the message and hands it on, and never
 *       throws.
 * </ul>
 */
public final class MqttIngest implements MqttCallback, Acknowledger, DeadLetterTopic {

  private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);

  /** The most rejected messages republished a second, with {@code mqtt.deadLetters}. */
  static final int DEAD_LETTERS_PER_SECOND = 100;

  /** CONNACK reason codes of MQTT 5 (3.2.2.2). */
  private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;

  private static final int NOT_AUTHORIZED = 0x87;

  private final Vertx vertx;
  private final MqttConfig config;
  private final AgentMetrics metrics;
  private final Clock clock;
  private final Ticker ticker;
  private final Backoff backoff;
  private final MqttAsyncClient client;
  private final DeadLetterBudget deadLetterBudget;

  /** TLS sockets for {@code ssl://}, plain ones with buffered input for {@code tcp://}. */
  private final SocketFactory sockets;

  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile boolean subscribed;
  private volatile Consumer<Delivery> handOff;

  /**
   * Counts the connections of the session (one more at each disconnection, before Paho connects
   * again); a delivery carries the one it came on.
   */
  private final AtomicLong connection = new AtomicLong(1);

  /**
   * A session with {@code config}'s broker. {@code clock} stamps the messages' arrival, {@code
   * ticker} the time they came in, for the processing latency.
   */
  public MqttIngest(
      Vertx vertx, MqttConfig config, AgentMetrics metrics, Clock clock, Ticker ticker) {
    this.vertx = vertx;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.ticker = ticker;
    this.backoff = new Backoff(config.reconnectMinDelay(), config.reconnectMaxDelay());
    this.deadLetterBudget = new DeadLetterBudget(ticker, DEAD_LETTERS_PER_SECOND);
    try {
      this.client =
          new MqttAsyncClient(
              config.server().toString(), config.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("mqtt: cannot make a client for " + config.server(), e);
    }
    this.sockets = config.isTls() ? tlsSockets(vertx, config.tls()) : new BufferedSocketFactory();
    client.setManualAcks(true);
    client.setCallback(this);
  }

  /**
   * TLS sockets that trust the configured CA (or the JVM's default authorities) and present the
   * agent's certificate if one is configured; PEM files read with Vert.x's PEM support.
   *
   * @throws IllegalArgumentException if a file cannot be read as PEM
   */
  private static SSLSocketFactory tlsSockets(Vertx vertx, MqttTls tls) {
    try {
      TrustManager[] trust = null;
      if (tls.caFile().isPresent()) {
        trust =
            new PemTrustOptions()
                .addCertPath(tls.caFile().get().toString())
                .getTrustManagerFactory(vertx)
                .getTrustManagers();
      }
      KeyManager[] keys = null;
      if (tls.certFile().isPresent()) {
        keys =
            new PemKeyCertOptions()
                .setCertPath(tls.certFile().get().toString())
                .setKeyPath(tls.keyFile().orElseThrow().toString())
                .getKeyManagerFactory(vertx)
                .getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context.getSocketFactory();
    } catch (Exception e) {
      throw new IllegalArgumentException("mqtt.tls: cannot read the certificates or key: " + e, e);
    }
  }

  /**
   * Connects and subscribes, and hands every message to {@code handOff} on Paho's thread, which
   * must only queue it. The future completes at the first successful subscription.
   */
  public Future<Void> start(Consumer<Delivery> handOff) {
    this.handOff = handOff;
    Promise<Void> first = Promise.promise();
    connect(first);
    return first.future();
  }

  /** Whether the session is connected and subscribed (for {@code /health/ready}). */
  public boolean connected() {
    return subscribed && client.isConnected();
  }

  private void connect(Promise<Void> first) {
    if (stopped.get()) {
      first.tryFail("stopped");
      return;
    }
    try {
      client.connect(
          options(),
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              subscribe(first);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
              retry(first, cause);
            }
          });
    } catch (MqttException e) {
      retry(first, e);
    }
  }

  private void retry(Promise<Void> first, Throwable cause) {
    metrics.mqttConnectFailed(failureReason(cause));
    long delay = backoff.failed();
    log.warn(
        "[mqtt: {}] cannot connect, trying again in {} ms: {}",
        config.server(),
        delay,
        cause.toString());
    vertx.setTimer(delay, id -> connect(first));
  }

  /** Why a connection failed, for the metrics: tls, auth or unreachable. */
  static String failureReason(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return "tls";
      }
      if (t instanceof MqttException mqtt
          && (mqtt.getReasonCode() == BAD_USER_NAME_OR_PASSWORD
              || mqtt.getReasonCode() == NOT_AUTHORIZED)) {
        return "auth";
      }
    }
    return "unreachable";
  }

  private MqttConnectionOptions options() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setServerURIs(new String[] {config.server().toString()});
    options.setCleanStart(false);
    options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
    options.setReceiveMaximum(config.receiveMaximum());
    options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
    options.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
    options.setSocketFactory(sockets);
    options.setHttpsHostnameVerificationEnabled(true);
    options.setAutomaticReconnect(false);
    config.username().ifPresent(options::setUserName);
    if (config.password().isPresent()) {
      options.setPassword(config.password().reveal().getBytes(StandardCharsets.UTF_8));
    }
    return options;
  }

  /** Subscribes to every topic filter at QoS 1; {@code first} completes the first time. */
  private void subscribe(Promise<Void> first) {
    MqttSubscription[] subscriptions =
        config.topics().stream()
            .map(
                filter -> {
                  MqttSubscription subscription = new MqttSubscription(filter, 1);
                  subscription.setRetainHandling(1);
                  return subscription;
                })
            .toArray(MqttSubscription[]::new);
    try {
      client.subscribe(
          subscriptions,
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              subscribed = true;
              backoff.succeeded();
              metrics.mqttConnected(true);
              log.info("[mqtt: {}] subscribed to {}", config.server(), config.topics());
              first.tryComplete();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
              log.warn("[mqtt: {}] subscription refused: {}", config.server(), cause.toString());
              first.tryFail(cause);
            }
          },
          new MqttProperties());
    } catch (MqttException e) {
      log.warn("[mqtt: {}] cannot subscribe: {}", config.server(), e.toString());
      first.tryFail(e);
    }
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {}

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    if (topic.startsWith(MqttConfig.DEAD_LETTER_PREFIX)) {
      // Dead letters (this agent's or another's) are not telemetry: taken and dropped.
      if (message.getQos() > 0) {
        try {
          client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException | RuntimeException e) {
          log.debug("[mqtt: {}] could not acknowledge a dead letter", config.server(), e);
        }
      }
      return;
    }
    try {
      byte[] payload = message.getPayload();
      handOff.accept(
          new Delivery(
              topic,
              payload == null ? new byte[0] : payload.clone(),
              message.getId(),
              message.getQos(),
              clock.instant(),
              ticker.nanos(),
              connection.get()));
    } catch (RuntimeException e) {
      // An exception here would close the client; the message stays unacknowledged.
      log.error("[mqtt: {}] could not hand on a message of {}", config.server(), topic, e);
    }
  }

  /**
   * Republishes a rejected message, unchanged, at QoS 0 to {@code gemba/v1/_dlq/{reason}}, with the
   * original topic, the reason, the detail and the batch element as MQTT 5 user properties; at most
   * {@value #DEAD_LETTERS_PER_SECOND} a second. Does nothing unless {@code mqtt.deadLetters}; one
   * beyond the bound or while disconnected is dropped; both are counted.
   */
  @Override
  public void republish(Message message, Reject reject) {
    if (!config.deadLetters()) {
      return;
    }
    if (!client.isConnected() || !deadLetterBudget.take()) {
      metrics.deadLetter(false);
      return;
    }
    MqttMessage letter = new MqttMessage(message.payload());
    letter.setQos(0);
    MqttProperties properties = new MqttProperties();
    List<UserProperty> user = new ArrayList<>(4);
    user.add(new UserProperty("topic", message.topic()));
    user.add(new UserProperty("reason", reject.reason().label()));
    user.add(new UserProperty("detail", reject.detail()));
    if (reject.element() != Reject.WHOLE_MESSAGE) {
      user.add(new UserProperty("element", Integer.toString(reject.element())));
    }
    properties.setUserProperties(user);
    letter.setProperties(properties);
    try {
      client.publish(MqttConfig.deadLetterTopic(reject.reason().label()), letter);
      metrics.deadLetter(true);
    } catch (MqttException | RuntimeException e) {
      metrics.deadLetter(false);
    }
  }

  @Override
  public void acknowledge(Delivery delivery) {
    if (delivery.qos() == 0) {
      return;
    }
    if (delivery.connection() != connection.get() || !client.isConnected()) {
      // Delivered on a connection that is gone: the broker sends the message again on the next one
      // (the session keeps it unacknowledged). Acknowledging while Paho reconnects left the
      // reconnect hanging for good (its CommsSender never started again).
      return;
    }
    try {
      client.messageArrivedComplete(delivery.messageId(), delivery.qos());
    } catch (MqttException | RuntimeException e) {
      // Not acknowledged: the broker sends the message again in this or the next session.
      log.debug(
          "[mqtt: {}] could not acknowledge message {}", config.server(), delivery.messageId(), e);
    }
  }

  /** The connection is lost: counted, and tried again after the backoff. On Paho's thread. */
  @Override
  public void disconnected(MqttDisconnectResponse response) {
    connection.incrementAndGet();
    subscribed = false;
    metrics.mqttConnected(false);
    if (!stopped.get()) {
      long delay = backoff.failed();
      log.warn(
          "[mqtt: {}] disconnected, reconnecting in {} ms: {}", config.server(), delay, response);
      vertx.setTimer(delay, id -> connect(Promise.promise()));
    }
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    log.warn("[mqtt: {}] error: {}", config.server(), exception.toString());
  }

  @Override
  public void deliveryComplete(IMqttToken token) {}

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {}

  /** Disconnects (messages not acknowledged stay with the broker) and closes the client. */
  public Future<Void> stop() {
    if (!stopped.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    subscribed = false;
    metrics.mqttConnected(false);
    return vertx.executeBlocking(
        () -> {
          try {
            if (client.isConnected()) {
              client.disconnect(5_000).waitForCompletion(5_000);
            }
          } catch (MqttException e) {
            log.debug("[mqtt: {}] disconnect: {}", config.server(), e.toString());
          }
          try {
            client.close();
          } catch (MqttException e) {
            log.debug("[mqtt: {}] close: {}", config.server(), e.toString());
          }
          return null;
        });
  }
}
