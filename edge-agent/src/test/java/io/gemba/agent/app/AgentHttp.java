package io.gemba.agent.app;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.AgentConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/** The agent's HTTP API as the integration tests call it, on the agent's loopback port. */
final class AgentHttp {

  private AgentHttp() {}

  /** A GET of {@code path}, whatever its status. */
  static HttpResponse<String> get(Agent agent, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.httpPort() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** Starts an agent on {@code config} and waits until {@code /health/ready} answers 200. */
  static Agent startReady(AgentConfig config, Clock clock) throws Exception {
    Agent started =
        Agent.start(config, clock).toCompletionStage().toCompletableFuture().get(30, SECONDS);
    await().atMost(Duration.ofSeconds(30)).until(() -> ready(started));
    return started;
  }

  /** Whether {@code /health/ready} answers 200. */
  static boolean ready(Agent agent) throws Exception {
    return get(agent, "/health/ready").statusCode() == 200;
  }
}
