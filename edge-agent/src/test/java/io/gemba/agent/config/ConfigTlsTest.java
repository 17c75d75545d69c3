package io.gemba.agent.config;

import static io.gemba.agent.config.ConfigFixtures.MINIMAL;
import static io.gemba.agent.config.ConfigFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTlsTest {

  @TempDir Path dir;

  private static String withTls(String server, String tls) {
    return MINIMAL.replace("server: tcp://broker:1883", "server: " + server + "\n  tls: " + tls);
  }

  @Test
  void load_tlsFiles_relativeToTheConfigDirectory() throws Exception {
    Files.createDirectories(dir.resolve("certs"));
    for (String name : new String[] {"ca.crt", "agent.crt", "agent.key"}) {
      Files.writeString(dir.resolve("certs").resolve(name), "PEM");
    }

    AgentConfig config =
        ConfigLoader.load(
            withTls(
                "ssl://broker:8883",
                "{caFile: certs/ca.crt, certFile: certs/agent.crt, keyFile: certs/agent.key}"),
            Map.of(),
            dir);

    assertThat(config.mqtt().isTls()).isTrue();
    assertThat(config.mqtt().tls())
        .isEqualTo(
            new MqttTls(
                Optional.of(dir.resolve("certs/ca.crt")),
                Optional.of(dir.resolve("certs/agent.crt")),
                Optional.of(dir.resolve("certs/agent.key"))));
  }

  @Test
  void load_caFileFromTheEnvironment() throws Exception {
    Files.writeString(dir.resolve("plant-ca.crt"), "PEM");

    AgentConfig config =
        ConfigLoader.load(
            MINIMAL.replace("tcp://broker:1883", "ssl://broker:8883"),
            Map.of("GEMBA_MQTT_TLS_CA_FILE", "plant-ca.crt"),
            dir);

    assertThat(config.mqtt().tls().caFile()).contains(dir.resolve("plant-ca.crt"));
  }

  @Test
  void load_noTlsSection_isNone() throws Exception {
    AgentConfig config = ConfigLoader.load(MINIMAL, Map.of(), dir);

    assertThat(config.mqtt().isTls()).isFalse();
    assertThat(config.mqtt().tls()).isEqualTo(MqttTls.none());
  }

  @Test
  void load_missingFile_tlsOnPlainTcp_andACertWithoutItsKey_areProblems() throws Exception {
    Files.writeString(dir.resolve("agent.crt"), "PEM");

    assertThat(problems(withTls("ssl://broker:8883", "{caFile: nowhere.crt}"), Map.of(), dir))
        .containsExactly(
            "mqtt.tls.caFile: file '"
                + dir.resolve("nowhere.crt")
                + "' does not exist or cannot be read");
    assertThat(problems(withTls("tcp://broker:1883", "{certFile: agent.crt}"), Map.of(), dir))
        .contains("mqtt.tls.keyFile: required with certFile");
    Files.writeString(dir.resolve("agent.key"), "PEM");
    assertThat(
            problems(
                withTls("tcp://broker:1883", "{certFile: agent.crt, keyFile: agent.key}"),
                Map.of(),
                dir))
        .containsExactly("mqtt.tls: set, but the server is tcp://: use ssl://");
  }
}
