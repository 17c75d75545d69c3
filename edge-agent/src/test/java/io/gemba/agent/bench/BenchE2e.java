package io.gemba.agent.bench;

import io.gemba.agent.testkit.MosquittoServer;
import io.gemba.agent.testkit.VictoriaMetricsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The end-to-end benchmark of the edge agent ({@code scripts/bench-e2e}; method and how to read the
 * result in docs/benchmarks.md).
 *
 * <ol>
 *   <li>VictoriaMetrics starts, and its own search delay is measured.
 *   <li>Broker only: a Mosquitto with {@code mosquitto_sub -q 1} as its only subscriber; the
 *       generator publishes numbered messages at each rate in turn.
 *   <li>Agent: a second Mosquitto, the agent as its own process writing to VictoriaMetrics; the
 *       same steps.
 *   <li>The report: one table per phase, the highest rate each sustained with zero loss, and their
 *       ratio; on the console and as Markdown in a file.
 * </ol>
 *
 * A phase stops at its first failing step: what comes after would start with the backlog of the
 * failure.
 */
public final class BenchE2e {

  private static final Duration PAUSE = Duration.ofSeconds(2);
  private static final int SEARCH_DELAY_PROBES = 10;
  private static final List<String> AGENT_COUNTERS =
      List.of(
          "gemba_mqtt_messages_received_total",
          "gemba_events_rejected_total",
          "gemba_engine_events_total",
          "gemba_points_written_total",
          "gemba_points_not_written_total",
          "gemba_write_failures_total",
          "gemba_spool_checkpoint");

  private BenchE2e() {}

  /**
   * What runs one step at a rate: its messages, due as {@code schedule} says, logged in {@code
   * log}.
   */
  @FunctionalInterface
  interface Step {
    StepResult run(int rate, StepSchedule schedule, SentLog log)
        throws IOException, InterruptedException;

    /**
     * Runs a step at {@code rate} for {@code duration}, its messages numbered from {@code first}.
     */
    default StepResult run(int rate, long first, Duration duration)
        throws IOException, InterruptedException {
      StepSchedule schedule = StepSchedule.startingSoon(rate, duration);
      return run(rate, schedule, new SentLog(first, Math.toIntExact(schedule.count())));
    }
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-e2e: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    Files.createDirectories(options.workDir());
    ChildProcesses children = new ChildProcesses();
    LoadPlan plan = LoadPlan.standard();
    long[] next = {1};

    try (VictoriaMetricsServer vm = new VictoriaMetricsServer().start()) {
      Machine machine = Machine.probe(vm.url());
      say("machine: " + machine.describe());
      VictoriaReader reader = new VictoriaReader(vm);
      LatencySamples searchDelay = reader.searchDelay(SEARCH_DELAY_PROBES);
      say(
          "VictoriaMetrics search delay: p50 %.0f ms, max %.0f ms"
              .formatted(
                  searchDelay.percentile(50).orElse(0) / 1e6,
                  searchDelay.percentile(100).orElse(0) / 1e6));

      List<StepResult> baseline;
      int window;
      try (MosquittoServer broker = MosquittoServer.builder().build().start();
          NumberedLoad load =
              NumberedLoad.connect(
                  broker.uri(), options.connections(), plan, "bench-baseline-pub");
          BaselineSubscriber subscriber =
              BaselineSubscriber.start(
                  broker.port(), options.workDir().resolve("mosquitto_sub.log"), children)) {
        subscriber.awaitSubscribed(load, Duration.ofSeconds(10));
        window = load.window();
        BaselinePhase phase = new BaselinePhase(load, subscriber, pidOf(broker), options);
        baseline = steps("broker only", options, next, phase::step);
      }

      List<StepResult> agentSteps;
      List<String> counters;
      try (MosquittoServer broker = MosquittoServer.builder().build().start();
          AgentProcess agent =
              AgentProcess.start(
                  options.agentJar(),
                  options.agentHeap(),
                  options.spool(),
                  options.workDir(),
                  plan,
                  broker.uri(),
                  vm.url(),
                  children);
          NumberedLoad load =
              NumberedLoad.connect(broker.uri(), options.connections(), plan, "bench-agent-pub")) {
        say("agent: pid %d, log %s".formatted(agent.pid(), agent.log()));
        AgentPhase phase = new AgentPhase(agent, load, reader, pidOf(broker), options);
        agentSteps = steps("agent", options, next, phase::step);
        counters = agentCounters(agent);
      }

      String report =
          BenchReport.markdown(
              options, machine, window, searchDelay, baseline, agentSteps, counters);
      Files.createDirectories(options.report().toAbsolutePath().getParent());
      Files.writeString(options.report(), report, StandardCharsets.UTF_8);
      System.out.println();
      System.out.println(report);
      say("report written to " + options.report());
    }
  }

  /** The agent's counters, or why there are none (an overloaded agent may not answer in time). */
  private static List<String> agentCounters(AgentProcess agent) throws InterruptedException {
    try {
      return agent.metrics(AGENT_COUNTERS);
    } catch (IOException e) {
      return List.of("(the agent's /metrics did not answer: " + e + ")");
    }
  }

  private static List<StepResult> steps(String phase, BenchOptions options, long[] next, Step step)
      throws IOException, InterruptedException {
    if (!options.warmup().isZero()) {
      int rate = options.rates().get(0);
      say(
          "%s: warm-up, %,d messages/s for %d s (not reported)"
              .formatted(phase, rate, options.warmup().toSeconds()));
      StepResult warmup = step.run(rate, next[0], options.warmup());
      next[0] += warmup.published().handed();
      say("%s: warm-up: %s".formatted(phase, warmup.verdict()));
      Thread.sleep(PAUSE.toMillis());
    }
    List<StepResult> results = new ArrayList<>();
    for (int rate : options.rates()) {
      say("%s: %,d messages/s for %d s".formatted(phase, rate, options.step().toSeconds()));
      StepResult result = step.run(rate, next[0], options.step());
      next[0] += result.published().handed();
      results.add(result);
      say(
          "%s: %,d/s offered, %,.0f/s achieved, %,d messages, %,d lost, %,d duplicates, latency p50 %s p99 %s ms, accounted %.1f s after the last ack: %s"
              .formatted(
                  phase,
                  rate,
                  result.published().achievedRate(),
                  result.published().handed(),
                  result.accounts().lost(),
                  result.accounts().duplicates(),
                  millis(result.p50().orElse(-1)),
                  millis(result.p99().orElse(-1)),
                  result.accountedAfter().toMillis() / 1e3,
                  result.verdict()));
      if (!result.passed()) {
        say(phase + ": stops at its first failing step");
        break;
      }
      Thread.sleep(PAUSE.toMillis());
    }
    return results;
  }

  /** The pid of the Mosquitto the test kit started, found among our children by its config file. */
  private static long pidOf(MosquittoServer broker) {
    String config = broker.configFile().toString();
    return ProcessHandle.current()
        .children()
        .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(config)).orElse(false))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no mosquitto process with " + config))
        .pid();
  }

  private static String millis(long nanos) {
    return nanos < 0 ? "—" : "%.1f".formatted(nanos / 1e6);
  }

  private static void say(String line) {
    System.out.println("bench-e2e: " + line);
  }
}
