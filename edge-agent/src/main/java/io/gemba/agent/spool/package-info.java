/**
 * The spool between the engine instances and the database (ADR 0006): per instance a checksummed
 * {@link io.gemba.agent.spool.SegmentLog} of runs and ticks with their points, a checkpoint file,
 * and a {@link io.gemba.agent.spool.SpoolSender} that drains the points, in order, through a {@link
 * io.gemba.agent.spool.LineWriter}; {@link io.gemba.agent.spool.SpoolWriter} is an instance's
 * {@code PointWriter} and {@code EngineJournal}. Points are kept as the line protocol ({@link
 * io.gemba.agent.spool.LineProtocol}); what cannot be written goes to the {@link
 * io.gemba.agent.spool.DeadLetters}. It may use {@code ingest} and {@code engine}.
 */
package io.gemba.agent.spool;
