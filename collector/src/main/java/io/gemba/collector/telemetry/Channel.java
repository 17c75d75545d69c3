package io.gemba.collector.telemetry;

import java.util.Optional;

/** The last level of a telemetry topic: what kind of message a gateway sends. */
public enum Channel {
  STATE("state", true),
  COUNT("count", true),
  ORDER("order", false),
  CYCLE("cycle", true),
  BATTERY("battery", true),
  PART("part", false),
  AUDIT5S("audit5s", false),
  KAIZEN("kaizen", false),
  HEARTBEAT("heartbeat", false);

  private static final Channel[] VALUES = values();

  private final String wireName;
  private final boolean machineLevel;

  Channel(String wireName, boolean machineLevel) {
    this.wireName = wireName;
    this.machineLevel = machineLevel;
  }

  /** The name in the topic, as in {@code gemba/v1/.../count}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Whether a message on this channel describes one machine, so that its topic must name a real
   * station rather than {@code _} (a line or an area has no machine state or counter of its own).
   */
  public boolean needsStation() {
    return machineLevel;
  }

  /** Whether this channel is about lean practice: parts consumed, 5S audits, kaizen cards. */
  public boolean isLean() {
    return this == PART || this == AUDIT5S || this == KAIZEN;
  }

  /** The channel with this topic name, if the contract has one. */
  public static Optional<Channel> fromWireName(String name) {
    for (Channel channel : VALUES) {
      if (channel.wireName.equals(name)) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }
}
