package io.gemba.agent.bench;

import java.nio.charset.StandardCharsets;

/**
 * The bench plant and its messages: one site, one area, {@code lines} lines of {@code
 * stationsPerLine} stations, each station publishing {@code cycle} messages. Message numbers start
 * at 1 and go round the stations in turn (number 1 to station 0, number 2 to station 1, ...); the
 * number is the message's {@code seq} and its {@code cycleMs}, so the value of each point the agent
 * writes names the message it came from.
 */
record LoadPlan(String site, String area, int lines, int stationsPerLine) {

  /** The plant of the benchmark: 10 lines of 10 stations. */
  static LoadPlan standard() {
    return new LoadPlan("bench", "assembly", 10, 10);
  }

  LoadPlan {
    if (lines < 1 || stationsPerLine < 1) {
      throw new IllegalArgumentException(
          "at least one line and station: " + lines + "x" + stationsPerLine);
    }
  }

  int stations() {
    return lines * stationsPerLine;
  }

  /** The station (0 to stations − 1) that publishes message {@code number} (from 1). */
  int stationOf(long number) {
    return (int) Math.floorMod(number - 1, (long) stations());
  }

  /** The line (0 to lines − 1) of {@code station}. */
  int lineOf(int station) {
    return station / stationsPerLine;
  }

  /** The id of line {@code line}: {@code line-01} for line 0. */
  String lineId(int line) {
    return "line-%02d".formatted(line + 1);
  }

  /** The id of the station at {@code index} on its line: {@code st-01} for index 0. */
  String stationId(int index) {
    return "st-%02d".formatted(index + 1);
  }

  /** The topic of {@code station}'s cycles: {@code gemba/v1/bench/assembly/line-01/st-01/cycle}. */
  String topic(int station) {
    return "gemba/v1/%s/%s/%s/%s/cycle"
        .formatted(site, area, lineId(lineOf(station)), stationId(station % stationsPerLine));
  }

  /** The payload of message {@code number} with event time {@code tsMs}. */
  static byte[] payload(long tsMs, long number) {
    return ("{\"ts\":"
            + tsMs
            + ",\"seq\":"
            + number
            + ",\"cycleMs\":"
            + number
            + ",\"result\":\"OK\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
