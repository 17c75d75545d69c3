package io.gemba.agent.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

  /** Whether {@code /health/ready} answers 200. */
  static boolean ready(Agent agent) throws Exception {
    return get(agent, "/health/ready").statusCode() == 200;
  }
}
