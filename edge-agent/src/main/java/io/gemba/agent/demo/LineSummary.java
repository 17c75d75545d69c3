package io.gemba.agent.demo;

import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.telemetry.MachineState;
import java.util.Locale;
import java.util.StringJoiner;

/** The one line per production line that {@code demo} logs every minute. */
public final class LineSummary {

  private LineSummary() {}

  /**
   * For example {@code [line: pack-1] shift 2026-11-26/A so far: OEE 71.2% (availability 85.0%,
   * performance 90.1%, quality 97.3%), 412 good of 420; stations: 4 RUNNING, 1 DOWN}.
   */
  public static String of(LineSnapshot line) {
    StringBuilder text = new StringBuilder("[line: ").append(line.line()).append("] ");
    Kpis kpis = line.shiftKpis();
    if (kpis == null) {
      text.append("no shift yet");
    } else {
      if (line.silentSince() != null) {
        text.append("output station silent since ")
            .append(line.silentSince())
            .append("; last shift with data ");
      } else {
        text.append("shift ");
      }
      text.append(line.shift())
          .append(" so far: OEE ")
          .append(percent(kpis.oee()))
          .append(" (availability ")
          .append(percent(kpis.availability()))
          .append(", performance ")
          .append(percent(kpis.performance()))
          .append(", quality ")
          .append(percent(kpis.quality()))
          .append("), ")
          .append(kpis.goodCount())
          .append(" good of ")
          .append(kpis.totalCount());
    }
    StringJoiner states = new StringJoiner(", ", "; stations: ", "");
    states.setEmptyValue("; no station state yet");
    for (MachineState state : MachineState.values()) { // in the enum's order: the map has none
      Integer stations = line.stationsByState().get(state);
      if (stations != null) {
        states.add(stations + " " + state);
      }
    }
    return text.append(states).toString();
  }

  private static String percent(double ratio) {
    return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
  }
}
