package io.gemba.agent.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's phase: the generator publishes to Mosquitto, the agent (its own process) subscribes
 * and writes to VictoriaMetrics, and the benchmark finds every message's number there.
 */
final class AgentPhase {

  private static final int TOP_THREADS = 6;

  private final AgentProcess agent;
  private final NumberedLoad load;
  private final VictoriaReader reader;
  private final long brokerPid;
  private final BenchOptions options;

  AgentPhase(
      AgentProcess agent,
      NumberedLoad load,
      VictoriaReader reader,
      long brokerPid,
      BenchOptions options) {
    this.agent = agent;
    this.load = load;
    this.reader = reader;
    this.brokerPid = brokerPid;
    this.options = options;
  }

  StepResult step(int rate, StepSchedule schedule, SentLog log)
      throws IOException, InterruptedException {
    LatencySamples latency = new LatencySamples();
    ProcFs.Usage agentBefore = agent.usage();
    Map<Long, ProcFs.ThreadCpu> threadsBefore = agent.threads();
    StepCost cost = new StepCost(brokerPid);
    long startNanos = System.nanoTime();

    Sampler sampler = new Sampler(log, latency);
    sampler.start();
    NumberedLoad.Published published;
    try {
      published = load.publish(schedule, log);
    } finally {
      sampler.halt();
    }
    long acknowledgedAt = System.nanoTime();
    NumberAccounting.Summary accounts = reader.awaitAccounted(log, options.accountingWait());
    Duration accountedAfter = Duration.ofNanos(System.nanoTime() - acknowledgedAt);

    ProcFs.Usage agentAfter = agent.usage();
    Map<Long, ProcFs.ThreadCpu> threadsAfter = agent.threads();
    StepCost.Spent spent = cost.spent(published.handed());
    long wallMs = (System.nanoTime() - startNanos) / 1_000_000;
    return new StepResult(
        rate,
        published,
        accounts,
        accountedAfter,
        latency,
        agentAfter.cpuMsPer1000Since(agentBefore, published.handed()),
        agentAfter.rssKib(),
        agentAfter.peakRssKib(),
        spent.brokerCpuMsPer1000(),
        spent.benchCpuMsPer1000(),
        spent.machineBusyPercent(),
        ProcFs.busiest(threadsBefore, threadsAfter, wallMs, TOP_THREADS)
            + (sampler.failures.get() > 0
                ? " (" + sampler.failures.get() + " latency queries failed)"
                : ""));
  }

  /**
   * Every 200 ms while the step publishes: the newest message number visible in VictoriaMetrics,
   * and how long ago it was handed over. Before a number of this step is visible, no sample.
   */
  private final class Sampler extends Thread {
    private static final long INTERVAL_MS = 200;
    private final SentLog log;
    private final LatencySamples latency;
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;

    Sampler(SentLog log, LatencySamples latency) {
      super("bench-latency-sampler");
      setDaemon(true);
      this.log = log;
      this.latency = latency;
    }

    @Override
    public void run() {
      while (running) {
        try {
          Thread.sleep(INTERVAL_MS);
          OptionalLong newest = reader.newestNumber();
          long now = System.nanoTime();
          if (newest.isPresent() && log.wasSent(newest.getAsLong())) {
            latency.add(now - log.sentNanos(newest.getAsLong()));
          }
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          failures.incrementAndGet();
        }
      }
    }

    void halt() throws InterruptedException {
      running = false;
      interrupt();
      join();
    }
  }
}
