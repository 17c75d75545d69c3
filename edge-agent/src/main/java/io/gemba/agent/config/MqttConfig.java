package io.gemba.agent.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the agent reaches the MQTT broker (MQTT 5, Eclipse Paho), and what it subscribes to.
 *
 * @param server the broker, {@code tcp://host:port} or {@code ssl://host:port} (port 1883 or 8883
 *     if left out); no user name or password in it
 * @param clientId the agent's client id, the same across restarts so that its session survives; 1
 *     to 128 printable characters without spaces
 * @param topics the topic filters to subscribe to, at least one, distinct; default {@code
 *     gemba/v1/#}
 * @param sessionExpiry how long the broker keeps the session (and queues QoS 1 messages) while the
 *     agent is away; whole seconds, default 1 hour
 * @param receiveMaximum how many QoS 1 messages the broker may send before the agent acknowledges
 *     them, 1 to 65535, default 1000
 * @param connectTimeout how long a connection attempt may take; whole seconds, default 10 seconds
 * @param keepAlive the MQTT keep-alive; whole seconds up to 65535, 0 for none, default 30 seconds
 * @param reconnectMinDelay the first wait before reconnecting, positive, default 1 second
 * @param reconnectMaxDelay the longest wait between reconnection attempts (the wait doubles up to
 *     it), not less than {@code reconnectMinDelay}, default 60 seconds
 * @param username the user name, if the broker wants one
 * @param password the password, or {@link Secret#none()}
 * @param tls the CA and client certificate of an {@code ssl://} server; {@link MqttTls#none()} for
 *     a {@code tcp://} one
 * @param deadLetters whether rejected messages are republished, unchanged, to {@code
 *     gemba/v1/_dlq/{reason}} (at most 100 a second, QoS 0), for a look at what a gateway sends
 */
public record MqttConfig(
    URI server,
    String clientId,
    List<String> topics,
    Duration sessionExpiry,
    int receiveMaximum,
    Duration connectTimeout,
    Duration keepAlive,
    Duration reconnectMinDelay,
    Duration reconnectMaxDelay,
    Optional<String> username,
    Secret password,
    MqttTls tls,
    boolean deadLetters) {

  /** Every channel of the telemetry contract v1. */
  public static final List<String> DEFAULT_TOPICS = List.of("gemba/v1/#");

  public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofHours(1);
  public static final int DEFAULT_RECEIVE_MAXIMUM = 1000;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RECONNECT_MIN_DELAY = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(60);

  /**
   * MQTT 5's largest session expiry interval: {@code 0xFFFFFFFF} seconds, the session never ends.
   */
  static final long MAX_SESSION_EXPIRY_SECONDS = 0xFFFF_FFFFL;

  private static final int MAX_CLIENT_ID_LENGTH = 128;

  /**
   * Builds the MQTT settings; the list of topics is copied.
   *
   * @throws IllegalArgumentException listing every value out of its range
   */
  public MqttConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(clientId, "clientId");
    topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
    Objects.requireNonNull(sessionExpiry, "sessionExpiry");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(reconnectMinDelay, "reconnectMinDelay");
    Objects.requireNonNull(reconnectMaxDelay, "reconnectMaxDelay");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(tls, "tls");
    new Violations()
        .check("server", checkServer(server))
        .check("clientId", checkClientId(clientId))
        .check("topics", checkTopics(topics))
        .check("sessionExpiry", checkSessionExpiry(sessionExpiry))
        .check("receiveMaximum", checkReceiveMaximum(receiveMaximum))
        .check("connectTimeout", checkConnectTimeout(connectTimeout))
        .check("keepAlive", checkKeepAlive(keepAlive))
        .check("reconnectMinDelay", Checks.positive(reconnectMinDelay))
        .check("reconnectMaxDelay", checkMaxDelay(reconnectMinDelay, reconnectMaxDelay))
        .check("username", username.flatMap(MqttConfig::checkUsername))
        .check("tls", checkTls(server, tls))
        .throwIfAny();
  }

  /** These settings, without the dead-letter topic. */
  public MqttConfig(
      URI server,
      String clientId,
      List<String> topics,
      Duration sessionExpiry,
      int receiveMaximum,
      Duration connectTimeout,
      Duration keepAlive,
      Duration reconnectMinDelay,
      Duration reconnectMaxDelay,
      Optional<String> username,
      Secret password,
      MqttTls tls) {
    this(
        server,
        clientId,
        topics,
        sessionExpiry,
        receiveMaximum,
        connectTimeout,
        keepAlive,
        reconnectMinDelay,
        reconnectMaxDelay,
        username,
        password,
        tls,
        false);
  }

  /** The topic rejected messages are republished to when {@link #deadLetters} is on. */
  public static String deadLetterTopic(String reason) {
    return DEAD_LETTER_PREFIX + reason;
  }

  /** Where the dead-letter topics start; the agent takes no telemetry from under it. */
  public static final String DEAD_LETTER_PREFIX = "gemba/v1/_dlq/";

  /** Settings with every default, no user name and no password. */
  public static MqttConfig of(URI server, String clientId) {
    return new MqttConfig(
        server,
        clientId,
        DEFAULT_TOPICS,
        DEFAULT_SESSION_EXPIRY,
        DEFAULT_RECEIVE_MAXIMUM,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_KEEP_ALIVE,
        DEFAULT_RECONNECT_MIN_DELAY,
        DEFAULT_RECONNECT_MAX_DELAY,
        Optional.empty(),
        Secret.none(),
        MqttTls.none());
  }

  /** Whether the connection is TLS ({@code ssl://}). */
  public boolean isTls() {
    return "ssl".equals(server.getScheme());
  }

  static Optional<String> checkTls(URI server, MqttTls tls) {
    return tls.isSet() && !"ssl".equals(server.getScheme())
        ? Optional.of("set, but the server is " + server.getScheme() + "://: use ssl://")
        : Optional.empty();
  }

  static Optional<String> checkServer(URI server) {
    Optional<String> problem = Checks.address(server, List.of("tcp", "ssl"), "tcp://broker:1883");
    if (problem.isEmpty() && server.getPort() != -1) {
      return Checks.between(server.getPort(), 1, 65_535).map(p -> "port " + p);
    }
    return problem;
  }

  static Optional<String> checkClientId(String clientId) {
    if (clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID_LENGTH) {
      return Optional.of("must be 1 to " + MAX_CLIENT_ID_LENGTH + " characters");
    }
    boolean printable = clientId.chars().allMatch(c -> c > ' ' && !Character.isISOControl(c));
    return printable
        ? Optional.empty()
        : Optional.of(
            "must not contain spaces or control characters, was " + Checks.quote(clientId));
  }

  static Optional<String> checkTopics(List<String> topics) {
    if (topics.isEmpty()) {
      return Optional.of("must name at least one topic filter");
    }
    Set<String> seen = new HashSet<>();
    for (String topic : topics) {
      Optional<String> problem = checkTopic(topic);
      if (problem.isPresent()) {
        return problem;
      }
      if (!seen.add(topic)) {
        return Optional.of("topic filter " + Checks.quote(topic) + " appears more than once");
      }
    }
    return Optional.empty();
  }

  static Optional<String> checkTopic(String topic) {
    return Checks.topicFilter(topic);
  }

  static Optional<String> checkSessionExpiry(Duration expiry) {
    return Checks.wholeSeconds(expiry, 0, MAX_SESSION_EXPIRY_SECONDS);
  }

  static Optional<String> checkReceiveMaximum(long receiveMaximum) {
    return Checks.between(receiveMaximum, 1, 65_535);
  }

  static Optional<String> checkConnectTimeout(Duration timeout) {
    return Checks.wholeSeconds(timeout, 1, 3600);
  }

  static Optional<String> checkKeepAlive(Duration keepAlive) {
    return Checks.wholeSeconds(keepAlive, 0, 65_535);
  }

  static Optional<String> checkUsername(String username) {
    if (username.isEmpty()) {
      return Optional.of("must not be empty; leave the key out for no user name");
    }
    return username.chars().anyMatch(Character::isISOControl)
        ? Optional.of("must not contain control characters")
        : Optional.empty();
  }

  private static Optional<String> checkMaxDelay(Duration min, Duration max) {
    return max.compareTo(min) < 0
        ? Optional.of(
            "must not be less than reconnectMinDelay ("
                + Durations.format(min)
                + "), was "
                + Durations.format(max))
        : Optional.empty();
  }
}
