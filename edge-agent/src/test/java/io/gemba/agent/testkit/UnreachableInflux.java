package io.gemba.agent.testkit;

import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * InfluxDB settings for tests of the spool that need no database: the address is a free port of
 * 127.0.0.1 where nothing listens, so every write fails at once, as with a database that is down.
 */
public final class UnreachableInflux {

  private UnreachableInflux() {}

  /** Batches of 500 lines, flushed every {@code flushInterval}, writes timing out after 1 s. */
  public static InfluxConfig config(Duration flushInterval) {
    return new InfluxConfig(
        Optional.of(URI.create("http://127.0.0.1:" + FreePort.find())),
        "plant",
        "gemba",
        Secret.of("token"),
        500,
        flushInterval,
        100_000,
        Duration.ofSeconds(1));
  }
}
