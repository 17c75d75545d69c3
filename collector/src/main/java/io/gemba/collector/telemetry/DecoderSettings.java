package io.gemba.collector.telemetry;

import java.util.Objects;
import java.util.function.Function;

/**
 * The limits and tables the decoder works with.
 *
 * @param maxPayloadBytes the largest payload accepted, in bytes (contract default 64 KiB)
 * @param maxBatchElements the most elements of a batched payload (contract default 1,000)
 * @param stateCodes the state code table of each station, for state messages that send a code
 */
public record DecoderSettings(
    int maxPayloadBytes, int maxBatchElements, Function<Topic, StateCodeTable> stateCodes) {

  /** The contract's default payload limit: 64 KiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

  /** The contract's default batch limit. */
  public static final int DEFAULT_MAX_BATCH_ELEMENTS = 1_000;

  /** Hard ceiling of the payload limit: MQTT allows 256 MiB, nobody needs that per message. */
  public static final int MAX_PAYLOAD_BYTES_CEILING = 16 * 1024 * 1024;

  /** Builds settings. */
  public DecoderSettings {
    if (maxPayloadBytes < 1 || maxPayloadBytes > MAX_PAYLOAD_BYTES_CEILING) {
      throw new IllegalArgumentException(
          "maxPayloadBytes must be in [1, " + MAX_PAYLOAD_BYTES_CEILING + "]: " + maxPayloadBytes);
    }
    if (maxBatchElements < 1) {
      throw new IllegalArgumentException(
          "maxBatchElements must be at least 1: " + maxBatchElements);
    }
    Objects.requireNonNull(stateCodes, "stateCodes");
  }

  /** The contract's defaults, with the PackML state table at every station. */
  public static DecoderSettings defaults() {
    return new DecoderSettings(
        DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_BATCH_ELEMENTS, topic -> StateCodeTable.packMl());
  }
}
