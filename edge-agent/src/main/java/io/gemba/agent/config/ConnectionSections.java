package io.gemba.agent.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code mqtt} and {@code influx} sections: the agent's connections. */
final class ConnectionSections {

  private ConnectionSections() {}

  /** {@code mqtt}: the broker, the subscriptions, the session. */
  static Optional<MqttConfig> mqtt(Section s) {
    int mark = s.mark();
    Optional<URI> server = s.required("server", Parsers.uri().check(MqttConfig::checkServer));
    Optional<String> clientId =
        s.required("clientId", Parsers.text().check(MqttConfig::checkClientId));
    List<String> topics =
        s.list("topics", Parsers.text().check(MqttConfig::checkTopic))
            .orElse(MqttConfig.DEFAULT_TOPICS);
    Duration sessionExpiry =
        s.value(
            "sessionExpiry",
            MqttConfig.DEFAULT_SESSION_EXPIRY,
            Parsers.duration().check(MqttConfig::checkSessionExpiry));
    int receiveMaximum =
        s.value(
            "receiveMaximum",
            MqttConfig.DEFAULT_RECEIVE_MAXIMUM,
            Parsers.int32().check(MqttConfig::checkReceiveMaximum));
    Duration connectTimeout =
        s.value(
            "connectTimeout",
            MqttConfig.DEFAULT_CONNECT_TIMEOUT,
            Parsers.duration().check(MqttConfig::checkConnectTimeout));
    Duration keepAlive =
        s.value(
            "keepAlive",
            MqttConfig.DEFAULT_KEEP_ALIVE,
            Parsers.duration().check(MqttConfig::checkKeepAlive));
    Duration reconnectMinDelay =
        s.value(
            "reconnectMinDelay",
            MqttConfig.DEFAULT_RECONNECT_MIN_DELAY,
            Parsers.positiveDuration());
    Duration reconnectMaxDelay =
        s.value(
            "reconnectMaxDelay",
            MqttConfig.DEFAULT_RECONNECT_MAX_DELAY,
            Parsers.positiveDuration());
    Optional<String> username =
        s.optional("username", Parsers.text().check(MqttConfig::checkUsername));
    Secret password = Secrets.read(s, "password");
    s.finish();
    return s.build(
        mark,
        () ->
            new MqttConfig(
                server.get(),
                clientId.get(),
                topics,
                sessionExpiry,
                receiveMaximum,
                connectTimeout,
                keepAlive,
                reconnectMinDelay,
                reconnectMaxDelay,
                username,
                password),
        Map.of("password", "passwordFile"));
  }

  /** {@code influx}: where points go, if anywhere. */
  static Optional<InfluxConfig> influx(Section s) {
    int mark = s.mark();
    Optional<URI> url = s.optional("url", Parsers.uri().check(InfluxConfig::checkUrl));
    String org = s.value("org", "", Parsers.text());
    String bucket = s.value("bucket", "", Parsers.text());
    Secret token = Secrets.read(s, "token");
    int batchSize =
        s.value(
            "batchSize",
            InfluxConfig.DEFAULT_BATCH_SIZE,
            Parsers.int32().check(InfluxConfig::checkBatchSize));
    Duration flushInterval =
        s.value("flushInterval", InfluxConfig.DEFAULT_FLUSH_INTERVAL, Parsers.positiveDuration());
    int maxPendingPoints =
        s.value("maxPendingPoints", InfluxConfig.DEFAULT_MAX_PENDING_POINTS, Parsers.int32());
    Duration timeout = s.value("timeout", InfluxConfig.DEFAULT_TIMEOUT, Parsers.positiveDuration());
    s.finish();
    return s.build(
        mark,
        () ->
            new InfluxConfig(
                url, org, bucket, token, batchSize, flushInterval, maxPendingPoints, timeout),
        Map.of("token", "tokenFile"));
  }
}
