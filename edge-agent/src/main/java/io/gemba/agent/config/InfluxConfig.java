package io.gemba.agent.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The InfluxDB connection. (Interim.) */
public record InfluxConfig(
    Optional<URI> url,
    String org,
    String bucket,
    Secret token,
    int batchSize,
    Duration flushInterval,
    int maxPendingPoints,
    Duration timeout) {}
