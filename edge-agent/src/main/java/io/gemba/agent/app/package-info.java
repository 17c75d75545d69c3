/**
 * Main and wiring: the command line ({@code run}, {@code demo}, {@code simulate}, {@code
 * check-config}) and {@link io.gemba.agent.app.Agent}, which builds the agent's parts from a loaded
 * configuration and connects them along the path. It may use every package; none uses it.
 */
package io.gemba.agent.app;
