package io.gemba.agent.demo;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import io.gemba.agent.config.MqttConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The MQTT 5 broker of {@code demo}: HiveMQ Community Edition, embedded, listening on one port of
 * 127.0.0.1, keeping everything in memory, in a temporary folder deleted at {@link #close}.
 */
public final class EmbeddedBroker implements AutoCloseable {

  /**
   * The most messages the broker queues for a subscriber beyond those in flight (HiveMQ's default
   * is 1,000, and it drops the rest): more than the demo's publisher runs ahead of the agent.
   */
  public static final int MAX_QUEUED = 100_000;

  private final Path home;
  private final EmbeddedHiveMQ hivemq;
  private final int port;

  private EmbeddedBroker(Path home, EmbeddedHiveMQ hivemq, int port) {
    this.home = home;
    this.hivemq = hivemq;
    this.port = port;
  }

  /** The class of the broker library, looked up by name so that this class loads without it. */
  private static final String HIVEMQ_CLASS = "com.hivemq.embedded.EmbeddedHiveMQ";

  /**
   * Whether this jar has the embedded broker: {@code edge-agent.jar} has, {@code
   * edge-agent-lean.jar}, the agent for plants, has not (ADR 0009).
   */
  public static boolean available() {
    try {
      Class.forName(HIVEMQ_CLASS, false, EmbeddedBroker.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Starts a broker on 127.0.0.1:{@code port}. */
  public static EmbeddedBroker start(int port) {
    Path home;
    try {
      home = Files.createTempDirectory("gemba-demo-broker");
      Path conf = Files.createDirectories(home.resolve("conf"));
      Files.writeString(conf.resolve("config.xml"), config(port));
      // HiveMQ configures logging from its folder, or else with its own defaults: give it the
      // agent's, so that the demo logs as the agent does.
      try (InputStream logging = EmbeddedBroker.class.getResourceAsStream("/logback.xml")) {
        if (logging != null) {
          Files.copy(logging, conf.resolve("logback.xml"));
        }
      }
      Files.createDirectories(home.resolve("data"));
      Files.createDirectories(home.resolve("extensions"));
    } catch (IOException e) {
      throw new UncheckedIOException("demo broker: cannot make its folder", e);
    }
    // HiveMQ CE keeps at most 50 QoS 1 messages in flight to a subscriber, whatever its receive
    // maximum, and takes them from its queue 50 at a time: with the agent acknowledging a batch
    // once it has applied it, that held the demo at about 1,000 messages/s. The demo delivers weeks
    // of history at once: the agent's receive maximum decides. (HiveMQ's internal settings, read
    // as it starts.)
    InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = MqttConfig.DEFAULT_RECEIVE_MAXIMUM;
    InternalConfigurations.PUBLISH_POLL_BATCH_SIZE = MqttConfig.DEFAULT_RECEIVE_MAXIMUM;
    EmbeddedHiveMQ hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(home.resolve("conf"))
            .withDataFolder(home.resolve("data"))
            .withExtensionsFolder(home.resolve("extensions"))
            .build();
    try {
      hivemq.start().join();
    } catch (RuntimeException e) {
      closeQuietly(hivemq);
      delete(home);
      throw new IllegalStateException(
          "demo broker: cannot listen on 127.0.0.1:" + port + " (is the port taken?)", e);
    }
    return new EmbeddedBroker(home, hivemq, port);
  }

  private static String config(int port) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>127.0.0.1</bind-address>
            </tcp-listener>
          </listeners>
          <mqtt>
            <queued-messages>
              <max-queue-size>%d</max-queue-size>
            </queued-messages>
          </mqtt>
          <persistence>
            <mode>in-memory</mode>
          </persistence>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """
        .formatted(port, MAX_QUEUED);
  }

  /** The broker's URI, {@code tcp://127.0.0.1:PORT}. */
  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      hivemq.stop().join();
    } finally {
      closeQuietly(hivemq);
      delete(home);
    }
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.close();
    } catch (Exception e) {
      // closing after a failed start or stop: nothing more to release
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
