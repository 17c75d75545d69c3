package io.gemba.collector.engine;

import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.telemetry.MachineState;
import java.time.Instant;
import java.util.Map;

/**
 * A configured line as the agent's API shows it: its KPIs are its output station's.
 *
 * @param site site id
 * @param area area id
 * @param line line id
 * @param outputStation the output station's id
 * @param shift the shift of {@code shiftKpis}: the last one in which the output station sent
 *     something, or {@code null} while it has sent nothing
 * @param shiftKpis the line's KPIs of that shift so far, or {@code null}
 * @param silentSince the output station's last message while it is silent (its KPIs are then those
 *     of its last shift with data), else {@code null}
 * @param stationsByState how many of the line's stations are in each state
 * @param stationsWithoutState how many of the line's stations have published, but no state yet
 */
public record LineSnapshot(
    String site,
    String area,
    String line,
    String outputStation,
    String shift,
    Kpis shiftKpis,
    Instant silentSince,
    Map<MachineState, Integer> stationsByState,
    int stationsWithoutState) {

  /** Builds a line snapshot; the map is copied. */
  public LineSnapshot {
    stationsByState = Map.copyOf(stationsByState);
  }
}
