package io.gemba.agent.simulate;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How the simulator publishes to a broker.
 *
 * @param broker the broker, as {@code tcp://host:1883} (also {@code ssl}, {@code ws}, {@code wss})
 * @param qos the MQTT quality of service of every message: 0, 1 or 2
 * @param clients how many MQTT connections publish, 1 to {@value #MAX_CLIENTS}; the lines are
 *     spread over them (line {@code i} on connection {@code i mod clients}), so a station's
 *     messages stay in order
 * @param messagesPerSecond a steady open-loop rate, above 0; or 0 to publish as event time runs at
 *     the simulation's speed-up
 * @param duration how long to publish on the wall clock, or {@code null} until closed
 * @param username the user name, or {@code null} to connect without
 * @param password the password, or {@code null}
 * @param maxInflight the most messages handed to a connection and not yet completed (acknowledged,
 *     for QoS 1 and 2; written, for QoS 0), 1 to 65,535; lowered to the broker's receive maximum
 * @param clientIdPrefix the MQTT client ids are this, a dash and the connection's number
 * @param liveFrom paced by event time, the event time due at the start: the messages before it are
 *     history, sent as fast as the broker takes them, and those after it follow at the speed-up; or
 *     {@code null} for the first message's event time
 */
public record PublishOptions(
    URI broker,
    int qos,
    int clients,
    double messagesPerSecond,
    Duration duration,
    String username,
    Secret password,
    int maxInflight,
    String clientIdPrefix,
    Instant liveFrom) {

  /** The most connections. */
  public static final int MAX_CLIENTS = 64;

  /** The default bound of in-flight messages per connection. */
  public static final int DEFAULT_MAX_INFLIGHT = 1_000;

  private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

  /**
   * Builds options.
   *
   * @throws IllegalArgumentException if a value is out of its range; the message names it
   */
  public PublishOptions {
    Objects.requireNonNull(broker, "broker");
    if (broker.getScheme() == null || !SCHEMES.contains(broker.getScheme())) {
      throw new IllegalArgumentException(
          "broker must be a tcp://, ssl://, ws:// or wss:// URI: " + broker);
    }
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos must be 0, 1 or 2: " + qos);
    }
    if (clients < 1 || clients > MAX_CLIENTS) {
      throw new IllegalArgumentException("clients must be in [1, " + MAX_CLIENTS + "]: " + clients);
    }
    // Written so that NaN fails too.
    if (!(messagesPerSecond >= 0 && messagesPerSecond <= 10_000_000)) {
      throw new IllegalArgumentException(
          "messagesPerSecond must be in [0, 10000000]: " + messagesPerSecond);
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("duration must be positive: " + duration);
    }
    if (maxInflight < 1 || maxInflight > 65_535) {
      throw new IllegalArgumentException("maxInflight must be in [1, 65535]: " + maxInflight);
    }
    Objects.requireNonNull(clientIdPrefix, "clientIdPrefix");
    if (clientIdPrefix.isEmpty() || clientIdPrefix.length() > 16) {
      throw new IllegalArgumentException(
          "clientIdPrefix must have 1 to 16 characters: '" + clientIdPrefix + "'");
    }
  }

  /**
   * QoS 1, one connection, paced by event time, until closed, without credentials, {@value
   * #DEFAULT_MAX_INFLIGHT} in flight, client ids {@code gemba-sim-0}...
   */
  public static PublishOptions to(URI broker) {
    return new PublishOptions(
        broker, 1, 1, 0, null, null, null, DEFAULT_MAX_INFLIGHT, "gemba-sim", null);
  }

  /** These options with another QoS. */
  public PublishOptions withQos(int qos) {
    return with(o -> o.qos = qos);
  }

  /** These options with another number of connections. */
  public PublishOptions withClients(int clients) {
    return with(o -> o.clients = clients);
  }

  /** These options with a steady rate (0: paced by event time). */
  public PublishOptions withRate(double messagesPerSecond) {
    return with(o -> o.messagesPerSecond = messagesPerSecond);
  }

  /** These options with a wall-clock duration ({@code null}: until closed). */
  public PublishOptions withDuration(Duration duration) {
    return with(o -> o.duration = duration);
  }

  /**
   * These options with the event time due at the start ({@code null}: the first message's): the
   * messages before it are sent at once, as fast as the broker takes them.
   */
  public PublishOptions withLiveFrom(Instant liveFrom) {
    return with(o -> o.liveFrom = liveFrom);
  }

  /** These options with credentials. */
  public PublishOptions withCredentials(String username, Secret password) {
    return with(
        o -> {
          o.username = username;
          o.password = password;
        });
  }

  /** The wall-clock duration, if there is one. */
  public Optional<Duration> limit() {
    return Optional.ofNullable(duration);
  }

  /** These options with what {@code change} sets; checked as any options are. */
  private PublishOptions with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.options();
  }

  /** The values of options being changed, checked only once they are options again. */
  private static final class Draft {
    URI broker;
    int qos;
    int clients;
    double messagesPerSecond;
    Duration duration;
    String username;
    Secret password;
    int maxInflight;
    String clientIdPrefix;
    Instant liveFrom;

    Draft(PublishOptions from) {
      broker = from.broker;
      qos = from.qos;
      clients = from.clients;
      messagesPerSecond = from.messagesPerSecond;
      duration = from.duration;
      username = from.username;
      password = from.password;
      maxInflight = from.maxInflight;
      clientIdPrefix = from.clientIdPrefix;
      liveFrom = from.liveFrom;
    }

    PublishOptions options() {
      return new PublishOptions(
          broker,
          qos,
          clients,
          messagesPerSecond,
          duration,
          username,
          password,
          maxInflight,
          clientIdPrefix,
          liveFrom);
    }
  }

  /**
   * A password: its text is never shown by {@link #toString()}, so options can be logged.
   * Immutable; the characters are copied in and out.
   */
  public static final class Secret {

    private final char[] chars;

    private Secret(char[] chars) {
      this.chars = chars.clone();
    }

    /** A secret of these characters. */
    public static Secret of(char[] chars) {
      return new Secret(Objects.requireNonNull(chars, "chars"));
    }

    /** A secret of this text. */
    public static Secret of(String text) {
      return new Secret(Objects.requireNonNull(text, "text").toCharArray());
    }

    /** The secret in UTF-8, as MQTT sends it: a new array, which the caller may clear. */
    public byte[] utf8() {
      ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Secret other && Arrays.equals(chars, other.chars);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(chars);
    }

    @Override
    public String toString() {
      return "******";
    }
  }
}
