package io.gemba.agent.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the agent writes raw values and KPIs: an InfluxDB 2.x (or 1.8+ through its v2 API, or
 * anything that speaks its write API), or nowhere.
 *
 * @param url the InfluxDB, {@code http://host:8086} or {@code https://...}; empty for no InfluxDB,
 *     when the KPIs are only on the HTTP API and {@code /metrics}
 * @param org the organization; required (not blank) when {@code url} is set, else may be empty
 * @param bucket the bucket; required (not blank) when {@code url} is set, else may be empty
 * @param token the API token; required when {@code url} is set
 * @param batchSize how many points one write carries at most, 1 to 100,000, default 1000
 * @param flushInterval how long a point waits at most for its batch to fill, positive, default 1
 *     second
 * @param maxPendingPoints how many points wait at most for InfluxDB (in memory, before the spool
 *     takes over), at least {@code batchSize} and at most 10,000,000, default 100,000
 * @param timeout how long a write may take, positive, default 10 seconds
 */
public record InfluxConfig(
    Optional<URI> url,
    String org,
    String bucket,
    Secret token,
    int batchSize,
    Duration flushInterval,
    int maxPendingPoints,
    Duration timeout) {

  public static final int DEFAULT_BATCH_SIZE = 1000;
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
  public static final int DEFAULT_MAX_PENDING_POINTS = 100_000;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Builds the InfluxDB settings.
   *
   * @throws IllegalArgumentException listing every value out of its range, and what {@code url}
   *     needs that is missing
   */
  public InfluxConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(flushInterval, "flushInterval");
    Objects.requireNonNull(timeout, "timeout");
    boolean enabled = url.isPresent();
    new Violations()
        .check("url", url.flatMap(InfluxConfig::checkUrl))
        .check("org", enabled ? required(org) : Optional.empty())
        .check("bucket", enabled ? required(bucket) : Optional.empty())
        .check(
            "token",
            enabled && !token.isPresent()
                ? Optional.of(
                    "required when url is set (a file named by influx.tokenFile, or"
                        + " GEMBA_INFLUX_TOKEN)")
                : Optional.empty())
        .check("batchSize", checkBatchSize(batchSize))
        .check("flushInterval", Checks.positive(flushInterval))
        .check("maxPendingPoints", checkMaxPendingPoints(batchSize, maxPendingPoints))
        .check("timeout", Checks.positive(timeout))
        .throwIfAny();
  }

  /** No InfluxDB: KPIs only on the HTTP API and {@code /metrics}. */
  public static InfluxConfig disabled() {
    return new InfluxConfig(
        Optional.empty(),
        "",
        "",
        Secret.none(),
        DEFAULT_BATCH_SIZE,
        DEFAULT_FLUSH_INTERVAL,
        DEFAULT_MAX_PENDING_POINTS,
        DEFAULT_TIMEOUT);
  }

  /** Whether points are written to an InfluxDB. */
  public boolean enabled() {
    return url.isPresent();
  }

  static Optional<String> checkUrl(URI url) {
    return Checks.address(url, List.of("http", "https"), "http://influxdb:8086");
  }

  static Optional<String> checkBatchSize(long batchSize) {
    return Checks.between(batchSize, 1, 100_000);
  }

  private static Optional<String> checkMaxPendingPoints(int batchSize, int maxPendingPoints) {
    return Checks.between(maxPendingPoints, Math.max(1, batchSize), 10_000_000)
        .map(p -> p + " (at least batchSize)");
  }

  private static Optional<String> required(String value) {
    return value.isBlank() ? Optional.of("required when url is set") : Optional.empty();
  }
}
