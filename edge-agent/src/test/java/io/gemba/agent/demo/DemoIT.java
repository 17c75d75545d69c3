package io.gemba.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gemba.agent.testkit.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code java -jar edge-agent.jar demo}, as a user runs it: the jar that {@code package} made, in a
 * process of its own, with nothing else started by the test.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DemoIT {

  private static final Path JAR = Path.of("target", "edge-agent.jar");

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private Process demo;
  private Path log;

  @AfterEach
  void stop() throws Exception {
    if (demo != null && demo.isAlive()) {
      demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (log != null) {
      Files.deleteIfExists(log);
    }
  }

  @Test
  void demo_startsWithNothingInstalled_andShowsEveryLineWithOeeWithinAMinute() throws Exception {
    assertThat(JAR).as("the runnable jar (./mvnw package)").exists();
    int httpPort = FreePort.find();
    int mqttPort = FreePort.find();
    log = Files.createTempFile("gemba-demo", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-jar",
            JAR.toString(),
            "demo",
            "--http-port",
            Integer.toString(httpPort),
            "--mqtt-port",
            Integer.toString(mqttPort),
            "--summary-every",
            "5s"));
    demo =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();

    // Two lines (the default), each with an OEE in [0, 1] from its output station's shift so far.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              JsonNode lines = json.readTree(get(httpPort, "/api/v1/lines"));
              assertThat(lines).hasSize(2);
              for (JsonNode line : lines) {
                assertThat(line.path("kpis").path("oee").isNumber()).as(line.toString()).isTrue();
                assertThat(line.path("kpis").path("oee").asDouble()).isBetween(0.0, 1.0);
              }
            });
    assertThat(get(httpPort, "/health/ready")).contains("\"status\":\"UP\"");
    assertThat(get(httpPort, "/metrics"))
        .contains("gemba_line_oee{area=\"battery\",line=\"pack-1\"");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.readString(log).contains("[line: pack-2] shift "));

    // SIGTERM: it stops what it runs and ends.
    demo.destroy();
    assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("ended within 30 s").isTrue();
    String output = Files.readString(log);
    assertThat(output).contains("stopped").doesNotContain("Exception");
  }

  private String get(int port, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }
}
