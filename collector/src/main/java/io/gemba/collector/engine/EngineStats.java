package io.gemba.collector.engine;

/**
 * The engine's counters since it started (or was restored), for the agent's metrics.
 *
 * @param applied events applied
 * @param late events rejected as late
 * @param duplicates events dropped as duplicates
 * @param ignored events of channels the engine does not compute on
 * @param timeBackwards events older than their station's latest event
 * @param corrections late events that made the engine replay a station and correct its buckets
 * @param stations stations tracked
 * @param unconfiguredStations stations tracked that are not in the configuration
 * @param points points emitted, corrections included
 * @param tooManyStations events refused because their station (or line) would have been one more
 *     than the engine's bound on those the configuration does not name
 * @param forgottenStations stations the configuration does not name that were forgotten after a
 *     silence longer than the backfill horizon
 */
public record EngineStats(
    long applied,
    long late,
    long duplicates,
    long ignored,
    long timeBackwards,
    long corrections,
    int stations,
    int unconfiguredStations,
    long points,
    long tooManyStations,
    long forgottenStations) {}
