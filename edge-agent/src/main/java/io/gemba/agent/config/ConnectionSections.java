package io.gemba.agent.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
    Optional<MqttTls> tls = tls(s.section("tls"));
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
                password,
                tls.get()),
        Map.of("password", "passwordFile"));
  }

  /** {@code mqtt.tls}: PEM files, relative to the configuration file's directory. */
  private static Optional<MqttTls> tls(Section s) {
    int mark = s.mark();
    Optional<Path> caFile = pemFile(s, "caFile");
    Optional<Path> certFile = pemFile(s, "certFile");
    Optional<Path> keyFile = pemFile(s, "keyFile");
    s.finish();
    return s.build(mark, () -> new MqttTls(caFile, certFile, keyFile));
  }

  private static Optional<Path> pemFile(Section s, String key) {
    Optional<Path> file =
        s.optional(key, Parsers.path()).map(path -> s.context().baseDir().resolve(path));
    if (file.isPresent() && !Files.isReadable(file.get())) {
      s.problem(key, "file '" + file.get() + "' does not exist or cannot be read");
      return Optional.empty();
    }
    return file;
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
