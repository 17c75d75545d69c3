/**
 * Which engine instance owns a line ({@link io.gemba.agent.lines.LineRouter}), and the hand-off
 * from the MQTT session to the instances' {@link io.gemba.agent.lines.Inbox}es ({@link
 * io.gemba.agent.lines.LineDispatch}), so that all messages of a line are applied in order by one
 * instance. It may use {@code ingest}.
 */
package io.gemba.agent.lines;
