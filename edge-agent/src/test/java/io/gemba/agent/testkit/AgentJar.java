package io.gemba.agent.testkit;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The agent as a user runs it, a process of its own: {@code java -Xmx… -jar edge-agent-lean.jar run
 * --config FILE}, its output in a log file, no {@code GEMBA_} variables but those given.
 */
public final class AgentJar {

  /** Where {@code mvn package} leaves the agent's jar for plants (without the demo broker). */
  public static final Path JAR = Path.of("target", "edge-agent-lean.jar");

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private AgentJar() {}

  /** Starts the agent of {@code jar} with {@code config}; its output goes to {@code log}. */
  public static Process start(
      Path jar, String heap, Path config, Path log, Map<String, String> environment)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no agent jar at " + jar + ": build it with ./mvnw -q -DskipTests package");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java, "-Xmx" + heap, "-jar", jar.toString(), "run", "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.to(log.toFile()));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("GEMBA_"));
    env.putAll(environment);
    return builder.start();
  }

  /** Waits until the agent's {@code /health/ready} on {@code httpPort} answers 200. */
  public static void awaitReady(Process process, int httpPort, Path log)
      throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the agent exited with code " + process.exitValue() + "; see " + log);
      }
      try {
        if (get(httpPort, "/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the agent was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
      }
      Thread.sleep(200);
    }
  }

  /** {@code GET path} of the agent's HTTP API on {@code httpPort}. */
  public static HttpResponse<String> get(int httpPort, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
