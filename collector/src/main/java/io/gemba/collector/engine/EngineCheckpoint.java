package io.gemba.collector.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.gemba.collector.kpi.ProductionSums;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The engine's state, as CBOR (binary JSON, RFC 8949) compressed with gzip: per station the core at
 * its oldest kept minute boundary, the core at the shift starts of its backfill horizon (ADR 0010),
 * the events since the oldest of them (as contract payloads), and the shift and order sums already
 * settled. Restoring replays the events, which emits again the points they made: the same series
 * and times, so InfluxDB stores the same values (ADR 0004). A checkpoint written as JSON, plain or
 * compressed, is read too (ADR 0011).
 */
final class EngineCheckpoint {

  static final String FORMAT = "gemba-engine-checkpoint";
  static final int VERSION = 1;

  private static final ObjectMapper CBOR =
      CBORMapper.builder()
          .enable(CBORGenerator.Feature.WRITE_TYPE_HEADER)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  /** Earlier checkpoints. */
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private EngineCheckpoint() {}

  /** The whole engine. */
  record EngineState(
      String format,
      int version,
      long applied,
      long late,
      long duplicates,
      long ignored,
      List<LoggedEvent> lineOrders,
      List<StationState> stations,
      LeanState lean) {}

  /**
   * The lean KPIs' state: the engine's event time, the 5S audits and kaizen updates kept (as
   * contract payloads), the red tags of audits no longer kept, local content sums and the shift
   * history kaizen effects are measured on, and the effects measured. {@code null} in a checkpoint
   * of an earlier build.
   */
  record LeanState(
      Long clockMs,
      List<LoggedEvent> audits,
      Map<String, long[]> foldedRedTags,
      List<LoggedEvent> kaizens,
      Map<String, double[]> kaizenEffects,
      List<LocalContentTally.Saved> parts,
      List<ShiftHistory.Saved> shifts) {}

  /** An event, as its topic and contract payload (RFC 3339 times in UTC, full precision). */
  record LoggedEvent(String topic, String payload) {}

  /** One station. Times are epoch milliseconds; {@code null} for none. */
  record StationState(
      String site,
      String area,
      String line,
      String station,
      Long restoreKeyMs,
      CoreState core,
      List<LoggedEvent> events,
      Map<String, ProductionSums> closedShifts,
      Map<String, ProductionSums> closedOrders,
      Long latestTs,
      Long watermark,
      Long tickClock,
      Long settledMs,
      long late,
      long duplicates,
      long backwards,
      long corrections,
      Long lastArrivalMs,
      Long silentFromMs,
      long countsWhileStopped,
      long counterJumps,
      List<AnchorState> anchors,
      List<LoggedEvent> backfill,
      List<ColdLog.Saved> cold,
      List<LoggedEvent> batteryTests,
      Map<String, Long> serials,
      long verdictMismatches,
      long unjudgedTests) {}

  /**
   * A station's core at a shift start or full hour of its backfill horizon, with the sums settled
   * before it; the events from the oldest one on are in the station's {@code events}. A checkpoint
   * of an earlier version has none: until the next hour, only the allowed lateness takes late
   * events.
   */
  record AnchorState(
      Long atMs,
      boolean shiftStart,
      CoreState core,
      Map<String, ProductionSums> closedShifts,
      Map<String, ProductionSums> closedOrders) {}

  /** A {@link StationCore}. */
  record CoreState(
      Long clockMs,
      String state,
      boolean stateKnown,
      String reason,
      Integer code,
      Long sinceMs,
      String stopClass,
      boolean counterMode,
      boolean countsThisShift,
      boolean shiftEntered,
      CounterTracker.State counters,
      Long lastCountMs,
      String order,
      String product,
      long orderIdealMs,
      Long startupUntilMs,
      Long shiftStartMs,
      long counterResets,
      long unitsWithoutIdeal,
      Long heardMs,
      boolean silent,
      long[] openSilences,
      MinuteCount.State minuteCount) {}

  /** Writes {@code state} to {@code out}, compressed (gzip); {@code out} stays open. */
  static void write(EngineState state, OutputStream out) throws IOException {
    GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
    CBOR.writeValue(gzip, state);
    gzip.finish();
  }

  /**
   * Reads a checkpoint.
   *
   * @throws IllegalArgumentException if it is not a checkpoint of this format and version
   */
  static EngineState read(byte[] bytes) {
    EngineState state;
    try {
      // Compressed since the backfill horizon; a checkpoint written before is plain JSON.
      boolean gzip = bytes.length > 1 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b;
      byte[] plain =
          gzip ? new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes() : bytes;
      // CBOR starts with its self-describe tag (0xd9d9f7); JSON with a brace.
      boolean cbor = plain.length > 2 && (plain[0] & 0xFF) == 0xd9 && (plain[1] & 0xFF) == 0xd9;
      state = (cbor ? CBOR : JSON).readValue(plain, EngineState.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "not a readable engine checkpoint: "
              + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e),
          e);
    }
    if (state == null || !FORMAT.equals(state.format())) {
      throw new IllegalArgumentException("not an engine checkpoint (format is not " + FORMAT + ")");
    }
    if (state.version() != VERSION) {
      throw new IllegalArgumentException(
          "engine checkpoint version " + state.version() + " is not supported (" + VERSION + ")");
    }
    return state;
  }

  static Long orNull(long ms) {
    return ms == StationCore.NONE ? null : ms;
  }

  static long orNone(Long ms) {
    return ms == null ? StationCore.NONE : ms;
  }
}
