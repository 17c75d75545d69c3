package io.gemba.collector.telemetry;

/**
 * Why a message, or one element of a batch, was rejected. The {@linkplain #label() label} is the
 * value of the {@code reason} tag of the rejected-messages metric and the last level of the
 * dead-letter topic {@code gemba/v1/_dlq/{reason}}, so it never changes once released.
 */
public enum RejectReason {
  /**
   * The topic is not {@code gemba/v1/{site}/{area}/{line}/{station}/{channel}} with valid names.
   */
  BAD_TOPIC("bad_topic"),
  /** The topic's last level is not a channel of the contract. */
  UNKNOWN_CHANNEL("unknown_channel"),
  /** The payload is larger than the configured limit (64 KiB by default). */
  TOO_LARGE("too_large"),
  /** A batch has more elements than allowed (1,000 by default), or none. */
  BAD_BATCH("bad_batch"),
  /** The payload is not well-formed UTF-8 JSON, or breaks the parser's limits. */
  BAD_JSON("bad_json"),
  /** The payload (or a batch element) is valid JSON but not an object. */
  NOT_AN_OBJECT("not_an_object"),
  /** A required field is absent or {@code null}. */
  MISSING_FIELD("missing_field"),
  /** A field has the wrong JSON type (a string where a number belongs, a fraction for a count). */
  WRONG_TYPE("wrong_type"),
  /** A number is NaN or infinite. */
  NON_FINITE("non_finite"),
  /** A value is outside its allowed range (negative counter, score above max, name too long). */
  OUT_OF_RANGE("out_of_range"),
  /** A text field is not one of its allowed values (a state, a result, a status). */
  UNKNOWN_VALUE("unknown_value"),
  /** A state {@code code} is not in the station's state table. */
  UNKNOWN_STATE_CODE("unknown_state_code"),
  /** {@code ts} is a string that is not an RFC 3339 timestamp with offset. */
  BAD_TIMESTAMP("bad_timestamp"),
  /**
   * A valid message of a new station (or line) that the configuration does not name, while the
   * agent already holds as many of those as {@code engine.maxUnconfiguredStations}; found by the
   * engine, not the decoder.
   */
  TOO_MANY_STATIONS("too_many_stations");

  private final String label;

  RejectReason(String label) {
    this.label = label;
  }

  /** The stable lower-case name used in metrics, logs and dead-letter topics. */
  public String label() {
    return label;
  }
}
