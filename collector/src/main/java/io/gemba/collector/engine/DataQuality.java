package io.gemba.collector.engine;

/**
 * What looked wrong in a station's telemetry. None of it is corrected: the values are reported as
 * they are, and these counts say why they may be off.
 *
 * @param lateEvents events older than the station's watermark, rejected
 * @param duplicates events received twice, dropped
 * @param timeBackwards events older than the station's latest event (late or not)
 * @param countsWhileStopped counter increments or cycles made entirely while the station was not
 *     running
 * @param counterJumps counter increments larger than the ideal cycle time allows for the time since
 *     the previous reading (plus one unit)
 * @param counterResets times the PLC reset its counters
 * @param unitsWithoutIdeal units made of a product without a known ideal cycle time (performance
 *     and OEE are undefined for their windows)
 * @param performanceAboveOne whether the current shift's performance is above 1: the ideal cycle
 *     time is set too slow
 */
public record DataQuality(
    long lateEvents,
    long duplicates,
    long timeBackwards,
    long countsWhileStopped,
    long counterJumps,
    long counterResets,
    long unitsWithoutIdeal,
    boolean performanceAboveOne) {}
