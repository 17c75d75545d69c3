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

  private static final long START_DELAY_NANOS = Duration.ofMillis(100).toNanos();
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

  StepResult step(int rate, long first, Duration duration)
      throws IOException, InterruptedException {
    StepSchedule schedule = StepSchedule.of(System.nanoTime() + START_DELAY_NANOS, rate, duration);
    SentLog log = new SentLog(first, Math.toIntExact(schedule.count()));
    LatencySamples latency = new LatencySamples();
    ProcFs.Usage agentBefore = agent.usage();
    Map<Long, ProcFs.ThreadCpu> threadsBefore = agent.threads();
    ProcFs.Usage brokerBefore = ProcFs.usage(brokerPid);
    ProcFs.MachineCpu machineBefore = ProcFs.machine();
    ProcFs.Usage benchBefore = ProcFs.usage(ProcessHandle.current().pid());
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
    ProcFs.Usage brokerAfter = ProcFs.usage(brokerPid);
    double machineBusy = ProcFs.machine().busyPercentSince(machineBefore);
    ProcFs.Usage benchAfter = ProcFs.usage(ProcessHandle.current().pid());
    long wallMs = (System.nanoTime() - startNanos) / 1_000_000;
    double messages = Math.max(1, published.handed());
    return new StepResult(
        rate,
        published,
        accounts,
        accountedAfter,
        latency,
        (agentAfter.cpuMs() - agentBefore.cpuMs()) * 1000 / messages,
        agentAfter.rssKib(),
        agentAfter.peakRssKib(),
        (brokerAfter.cpuMs() - brokerBefore.cpuMs()) * 1000 / messages,
        (benchAfter.cpuMs() - benchBefore.cpuMs())
            * 1000
            / (double) Math.max(1, published.handed()),
        machineBusy,
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
