package io.gemba.agent.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's command line.
 *
 * @param rates the steps' rates, messages per second, rising
 * @param step how long each step publishes
 * @param warmup how long each phase publishes at the first rate before its steps, unreported
 * @param accountingWait the longest a step waits, after publishing, for every message to arrive
 * @param connections publisher connections (each line's messages go over one of them)
 * @param agentHeap the agent's largest heap, as the JVM's {@code -Xmx} takes it: {@code 1g}
 * @param spool whether the agent runs with a spool (in the work directory)
 * @param agentJar the agent's executable jar
 * @param workDir where the agent's configuration and logs go
 * @param report where the Markdown report goes
 */
record BenchOptions(
    List<Integer> rates,
    Duration step,
    Duration warmup,
    Duration accountingWait,
    int connections,
    String agentHeap,
    boolean spool,
    Path agentJar,
    Path workDir,
    Path report) {

  static final List<Integer> DEFAULT_RATES =
      List.of(1000, 2000, 4000, 6000, 8000, 10000, 12000, 15000);

  static final String USAGE =
      """
      usage: BenchE2e [--rates 1000,2000,...] [--step-seconds 60] [--warmup-seconds 10] [--wait-seconds 30]
                      [--connections 5] [--agent-heap 1g] [--spool] [--agent-jar edge-agent/target/edge-agent-lean.jar]
                      [--work-dir edge-agent/target/bench-e2e] [--report edge-agent/target/bench-e2e.md]""";

  BenchOptions {
    rates = List.copyOf(rates);
    if (rates.isEmpty()) {
      throw new IllegalArgumentException("--rates: at least one rate");
    }
    for (int i = 0; i < rates.size(); i++) {
      if (rates.get(i) < 1) {
        throw new IllegalArgumentException("--rates: each rate at least 1, was " + rates.get(i));
      }
      if (i > 0 && rates.get(i) <= rates.get(i - 1)) {
        throw new IllegalArgumentException(
            "--rates: must rise, " + rates.get(i) + " after " + rates.get(i - 1));
      }
    }
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("--step-seconds: at least 1");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup-seconds: not negative");
    }
    if (accountingWait.isNegative()) {
      throw new IllegalArgumentException("--wait-seconds: not negative");
    }
    if (connections < 1) {
      throw new IllegalArgumentException("--connections: at least 1");
    }
    if (!agentHeap.matches("[1-9][0-9]*[mMgG]")) {
      throw new IllegalArgumentException(
          "--agent-heap: a size such as 1g or 1536m, was '" + agentHeap + "'");
    }
  }

  /** Parses {@code args}; throws {@link IllegalArgumentException} naming the option at fault. */
  static BenchOptions parse(String... args) {
    List<Integer> rates = DEFAULT_RATES;
    Duration step = Duration.ofSeconds(60);
    Duration warmup = Duration.ofSeconds(10);
    Duration wait = Duration.ofSeconds(30);
    int connections = 5;
    String agentHeap = "1g";
    boolean spool = false;
    Path agentJar = Path.of("edge-agent/target/edge-agent-lean.jar");
    Path workDir = Path.of("edge-agent/target/bench-e2e");
    Path report = Path.of("edge-agent/target/bench-e2e.md");
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--spool")) {
        spool = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + ": needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--rates" -> rates = integers(option, value);
        case "--step-seconds" -> step = Duration.ofSeconds(integer(option, value));
        case "--warmup-seconds" -> warmup = Duration.ofSeconds(integer(option, value));
        case "--wait-seconds" -> wait = Duration.ofSeconds(integer(option, value));
        case "--connections" -> connections = integer(option, value);
        case "--agent-heap" -> agentHeap = value;
        case "--agent-jar" -> agentJar = Path.of(value);
        case "--work-dir" -> workDir = Path.of(value);
        case "--report" -> report = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return new BenchOptions(
        rates, step, warmup, wait, connections, agentHeap, spool, agentJar, workDir, report);
  }

  private static List<Integer> integers(String option, String value) {
    List<Integer> values = new ArrayList<>();
    for (String part : value.split(",")) {
      values.add(integer(option, part.strip()));
    }
    return values;
  }

  private static int integer(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": not a whole number: '" + value + "'");
    }
  }
}
