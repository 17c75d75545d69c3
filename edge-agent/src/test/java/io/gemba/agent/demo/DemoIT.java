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
@Timeout(value = 8, unit = TimeUnit.MINUTES)
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

    // Three weeks of history, then the live plant: every quality and lean KPI has something to
    // show within minutes (the simulator's own tests check the distributions behind them).
    long started = System.nanoTime();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .untilAsserted(() -> assertQualityShown(json.readTree(get(httpPort, "/api/v1/quality"))));
    System.out.printf("demo: quality shown after %d s%n", secondsSince(started));
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .untilAsserted(() -> assertLeanShown(json.readTree(get(httpPort, "/api/v1/lean"))));
    System.out.printf("demo: lean shown after %d s%n", secondsSince(started));
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

  /** Each line's test station: FPY of a shift, Cpk of every measurement, SPC violations. */
  private static void assertQualityShown(JsonNode quality) {
    assertThat(quality).hasSize(2);
    for (JsonNode station : quality) {
      assertThat(station.path("spcViolations")).as("SPC violations").isNotEmpty();
      assertThat(station.path("products")).isNotEmpty();
      for (JsonNode product : station.path("products")) {
        assertThat(product.path("shift").path("fpy").asDouble(-1)).isBetween(0.5, 1.0);
        assertThat(product.path("measurements")).isNotEmpty();
        for (JsonNode measurement : product.path("measurements")) {
          assertThat(measurement.path("window").path("tests").asInt()).isEqualTo(125);
          assertThat(measurement.path("window").path("cpk").isNumber())
              .as(measurement.toString())
              .isTrue();
        }
      }
    }
  }

  /**
   * Both lines: 5S audits with scores, kaizen cards implemented and at least one measured effect,
   * and local content near the 60% target with parts of unknown origin counted apart.
   */
  private static void assertLeanShown(JsonNode lean) {
    assertThat(lean.path("audits5s")).hasSize(2);
    for (JsonNode audit : lean.path("audits5s")) {
      assertThat(audit.path("totalPct").asDouble(-1)).isBetween(0.0, 100.0);
    }
    assertThat(lean.path("kaizen")).hasSize(2);
    for (JsonNode line : lean.path("kaizen")) {
      assertThat(line.path("implemented").asInt()).isPositive();
    }
    assertThat(lean.path("kaizenEffects").findValues("complete"))
        .anySatisfy(complete -> assertThat(complete.asBoolean()).isTrue());
    List<JsonNode> wholeLines = new ArrayList<>();
    for (JsonNode tally : lean.path("localContent")) {
      if (tally.path("product").asText().equals("_all")) {
        wholeLines.add(tally);
      }
    }
    assertThat(wholeLines).hasSizeGreaterThanOrEqualTo(2);
    for (JsonNode tally : wholeLines) {
      assertThat(tally.path("qtyPct").asDouble()).isBetween(45.0, 75.0);
      assertThat(tally.path("valuePct").asDouble()).isLessThan(tally.path("qtyPct").asDouble());
      assertThat(tally.path("qtyUnknownOrigin").asDouble()).isPositive();
    }
  }

  private static long secondsSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
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
