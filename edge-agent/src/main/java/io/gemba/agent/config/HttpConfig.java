package io.gemba.agent.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the agent serves its health checks, {@code /metrics}, the API and the andon page.
 *
 * @param host the address to listen on: default {@code 127.0.0.1}, only this machine; {@code
 *     0.0.0.0} for every interface
 * @param port the port, 0 to 65535, default 8080; 0 takes any free port
 * @param token the bearer token that {@code /metrics} and {@code /api/} require, or {@link
 *     Secret#none()} (the default) for none; the health checks never need it
 */
public record HttpConfig(String host, int port, Secret token) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  /**
   * Builds the HTTP settings.
   *
   * @throws IllegalArgumentException if the host is blank or the port out of range
   */
  public HttpConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "token");
    new Violations().check("host", checkHost(host)).check("port", checkPort(port)).throwIfAny();
  }

  /** At {@code host:port}, without a token. */
  public HttpConfig(String host, int port) {
    this(host, port, Secret.none());
  }

  /** {@code 127.0.0.1:8080}, without a token. */
  public static HttpConfig defaults() {
    return new HttpConfig(DEFAULT_HOST, DEFAULT_PORT);
  }

  static Optional<String> checkHost(String host) {
    return host.isBlank() || host.chars().anyMatch(c -> c <= ' ')
        ? Optional.of("must be a host name or address without spaces, was " + Checks.quote(host))
        : Optional.empty();
  }

  static Optional<String> checkPort(long port) {
    return Checks.between(port, 0, 65_535);
  }
}
