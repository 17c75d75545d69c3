package io.gemba.collector.telemetry;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps the numeric state codes of a PLC to machine states and reasons, for gateways that send
 * {@code "code": 4711} instead of a state name.
 */
public final class StateCodeTable {

  /**
   * What a PLC state code means.
   *
   * @param state the machine state
   * @param reason the reason code to report, or {@code null}
   */
  public record Entry(MachineState state, String reason) {

    /** Builds an entry. */
    public Entry {
      Objects.requireNonNull(state, "state");
    }
  }

  private static final StateCodeTable PACKML =
      new StateCodeTable(
          Map.ofEntries(
              Map.entry(1, new Entry(MachineState.DOWN, "PACKML-CLEARING")),
              Map.entry(2, new Entry(MachineState.IDLE, "PACKML-STOPPED")),
              Map.entry(3, new Entry(MachineState.IDLE, "PACKML-STARTING")),
              Map.entry(4, new Entry(MachineState.IDLE, "PACKML-IDLE")),
              Map.entry(5, new Entry(MachineState.IDLE, "PACKML-SUSPENDED")),
              Map.entry(6, new Entry(MachineState.RUNNING, null)),
              Map.entry(7, new Entry(MachineState.IDLE, "PACKML-STOPPING")),
              Map.entry(8, new Entry(MachineState.DOWN, "PACKML-ABORTING")),
              Map.entry(9, new Entry(MachineState.DOWN, "PACKML-ABORTED")),
              Map.entry(10, new Entry(MachineState.DOWN, "PACKML-HOLDING")),
              Map.entry(11, new Entry(MachineState.DOWN, "PACKML-HELD")),
              Map.entry(12, new Entry(MachineState.DOWN, "PACKML-UNHOLDING")),
              Map.entry(13, new Entry(MachineState.IDLE, "PACKML-SUSPENDING")),
              Map.entry(14, new Entry(MachineState.IDLE, "PACKML-UNSUSPENDING")),
              Map.entry(15, new Entry(MachineState.IDLE, "PACKML-RESETTING")),
              Map.entry(16, new Entry(MachineState.IDLE, "PACKML-COMPLETING")),
              Map.entry(17, new Entry(MachineState.IDLE, "PACKML-COMPLETE"))));

  private final Map<Integer, Entry> entries;

  private StateCodeTable(Map<Integer, Entry> entries) {
    this.entries = Map.copyOf(entries);
  }

  /** A table with exactly these entries. */
  public static StateCodeTable of(Map<Integer, Entry> entries) {
    return new StateCodeTable(entries);
  }

  /**
   * The default table: PackML (ISA-TR88.00.02) state numbers. Execute is running; the held, aborted
   * and clearing family (an internal fault) is down; idle, suspended (starved or blocked from
   * outside), stopped, and the transitional states are idle. Code 0 (undefined) is not in it.
   */
  public static StateCodeTable packMl() {
    return PACKML;
  }

  /** What {@code code} means, if the table has it. */
  public Optional<Entry> lookup(int code) {
    return Optional.ofNullable(entries.get(code));
  }

  /** The entries of this table. */
  public Map<Integer, Entry> entries() {
    return entries;
  }
}
