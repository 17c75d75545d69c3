package io.gemba.agent.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The benchmark's result as Markdown, for the console and for docs/benchmarks.md. */
final class BenchReport {

  private BenchReport() {}

  /**
   * The whole report.
   *
   * @param agentCounters lines of the agent's {@code /metrics} to show
   */
  static String markdown(
      BenchOptions options,
      Machine machine,
      int window,
      LatencySamples searchDelay,
      List<StepResult> baseline,
      List<StepResult> agent,
      List<String> agentCounters) {
    StringBuilder md = new StringBuilder();
    md.append("### End-to-end run, ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append("\n\n");
    md.append("Machine: ").append(machine.describe()).append(".\n");
    md.append(
        "Load: %d lines × %d stations, `cycle` messages at QoS 1 over %d connections (window %d each), steps of %d s at %s messages/s; a phase stops at its first failing step. The agent's heap: `-Xmx%s`; spool: %s.\n"
            .formatted(
                LoadPlan.standard().lines(),
                LoadPlan.standard().stationsPerLine(),
                options.connections(),
                window,
                options.step().toSeconds(),
                String.join(", ", options.rates().stream().map(r -> "%,d".formatted(r)).toList()),
                options.agentHeap(),
                options.spool()
                    ? "on (`spool.dir`: points durable before each acknowledgement)"
                    : "off"));
    md.append(
        "VictoriaMetrics' own search delay (a point written to it until a query finds it): p50 %s ms, max %s ms (%d probes).\n\n"
            .formatted(
                ms(searchDelay.percentile(50)),
                ms(searchDelay.percentile(100)),
                searchDelay.count()));

    md.append("#### Broker only: Mosquitto and `mosquitto_sub -q 1`\n\n");
    md.append(
        "Latency: each message, from its hand-over to the publisher's connection to its line read from `mosquitto_sub`.\n\n");
    table(md, baseline, false);

    md.append("\n#### Agent: Mosquitto → agent → VictoriaMetrics\n\n");
    md.append(
        "Latency: the age of the newest message visible in VictoriaMetrics, sampled every 200 ms while publishing (includes VictoriaMetrics' search delay above).\n\n");
    table(md, agent, true);
    md.append(
        "\nThe agent's CPU by thread per step (as a share of one core over the step; names cut to 15 characters by Linux, numbered threads together):\n\n");
    for (StepResult step : agent) {
      md.append("- %,d/s: %s\n".formatted(step.rate(), step.busiestThreads()));
    }

    md.append("\n#### Result\n\n");
    OptionalInt base = highestPassed(baseline);
    OptionalInt ours = highestPassed(agent);
    md.append("Highest rate sustained with zero loss: broker only ")
        .append(best(base, options))
        .append(", agent ")
        .append(best(ours, options))
        .append(".\n");
    if (base.isPresent() && ours.isPresent()) {
      double ratio = (double) ours.getAsInt() / base.getAsInt();
      md.append(
          "Agent / broker only: **%.0f%%** (goal: at least 80%%: %s).\n"
              .formatted(ratio * 100, ratio >= 0.8 ? "met" : "not met"));
    }
    md.append("\nThe agent's counters at the end of its phase (all steps):\n\n```\n");
    agentCounters.forEach(line -> md.append(line).append('\n'));
    md.append("```\n");
    return md.toString();
  }

  private static void table(StringBuilder md, List<StepResult> steps, boolean agent) {
    md.append(
        "| rate offered | achieved | messages | lost | duplicates | p50 ms | p99 ms | agent CPU ms / 1,000 | agent RSS MiB (peak) | broker CPU ms / 1,000 | generator CPU ms / 1,000 | machine busy | result |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (StepResult s : steps) {
      md.append(
          "| %,d | %,.0f | %,d | %,d | %,d | %s | %s | %s | %s | %.1f | %.1f | %.0f%% | %s |\n"
              .formatted(
                  s.rate(),
                  s.published().achievedRate(),
                  s.published().handed(),
                  s.accounts().lost(),
                  s.accounts().duplicates(),
                  ms(s.p50()),
                  ms(s.p99()),
                  agent ? "%.1f".formatted(s.agentCpuMsPer1000()) : "—",
                  agent
                      ? "%d (%d)".formatted(s.agentRssKib() / 1024, s.agentPeakRssKib() / 1024)
                      : "—",
                  s.brokerCpuMsPer1000(),
                  s.benchCpuMsPer1000(),
                  s.machineBusyPercent(),
                  s.verdict()));
    }
  }

  /** The highest rate of the steps that passed, all lower ones having passed too. */
  static OptionalInt highestPassed(List<StepResult> steps) {
    OptionalInt best = OptionalInt.empty();
    for (StepResult step : steps) {
      if (!step.passed()) {
        break;
      }
      best = OptionalInt.of(step.rate());
    }
    return best;
  }

  private static String best(OptionalInt rate, BenchOptions options) {
    if (rate.isEmpty()) {
      return "none (the first step failed)";
    }
    boolean topRate = rate.getAsInt() == options.rates().get(options.rates().size() - 1);
    return "%,d/s%s"
        .formatted(rate.getAsInt(), topRate ? " (the highest rate tried: at least that)" : "");
  }

  private static String ms(OptionalLong nanos) {
    return nanos.isEmpty() ? "—" : "%.1f".formatted(nanos.getAsLong() / 1e6);
  }
}
