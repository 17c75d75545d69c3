package io.gemba.agent.config;

import java.time.Duration;

/** The engine instances. (Interim.) */
public record EngineConfig(int instances, Duration tickInterval) {}
