/**
 * The engine instances: each {@link io.gemba.agent.engine.EngineInstance} runs the collector's KPI
 * engine for its lines on one Vert.x context, applies its deliveries in runs ({@link
 * io.gemba.agent.engine.EngineRun}, the same for the live path and the recovery after a restart),
 * ticks, shows snapshots, checkpoints, and acknowledges a message once its {@link
 * io.gemba.agent.engine.PointWriter} has kept the points. It defines where its results go ({@code
 * PointWriter}, {@link io.gemba.agent.engine.EngineJournal}); the spool and the sink implement
 * them. It may use {@code ingest} and {@code lines}.
 */
package io.gemba.agent.engine;
