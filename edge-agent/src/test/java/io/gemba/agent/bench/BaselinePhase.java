package io.gemba.agent.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * The broker-only baseline: the generator publishes to a Mosquitto of its own whose only subscriber
 * is {@code mosquitto_sub -q 1}, and the benchmark reads every message's number from its output.
 */
final class BaselinePhase {

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

  StepResult step(int rate, StepSchedule schedule, SentLog log)
      throws IOException, InterruptedException {
    NumberAccounting accounting = new NumberAccounting(log.first(), log.count());
    LatencySamples latency = new LatencySamples();
    subscriber.expect(new BaselineSubscriber.Expectation(log, accounting, latency));
    StepCost cost = new StepCost(brokerPid);

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

    StepCost.Spent spent = cost.spent(published.handed());
    return new StepResult(
        rate,
        published,
        accounts,
        accountedAfter,
        latency,
        Double.NaN,
        -1,
        -1,
        spent.brokerCpuMsPer1000(),
        spent.benchCpuMsPer1000(),
        spent.machineBusyPercent(),
        "");
  }
}
