package io.gemba.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The keys of the {@code mqtt} and {@code influx} sections, read by {@link ConnectionSections}; the
 * defaults and checks are those of {@link MqttConfig}, {@link MqttTls} and {@link InfluxConfig}.
 */
final class ConnectionKeys {

  private ConnectionKeys() {}

  /** {@code mqtt}: the broker. */
  static final class Mqtt {

    static final Key<URI> SERVER =
        Key.required(
            "server",
            Types.ADDRESS.check(MqttConfig::checkServer),
            "`tcp://host:port`, or `ssl://host:port` for TLS");
    static final Key<String> CLIENT_ID =
        Key.required(
            "clientId",
            Types.TEXT.check(MqttConfig::checkClientId, "1 to 128 printable characters, no spaces"),
            "keep it stable across restarts");
    static final Key<List<String>> TOPICS =
        Key.withDefault(
            "topics",
            Type.listOf("list of topic filters", Types.TEXT.check(MqttConfig::checkTopic)),
            MqttConfig.DEFAULT_TOPICS,
            "what to subscribe to");
    static final Key<String> USERNAME =
        Key.optional(
            "username",
            Types.TEXT.check(MqttConfig::checkUsername),
            "none",
            "the user name, if the broker wants one");
    static final Key<Secret> PASSWORD =
        Key.secret("password", "none", "file that holds the password");
    static final Key<Duration> SESSION_EXPIRY =
        Key.withDefault(
            "sessionExpiry",
            Types.DURATION.check(
                MqttConfig::checkSessionExpiry, "whole seconds, up to 4294967295 s"),
            MqttConfig.DEFAULT_SESSION_EXPIRY,
            "how long the broker keeps the session and queues QoS 1 messages while the agent is"
                + " away");
    static final Key<Integer> RECEIVE_MAXIMUM =
        Key.withDefault(
            "receiveMaximum",
            Types.INTEGER.check(MqttConfig::checkReceiveMaximum, "1 to 65535"),
            MqttConfig.DEFAULT_RECEIVE_MAXIMUM,
            "QoS 1 messages in flight before the agent acknowledges them");
    static final Key<Duration> CONNECT_TIMEOUT =
        Key.withDefault(
            "connectTimeout",
            Types.DURATION.check(MqttConfig::checkConnectTimeout, "whole seconds, 1 s to 1 h"),
            MqttConfig.DEFAULT_CONNECT_TIMEOUT,
            "how long a connection attempt may take");
    static final Key<Duration> KEEP_ALIVE =
        Key.withDefault(
            "keepAlive",
            Types.DURATION.check(MqttConfig::checkKeepAlive, "whole seconds, up to 65535 s"),
            MqttConfig.DEFAULT_KEEP_ALIVE,
            "the MQTT keep-alive; `0s`: none");
    static final Key<Duration> RECONNECT_MIN_DELAY =
        Key.withDefault(
            "reconnectMinDelay",
            Types.POSITIVE_DURATION,
            MqttConfig.DEFAULT_RECONNECT_MIN_DELAY,
            "first wait before reconnecting");
    static final Key<Duration> RECONNECT_MAX_DELAY =
        Key.withDefault(
            "reconnectMaxDelay",
            Types.POSITIVE_DURATION.described("duration, at least `reconnectMinDelay`"),
            MqttConfig.DEFAULT_RECONNECT_MAX_DELAY,
            "longest wait between attempts");
    static final Key<Boolean> DEAD_LETTERS =
        Key.withDefault(
            "deadLetters",
            Types.BOOLEAN,
            false,
            "republish each rejected message, unchanged, to `gemba/v1/_dlq/{reason}` (at most 100"
                + " a second, QoS 0, with the original topic and the reject's detail as MQTT 5 user"
                + " properties)");
    static final Nested TLS = Nested.mapping("tls", Tls.KEYS);

    static final Keys KEYS =
        Keys.of(
            SERVER,
            CLIENT_ID,
            TOPICS,
            USERNAME,
            PASSWORD,
            SESSION_EXPIRY,
            RECEIVE_MAXIMUM,
            CONNECT_TIMEOUT,
            KEEP_ALIVE,
            RECONNECT_MIN_DELAY,
            RECONNECT_MAX_DELAY,
            DEAD_LETTERS,
            TLS);

    private Mqtt() {}
  }

  /** {@code mqtt.tls}: PEM files, which must exist when the file is loaded. */
  static final class Tls {

    private static final Type<Path> PEM_FILE = Types.readableFile("path (PEM)");

    static final Key<Path> CA_FILE =
        Key.optional(
            "caFile",
            PEM_FILE,
            "the JVM's trust store",
            "with an `ssl://` server: the certificates of the authorities that may sign the"
                + " broker's certificate");
    static final Key<Path> CERT_FILE =
        Key.optional(
            "certFile",
            PEM_FILE,
            "none",
            "the agent's certificate (and chain), for a broker that requires client"
                + " certificates");
    static final Key<Path> KEY_FILE =
        Key.optional(
            "keyFile", PEM_FILE, "none", "its private key, PKCS#8 or PKCS#1, not encrypted");

    static final Keys KEYS = Keys.of(CA_FILE, CERT_FILE, KEY_FILE);

    private Tls() {}
  }

  /** {@code influx}: InfluxDB, if any. */
  static final class Influx {

    static final Key<URI> URL =
        Key.optional(
            "url",
            Types.ADDRESS.check(InfluxConfig::checkUrl),
            "none",
            "`http://host:8086` or `https://...`");
    static final Key<String> ORG =
        Key.optional("org", Types.TEXT, "required with `url`", "organization");
    static final Key<String> BUCKET =
        Key.optional("bucket", Types.TEXT, "required with `url`", "bucket");
    static final Key<Secret> TOKEN =
        Key.secret(
            "token", "required with `url` (or the variable)", "file that holds the API token");
    static final Key<Integer> BATCH_SIZE =
        Key.withDefault(
            "batchSize",
            Types.INTEGER.check(InfluxConfig::checkBatchSize, "1 to 100000"),
            InfluxConfig.DEFAULT_BATCH_SIZE,
            "most points per write");
    static final Key<Duration> FLUSH_INTERVAL =
        Key.withDefault(
            "flushInterval",
            Types.POSITIVE_DURATION,
            InfluxConfig.DEFAULT_FLUSH_INTERVAL,
            "longest a point waits for its batch to fill");
    static final Key<Integer> MAX_PENDING_POINTS =
        Key.withDefault(
            "maxPendingPoints",
            Types.INTEGER.described("integer, `batchSize` to 10000000"),
            InfluxConfig.DEFAULT_MAX_PENDING_POINTS,
            "most points waiting in memory for InfluxDB");
    static final Key<Duration> TIMEOUT =
        Key.withDefault(
            "timeout",
            Types.POSITIVE_DURATION,
            InfluxConfig.DEFAULT_TIMEOUT,
            "longest a write may take");

    static final Keys KEYS =
        Keys.of(URL, ORG, BUCKET, TOKEN, BATCH_SIZE, FLUSH_INTERVAL, MAX_PENDING_POINTS, TIMEOUT);

    private Influx() {}
  }
}
