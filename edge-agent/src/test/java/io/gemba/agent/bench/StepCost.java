package io.gemba.agent.bench;

import java.io.IOException;

/**
 * What a step costs beyond the system under test: the broker's and the benchmark's own CPU time per
 * message, and how busy the machine was. Read when made, before the step, and again by {@link
 * #spent(long)} after it.
 */
final class StepCost {

  private final long brokerPid;
  private final ProcFs.Usage brokerBefore;
  private final ProcFs.MachineCpu machineBefore;
  private final ProcFs.Usage benchBefore;

  /** Reads the broker's ({@code brokerPid}), the machine's and the benchmark's CPU time now. */
  StepCost(long brokerPid) throws IOException {
    this.brokerPid = brokerPid;
    this.brokerBefore = ProcFs.usage(brokerPid);
    this.machineBefore = ProcFs.machine();
    this.benchBefore = ProcFs.usage(ProcessHandle.current().pid());
  }

  /** What was spent since this was made, for {@code messages} handed over. */
  Spent spent(long messages) throws IOException {
    ProcFs.Usage brokerAfter = ProcFs.usage(brokerPid);
    double machineBusy = ProcFs.machine().busyPercentSince(machineBefore);
    ProcFs.Usage benchAfter = ProcFs.usage(ProcessHandle.current().pid());
    return new Spent(
        brokerAfter.cpuMsPer1000Since(brokerBefore, messages),
        benchAfter.cpuMsPer1000Since(benchBefore, messages),
        machineBusy);
  }

  /**
   * @param brokerCpuMsPer1000 Mosquitto's CPU time per 1,000 messages
   * @param benchCpuMsPer1000 the benchmark's own CPU time per 1,000 messages
   * @param machineBusyPercent the share of all the machine's processors busy over the step
   */
  record Spent(double brokerCpuMsPer1000, double benchCpuMsPer1000, double machineBusyPercent) {}
}
