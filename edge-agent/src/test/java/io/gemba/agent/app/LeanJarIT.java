package io.gemba.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.agent.testkit.AgentJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The jar a plant deploys, {@code edge-agent-lean.jar} (ADR 0009): everything the agent runs with
 * and none of the embedded broker that only {@code demo} needs. That the agent runs from it is
 * shown by {@code AgentCrashIT}, which runs this jar.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LeanJarIT {

  private static final Path FULL = Path.of("target", "edge-agent.jar");

  @Test
  void theLeanJar_hasTheAgent_andNoneOfTheEmbeddedBroker() throws Exception {
    try (JarFile lean = new JarFile(AgentJar.JAR.toFile());
        JarFile full = new JarFile(FULL.toFile())) {
      for (String agentClass :
          List.of(
              "io/gemba/agent/app/Main.class",
              "io/gemba/agent/ingest/MqttIngest.class",
              "io/gemba/agent/sink/InfluxLines.class",
              "io/vertx/core/Vertx.class",
              "org/eclipse/paho/mqttv5/client/MqttAsyncClient.class",
              "com/influxdb/client/InfluxDBClient.class",
              "kotlin/Unit.class")) {
        assertThat(lean.getEntry(agentClass)).as(agentClass).isNotNull();
      }
      assertThat(full.getEntry("com/hivemq/embedded/EmbeddedHiveMQ.class")).isNotNull();
      List<String> broker =
          lean.stream()
              .map(ZipEntry::getName)
              .filter(
                  name ->
                      name.startsWith("com/hivemq/")
                          || name.startsWith("org/rocksdb/")
                          || name.startsWith("jetbrains/exodus/")
                          || name.startsWith("com/google/common/")
                          || name.startsWith("com/google/inject/")
                          || name.startsWith("org/bouncycastle/"))
              .toList();
      assertThat(broker).isEmpty();
    }
  }

  @Test
  void demo_fromTheLeanJar_saysToUseTheFullJar() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(java, "-jar", AgentJar.JAR.toString(), "demo")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isEqualTo(1);
    assertThat(output)
        .contains("without the embedded MQTT broker")
        .contains("java -jar edge-agent/target/edge-agent.jar demo");
  }
}
