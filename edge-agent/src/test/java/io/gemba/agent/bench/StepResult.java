package io.gemba.agent.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One step of one phase: what was offered, what came out, and what it cost.
 *
 * @param rate the rate offered, messages per second
 * @param published what the generator did
 * @param accounts the step's numbers as found at the other end
 * @param accountedAfter how long after the last message was acknowledged the accounts were taken
 * @param latency the latency samples (what they measure depends on the phase)
 * @param agentCpuMsPer1000 the agent's CPU time per 1,000 messages, NaN in the baseline
 * @param agentRssKib the agent's resident set at the end of the step, −1 in the baseline
 * @param agentPeakRssKib the agent's peak resident set so far, −1 in the baseline
 * @param brokerCpuMsPer1000 Mosquitto's CPU time per 1,000 messages
 * @param benchCpuMsPer1000 the benchmark's own CPU time per 1,000 messages (generator, subscriber's
 *     reader, queries)
 * @param machineBusyPercent the share of all the machine's processors busy during the step (any
 *     process, the benchmark's own included)
 * @param busiestThreads the agent's busiest threads over the step, with their share of one core
 */
record StepResult(
    int rate,
    NumberedLoad.Published published,
    NumberAccounting.Summary accounts,
    Duration accountedAfter,
    LatencySamples latency,
    double agentCpuMsPer1000,
    long agentRssKib,
    long agentPeakRssKib,
    double brokerCpuMsPer1000,
    double benchCpuMsPer1000,
    double machineBusyPercent,
    String busiestThreads) {

  /** Whether the generator offered the rate: it achieved at least 98% of it. */
  boolean offered() {
    return published.achievedRate() >= StepSchedule.KEPT_UP_SHARE * rate;
  }

  /** Offered, every message published and accounted for exactly once. */
  boolean passed() {
    return offered() && published.failed() == 0 && published.acknowledged() && accounts.complete();
  }

  OptionalLong p50() {
    return latency.percentile(50);
  }

  OptionalLong p99() {
    return latency.percentile(99);
  }

  /** "pass", or why not. */
  String verdict() {
    if (passed()) {
      return "pass";
    }
    List<String> why = new ArrayList<>();
    if (!offered()) {
      why.add(
          "not offered: generator %.0f/s, up to %.1f s late (%.1f s waiting for PUBACKs)"
              .formatted(
                  published.achievedRate(),
                  published.maxBehindNanos() / 1e9,
                  published.windowWaitNanos() / 1e9));
    }
    if (published.failed() > 0) {
      why.add(published.failed() + " publishes failed");
    }
    if (!published.acknowledged()) {
      why.add("not all acknowledged within 30 s");
    }
    if (accounts.lost() > 0) {
      why.add("lost " + accounts.lost() + " (first " + accounts.lostExamples() + ")");
    }
    if (accounts.duplicates() > 0) {
      why.add(accounts.duplicates() + " duplicates (first " + accounts.duplicateExamples() + ")");
    }
    if (accounts.strays() > 0) {
      why.add(accounts.strays() + " values not of this step");
    }
    return "FAIL: " + String.join("; ", why);
  }
}
