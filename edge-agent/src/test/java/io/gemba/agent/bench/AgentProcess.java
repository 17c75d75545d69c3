package io.gemba.agent.bench;

import io.gemba.agent.testkit.AgentJar;
import io.gemba.agent.testkit.FreePort;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The agent under test as a user runs it: {@code java -Xmx1g -jar edge-agent-lean.jar run --config
 * FILE} (the heap as {@code --agent-heap} says), a separate process with the bench plant's
 * configuration ({@link #config}), the InfluxDB token from {@code GEMBA_INFLUX_TOKEN}, its output
 * in {@code agent.log}.
 */
final class AgentProcess implements AutoCloseable {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final int httpPort;
  private final Path log;

  private AgentProcess(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  /**
   * Writes the configuration into {@code dir}, starts the agent, and waits until {@code
   * /health/ready} answers 200 (subscribed, writer writable).
   */
  static AgentProcess start(
      Path jar,
      String heap,
      boolean spool,
      Path dir,
      LoadPlan plan,
      String mqttUri,
      String influxUrl,
      ChildProcesses children)
      throws IOException, InterruptedException {
    Path spoolDir = dir.toAbsolutePath().resolve("spool");
    if (Files.exists(spoolDir)) {
      // a spool of an earlier run would be sent again, into this run's range of event times
      try (Stream<Path> files = Files.walk(spoolDir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    int httpPort = FreePort.find();
    String clientId = "gemba-bench-agent-" + ProcessHandle.current().pid();
    Path config = dir.resolve("gemba-bench.yml");
    Files.writeString(
        config,
        config(
            plan,
            mqttUri,
            clientId,
            influxUrl,
            httpPort,
            spool ? Optional.of(spoolDir) : Optional.empty()),
        StandardCharsets.UTF_8);
    Path log = dir.resolve("agent.log");
    Process process =
        AgentJar.start(jar, heap, config, log, Map.of("GEMBA_INFLUX_TOKEN", "bench-token"));
    children.add(process);
    AgentJar.awaitReady(process, httpPort, log);
    return new AgentProcess(process, httpPort, log);
  }

  /** The configuration of the bench plant: see docs/benchmarks.md. */
  static String config(
      LoadPlan plan,
      String mqttUri,
      String clientId,
      String influxUrl,
      int httpPort,
      Optional<Path> spoolDir) {
    StringBuilder lines = new StringBuilder();
    for (int l = 0; l < plan.lines(); l++) {
      lines.append("            - id: ").append(plan.lineId(l)).append('\n');
      lines
          .append("              outputStation: ")
          .append(plan.stationId(plan.stationsPerLine() - 1))
          .append('\n');
      lines.append("              stations:\n");
      for (int s = 0; s < plan.stationsPerLine(); s++) {
        lines.append("                - id: ").append(plan.stationId(s)).append('\n');
      }
    }
    return """
        # Written by the end-to-end benchmark (io.gemba.agent.bench.AgentProcess).
        plant:
          sites:
            - id: %s
              country: DE
              zone: UTC
              shifts:               # one shift of 24 h from midnight, every day
                - {name: day, start: "00:00", end: "00:00", days: [MON, TUE, WED, THU, FRI, SAT, SUN]}
              areas:
                - id: %s
                  lines:
        %smqtt:
          server: %s
          clientId: %s
        influx:                     # the token comes from GEMBA_INFLUX_TOKEN
          url: %s
          org: bench
          bucket: bench
        http:
          port: %d
        %s"""
        .formatted(
            plan.site(),
            plan.area(),
            lines,
            mqttUri,
            clientId,
            influxUrl,
            httpPort,
            spoolDir.map(d -> "spool:\n  dir: " + d + "\n").orElse(""));
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  ProcFs.Usage usage() throws IOException {
    return ProcFs.usage(process.pid());
  }

  Map<Long, ProcFs.ThreadCpu> threads() throws IOException {
    return ProcFs.threads(process.pid());
  }

  /** The lines of {@code /metrics} whose metric name starts with one of {@code prefixes}. */
  List<String> metrics(List<String> prefixes) throws IOException, InterruptedException {
    List<String> found = new ArrayList<>();
    for (String line : get("/metrics").body().split("\n")) {
      if (prefixes.stream().anyMatch(line::startsWith)) {
        found.add(line);
      }
    }
    return found;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return AgentJar.get(httpPort, path);
  }

  /** SIGTERM (the agent writes what it holds and stops), SIGKILL after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
