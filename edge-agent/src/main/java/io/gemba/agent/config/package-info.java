/**
 * The agent's configuration: {@link io.gemba.agent.config.ConfigLoader} reads one YAML file and the
 * {@code GEMBA_} environment variables into an {@link io.gemba.agent.config.AgentConfig} (the
 * collector's plant model, the decoder's limits, the MQTT, InfluxDB, HTTP and engine settings),
 * validating everything and reporting every problem with its key path in a {@link
 * io.gemba.agent.config.ConfigException}. Secrets are {@link io.gemba.agent.config.Secret}s, read
 * from files or the environment, never shown. {@link io.gemba.agent.config.ConfigSummary} describes
 * a loaded configuration for {@code check-config}. The keys are documented in {@code
 * docs/configuration.md}.
 *
 * <p>Each key is declared once (ADR 0008): its name, type and checks, default and a one-line doc,
 * in {@code Key}s grouped per section ({@code FileKeys}, {@code PlantKeys}, {@code LineKeys},
 * {@code QualityKeys}, {@code ConnectionKeys}, {@code RuntimeKeys}); its environment variable
 * follows from where it sits. The section readers read through the declarations, the summary shows
 * them, and a test holds the documentation to them.
 */
package io.gemba.agent.config;
