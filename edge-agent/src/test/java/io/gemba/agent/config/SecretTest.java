package io.gemba.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void toString_neverShowsTheValue() {
    assertThat(Secret.of("hunter2")).hasToString("<secret>");
    assertThat(Secret.none()).hasToString("<none>");
  }

  @Test
  void reveal_givesTheValue() {
    assertThat(Secret.of("hunter2").reveal()).isEqualTo("hunter2");
    assertThat(Secret.of("hunter2").isPresent()).isTrue();
  }

  @Test
  void reveal_ofNone_throws() {
    assertThat(Secret.none().isPresent()).isFalse();
    assertThatThrownBy(() -> Secret.none().reveal()).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void equals_byValue() {
    assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
    assertThat(Secret.of("a")).hasSameHashCodeAs(Secret.of("a"));
    assertThat(Secret.none()).isEqualTo(Secret.none()).isNotEqualTo(Secret.of("a"));
  }

  @Test
  void of_empty_isRefused() {
    assertThatThrownBy(() -> Secret.of("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recordsHoldingSecrets_doNotShowThem() {
    MqttConfig mqtt =
        new MqttConfig(
            java.net.URI.create("tcp://broker:1883"),
            "agent-1",
            MqttConfig.DEFAULT_TOPICS,
            MqttConfig.DEFAULT_SESSION_EXPIRY,
            MqttConfig.DEFAULT_RECEIVE_MAXIMUM,
            MqttConfig.DEFAULT_CONNECT_TIMEOUT,
            MqttConfig.DEFAULT_KEEP_ALIVE,
            MqttConfig.DEFAULT_RECONNECT_MIN_DELAY,
            MqttConfig.DEFAULT_RECONNECT_MAX_DELAY,
            java.util.Optional.of("gemba"),
            Secret.of("hunter2"),
            MqttTls.none());
    assertThat(mqtt.toString()).contains("password=<secret>").doesNotContain("hunter2");
  }
}
