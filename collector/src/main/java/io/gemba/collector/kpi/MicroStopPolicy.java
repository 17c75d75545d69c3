package io.gemba.collector.kpi;

import java.util.Optional;

/**
 * How stops shorter than the micro-stop threshold count. The two conventions disagree, so it is a
 * configuration choice, and every KPI output names the one used ({@link #wireName()} is the value
 * of the {@code policy} tag).
 */
public enum MicroStopPolicy {
  /**
   * Six big losses (OEE.com, TPM): a short stop counts as run time and shows as a performance loss
   * (minor stops). Short {@code DOWN} periods are not failures for MTBF and MTTR.
   */
  TPM("tpm"),
  /** ISO 22400-2: every stop is delay time and lowers availability; every DOWN is a failure. */
  ISO22400("iso22400");

  private final String wireName;

  MicroStopPolicy(String wireName) {
    this.wireName = wireName;
  }

  /** The name in configuration and in the {@code policy} tag. */
  public String wireName() {
    return wireName;
  }

  /** The policy with this name, if there is one. */
  public static Optional<MicroStopPolicy> fromWireName(String name) {
    for (MicroStopPolicy policy : values()) {
      if (policy.wireName.equals(name)) {
        return Optional.of(policy);
      }
    }
    return Optional.empty();
  }
}
