package io.gemba.agent.spool;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The records of a spool (ADR 0006) and their payloads. Points are lines of the InfluxDB line
 * protocol, one record per engine run: UTF-8, separated by line breaks, which the protocol never
 * has inside a line.
 */
public final class SpoolRecords {

  /** The points of one run, as line protocol. */
  public static final byte POINTS = 2;

  private SpoolRecords() {}

  /** The payload of a {@link #POINTS} record. */
  public static byte[] points(List<String> lines) {
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  /** The lines of a {@link #POINTS} record's payload. */
  public static List<String> points(byte[] payload) {
    if (payload.length == 0) {
      return List.of();
    }
    return Arrays.asList(new String(payload, StandardCharsets.UTF_8).split("\n"));
  }
}
