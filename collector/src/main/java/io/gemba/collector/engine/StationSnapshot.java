package io.gemba.collector.engine;

import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.telemetry.MachineState;
import java.time.Instant;

/**
 * A station as the agent's API shows it: where it stands now and its KPIs of the current shift (or,
 * between shifts, of the last one).
 *
 * @param site site id
 * @param area area id
 * @param line line id
 * @param station station id
 * @param configured whether the station is in the configuration (else it runs on the defaults)
 * @param lineOutput whether it is its line's output station
 * @param state its state, or {@code null} before its first state message; {@code OFFLINE} while it
 *     is silent
 * @param reason the state's reason code, or {@code null}
 * @param stateSince when the state began (for a silent station, its last message), or {@code null}
 * @param silentSince the time of its last message if it is silent (it sent nothing for the silence
 *     timeout), else {@code null}
 * @param eventTime how far its event time has come: its latest event, or while it is silent as far
 *     as its silence has been counted
 * @param shift the shift of {@code shiftKpis}, or {@code null} before any shift
 * @param order the current work order, or {@code null}
 * @param product the current product, or {@code null}
 * @param shiftKpis the KPIs of {@code shift} so far, or {@code null}
 * @param quality data-quality counts
 */
public record StationSnapshot(
    String site,
    String area,
    String line,
    String station,
    boolean configured,
    boolean lineOutput,
    MachineState state,
    String reason,
    Instant stateSince,
    Instant silentSince,
    Instant eventTime,
    String shift,
    String order,
    String product,
    Kpis shiftKpis,
    DataQuality quality) {}
