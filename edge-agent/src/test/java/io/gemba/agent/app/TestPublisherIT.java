package io.gemba.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.agent.testkit.MosquittoServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tests' gateway publishes a long run of QoS 1 messages in a row to a real Mosquitto without
 * "Too many publishes in progress", even with a window of one message: a publisher that returned on
 * Paho's token, as {@code MqttClient.publish} does, failed on the second publish of such a window,
 * and against Mosquitto's default window of 20 in 2,000 to 8,400 of 20,000 publishes on this
 * machine.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TestPublisherIT {

  private static final int MESSAGES = 5_000;

  @Test
  void publishesManyInARow_eachArrives() throws Exception {
    try (MosquittoServer broker =
        MosquittoServer.builder().maxInflightMessages(1).build().start()) {
      MqttAsyncClient subscriber =
          new MqttAsyncClient(broker.uri(), "test-publisher-it-sub", new MemoryPersistence());
      AtomicInteger received = new AtomicInteger();
      CountDownLatch all = new CountDownLatch(MESSAGES);
      subscriber.setCallback(new Counting(received, all));
      subscriber.connect().waitForCompletion(10_000);
      subscriber.subscribe("gemba/v1/#", 1).waitForCompletion(10_000);
      try (TestPublisher gateway = new TestPublisher(broker.uri(), "test-publisher-it")) {
        for (int i = 0; i < MESSAGES; i++) {
          gateway.publish("gemba/v1/tlx/battery/pack-1/st10/heartbeat", "{\"seq\":" + i + "}");
        }
      }
      assertThat(all.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(received).hasValue(MESSAGES);
      subscriber.disconnect().waitForCompletion(10_000);
      subscriber.close();
    }
  }

  private record Counting(AtomicInteger received, CountDownLatch all) implements OnMessage {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (new String(message.getPayload(), StandardCharsets.UTF_8).startsWith("{\"seq\":")) {
        received.incrementAndGet();
        all.countDown();
      }
    }
  }
}
