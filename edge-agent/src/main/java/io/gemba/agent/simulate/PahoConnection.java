package io.gemba.agent.simulate;

import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BrokerConnection} over the Paho MQTT 5 asynchronous client: clean start, in-memory
 * persistence, automatic reconnect. Messages published while it is disconnected fail.
 */
final class PahoConnection implements BrokerConnection {

  private static final Logger LOG = LoggerFactory.getLogger(PahoConnection.class);
  private static final int MQTT_DEFAULT_RECEIVE_MAXIMUM = 65_535;
  private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final MqttAsyncClient client;
  private final int receiveMaximum;

  private PahoConnection(MqttAsyncClient client, int receiveMaximum) {
    this.client = client;
    this.receiveMaximum = receiveMaximum;
  }

  /**
   * Connects, blocking until the broker accepts or {@code timeout} passes.
   *
   * @param number the connection's number, which ends its client id
   * @throws MqttException if the connection fails
   */
  static PahoConnection connect(PublishOptions options, int number, Duration timeout)
      throws MqttException {
    String clientId = options.clientIdPrefix() + "-" + number;
    MqttAsyncClient client =
        new MqttAsyncClient(options.broker().toString(), clientId, new MemoryPersistence());
    MqttConnectionOptions connect = new MqttConnectionOptions();
    connect.setCleanStart(true);
    connect.setAutomaticReconnect(true);
    connect.setKeepAliveInterval(30);
    connect.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
    if (options.username() != null) {
      connect.setUserName(options.username());
    }
    if (options.password() != null) {
      connect.setPassword(options.password().utf8());
    }
    try {
      IMqttToken token = client.connect(connect);
      token.waitForCompletion(timeout.toMillis());
      MqttProperties granted = token.getResponseProperties();
      Integer receiveMaximum = granted == null ? null : granted.getReceiveMaximum();
      LOG.info(
          "[client: {}] connected to {}, receive maximum {}",
          clientId,
          options.broker(),
          receiveMaximum);
      return new PahoConnection(
          client, receiveMaximum == null ? MQTT_DEFAULT_RECEIVE_MAXIMUM : receiveMaximum);
    } catch (MqttException e) {
      try {
        client.close(true);
      } catch (MqttException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  @Override
  public boolean publish(String topic, byte[] payload, int qos, Consumer<Throwable> done)
      throws MqttException {
    try {
      client.publish(
          topic,
          payload,
          qos,
          false,
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              done.accept(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
              done.accept(failure != null ? failure : new IllegalStateException("publish failed"));
            }
          });
      return true;
    } catch (MqttException e) {
      if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public int receiveMaximum() {
    return receiveMaximum;
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client
            .disconnect(DISCONNECT_TIMEOUT.toMillis())
            .waitForCompletion(DISCONNECT_TIMEOUT.toMillis() + 1_000);
      }
    } catch (MqttException e) {
      LOG.warn("[client: {}] disconnect failed: {}", client.getClientId(), e.toString());
    } finally {
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.warn("[client: {}] close failed: {}", client.getClientId(), e.toString());
      }
    }
  }
}
