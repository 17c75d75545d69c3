package io.gemba.agent.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * The broker-only baseline: the generator publishes to a Mosquitto of its own whose only subscriber
 * is {@code mosquitto_sub -q 1}, and the benchmark reads every message's number from its output.
 */
final class BaselinePhase {

  private static final long START_DELAY_NANOS = Duration.ofMillis(100).toNanos();
  private static final long POLL_MS = 50;

  private final NumberedLoad load;
  private final BaselineSubscriber subscriber;
  private final long brokerPid;
  private final BenchOptions options;

  BaselinePhase(
      NumberedLoad load, BaselineSubscriber subscriber, long brokerPid, BenchOptions options) {
    this.load = load;
    this.subscriber = subscriber;
    this.brokerPid = brokerPid;
    this.options = options;
  }

  StepResult step(int rate, long first, Duration duration)
      throws IOException, InterruptedException {
    StepSchedule schedule = StepSchedule.of(System.nanoTime() + START_DELAY_NANOS, rate, duration);
    SentLog log = new SentLog(first, Math.toIntExact(schedule.count()));
    NumberAccounting accounting = new NumberAccounting(first, log.count());
    LatencySamples latency = new LatencySamples();
    subscriber.expect(new BaselineSubscriber.Expectation(log, accounting, latency));
    ProcFs.Usage brokerBefore = ProcFs.usage(brokerPid);
    ProcFs.MachineCpu machineBefore = ProcFs.machine();
    ProcFs.Usage benchBefore = ProcFs.usage(ProcessHandle.current().pid());

    NumberedLoad.Published published = load.publish(schedule, log);
    long acknowledgedAt = System.nanoTime();
    long deadline = acknowledgedAt + options.accountingWait().toNanos();
    NumberAccounting.Summary accounts = accounting.summary();
    while (!accounts.complete() && System.nanoTime() < deadline) {
      Thread.sleep(POLL_MS);
      accounts = accounting.summary();
    }
    Duration accountedAfter = Duration.ofNanos(System.nanoTime() - acknowledgedAt);
    subscriber.expect(null);

    ProcFs.Usage brokerAfter = ProcFs.usage(brokerPid);
    double machineBusy = ProcFs.machine().busyPercentSince(machineBefore);
    ProcFs.Usage benchAfter = ProcFs.usage(ProcessHandle.current().pid());
    return new StepResult(
        rate,
        published,
        accounts,
        accountedAfter,
        latency,
        Double.NaN,
        -1,
        -1,
        (brokerAfter.cpuMs() - brokerBefore.cpuMs())
            * 1000
            / (double) Math.max(1, published.handed()),
        (benchAfter.cpuMs() - benchBefore.cpuMs())
            * 1000
            / (double) Math.max(1, published.handed()),
        machineBusy,
        "");
  }
}
