package io.gemba.agent.app;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A gateway for tests: publishes contract messages at QoS 1, one at a time, each once Paho has
 * finished with the one before.
 *
 * <p>Paho 1.2.5 completes a publish token when the PUBACK arrives (its receiver thread), but frees
 * the message's in-flight slot later, on its callback thread, just before it calls the action
 * listener. Paho's synchronous {@code MqttClient.publish} returns on the token, so on a busy
 * machine a publisher that waits for tokens runs ahead of the freed slots and, after the broker's
 * receive maximum (Mosquitto's 20), fails with "Too many publishes in progress" (32202). Waiting
 * for the listener instead waits for the slot.
 */
final class TestPublisher implements AutoCloseable {

  private static final long PUBLISH_TIMEOUT_SECONDS = 30;

  private final MqttAsyncClient client;

  TestPublisher(String broker, String clientId) throws MqttException {
    client = new MqttAsyncClient(broker, clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 1);
    client.connect(options).waitForCompletion(PUBLISH_TIMEOUT_SECONDS * 1000);
  }

  /**
   * Publishes and returns once the broker has acknowledged and Paho has freed the message's slot.
   *
   * @throws MqttException if the client is not connected, or the publish failed
   */
  void publish(String topic, String json) throws MqttException, InterruptedException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    client.publish(
        topic,
        json.getBytes(StandardCharsets.UTF_8),
        1,
        false,
        null,
        new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            done.complete(null);
          }

          @Override
          public void onFailure(IMqttToken token, Throwable failure) {
            done.completeExceptionally(failure);
          }
        });
    try {
      done.get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MqttException mqtt) {
        throw mqtt;
      }
      throw new IllegalStateException("publish to " + topic + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "publish to " + topic + " not acknowledged in " + PUBLISH_TIMEOUT_SECONDS + " s", e);
    }
  }

  boolean connected() {
    return client.isConnected();
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(PUBLISH_TIMEOUT_SECONDS * 1000);
    }
    client.close();
  }
}
