package io.gemba.agent.app;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A gateway for tests: publishes contract messages at QoS 1 and waits for each PUBACK. */
final class TestPublisher implements AutoCloseable {

  private final MqttClient client;

  TestPublisher(String broker, String clientId) throws MqttException {
    client = new MqttClient(broker, clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 1);
    client.connect(options);
  }

  void publish(String topic, String json) throws MqttException {
    MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    client.publish(topic, message);
  }

  boolean connected() {
    return client.isConnected();
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
