package io.gemba.agent.config;

/** The HTTP server. (Interim.) */
public record HttpConfig(String host, int port) {}
