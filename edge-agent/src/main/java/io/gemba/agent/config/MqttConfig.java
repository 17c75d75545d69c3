package io.gemba.agent.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The MQTT connection. (Interim.) */
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
    Secret password) {}
