/**
 * What the agent counts and measures, behind {@link io.gemba.agent.metrics.AgentMetrics} so that
 * its parts can be tested without a registry; {@link io.gemba.agent.metrics.MicrometerAgentMetrics}
 * records them in Micrometer's Prometheus registry. Any part may use it; it uses only the
 * collector's types.
 */
package io.gemba.agent.metrics;
