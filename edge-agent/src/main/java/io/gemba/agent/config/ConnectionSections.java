package io.gemba.agent.config;

import io.gemba.agent.config.ConnectionKeys.Influx;
import io.gemba.agent.config.ConnectionKeys.Mqtt;
import io.gemba.agent.config.ConnectionKeys.Tls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code mqtt} and {@code influx} sections, the agent's connections: {@link
 * ConnectionKeys}.
 */
final class ConnectionSections {

  private ConnectionSections() {}

  /** {@code mqtt}: the broker, the subscriptions, the session. */
  static Optional<MqttConfig> mqtt(Section s) {
    int mark = s.mark();
    Optional<URI> server = s.read(Mqtt.SERVER);
    Optional<String> clientId = s.read(Mqtt.CLIENT_ID);
    Optional<List<String>> topics = s.read(Mqtt.TOPICS);
    Optional<Duration> sessionExpiry = s.read(Mqtt.SESSION_EXPIRY);
    Optional<Integer> receiveMaximum = s.read(Mqtt.RECEIVE_MAXIMUM);
    Optional<Duration> connectTimeout = s.read(Mqtt.CONNECT_TIMEOUT);
    Optional<Duration> keepAlive = s.read(Mqtt.KEEP_ALIVE);
    Optional<Duration> reconnectMinDelay = s.read(Mqtt.RECONNECT_MIN_DELAY);
    Optional<Duration> reconnectMaxDelay = s.read(Mqtt.RECONNECT_MAX_DELAY);
    Optional<String> username = s.read(Mqtt.USERNAME);
    Optional<Secret> password = s.read(Mqtt.PASSWORD);
    Optional<Boolean> deadLetters = s.read(Mqtt.DEAD_LETTERS);
    Optional<MqttTls> tls = tls(s.section(Mqtt.TLS));
    s.finish();
    return s.build(
        mark,
        () ->
            new MqttConfig(
                server.get(),
                clientId.get(),
                topics.get(),
                sessionExpiry.get(),
                receiveMaximum.get(),
                connectTimeout.get(),
                keepAlive.get(),
                reconnectMinDelay.get(),
                reconnectMaxDelay.get(),
                username,
                password.get(),
                tls.get(),
                deadLetters.get()),
        Mqtt.PASSWORD);
  }

  /** {@code mqtt.tls}: PEM files, relative to the configuration file's directory. */
  private static Optional<MqttTls> tls(Section s) {
    int mark = s.mark();
    Optional<Path> caFile = s.read(Tls.CA_FILE);
    Optional<Path> certFile = s.read(Tls.CERT_FILE);
    Optional<Path> keyFile = s.read(Tls.KEY_FILE);
    s.finish();
    return s.build(mark, () -> new MqttTls(caFile, certFile, keyFile));
  }

  /** {@code influx}: where points go, if anywhere. */
  static Optional<InfluxConfig> influx(Section s) {
    int mark = s.mark();
    Optional<URI> url = s.read(Influx.URL);
    String org = s.read(Influx.ORG).orElse("");
    String bucket = s.read(Influx.BUCKET).orElse("");
    Optional<Secret> token = s.read(Influx.TOKEN);
    Optional<Integer> batchSize = s.read(Influx.BATCH_SIZE);
    Optional<Duration> flushInterval = s.read(Influx.FLUSH_INTERVAL);
    Optional<Integer> maxPendingPoints = s.read(Influx.MAX_PENDING_POINTS);
    Optional<Duration> timeout = s.read(Influx.TIMEOUT);
    s.finish();
    return s.build(
        mark,
        () ->
            new InfluxConfig(
                url,
                org,
                bucket,
                token.get(),
                batchSize.get(),
                flushInterval.get(),
                maxPendingPoints.get(),
                timeout.get()),
        Influx.TOKEN);
  }
}
