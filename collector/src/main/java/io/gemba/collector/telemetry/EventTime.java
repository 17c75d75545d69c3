package io.gemba.collector.telemetry;

import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/** The {@code ts} field: an RFC 3339 timestamp with offset, or integer epoch milliseconds. */
final class EventTime {

  /** The last millisecond of year 9999, the end of RFC 3339's range. */
  static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;

  /**
   * RFC 3339 {@code date-time}: seconds required, a fraction of 1 to 9 digits, an offset or {@code
   * Z}, and {@code T} and {@code Z} in either case.
   */
  static final DateTimeFormatter RFC_3339 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter(Locale.ROOT)
          .withChronology(IsoChronology.INSTANCE)
          .withResolverStyle(ResolverStyle.STRICT);

  private static final String TS = "ts";

  private EventTime() {}

  /** The event time of a payload object, or {@code null} when it has no {@code ts}. */
  static Instant read(JsonFields fields) throws Rejection {
    JsonNode ts = fields.raw(TS);
    if (ts == null) {
      return null;
    }
    if (ts.isTextual()) {
      return parse(ts.textValue());
    }
    if (ts.isIntegralNumber()) {
      if (!ts.canConvertToLong() || ts.longValue() < 0 || ts.longValue() > MAX_EPOCH_MILLIS) {
        throw new Rejection(
            RejectReason.OUT_OF_RANGE,
            "ts in epoch milliseconds must be in [0, "
                + MAX_EPOCH_MILLIS
                + "], got "
                + Text.abbreviate(ts.asText()));
      }
      return Instant.ofEpochMilli(ts.longValue());
    }
    throw fields.wrongType(TS, "an RFC 3339 string or integer epoch milliseconds", ts);
  }

  private static Instant parse(String text) throws Rejection {
    try {
      return RFC_3339.parse(text, OffsetDateTime::from).toInstant();
    } catch (DateTimeParseException e) {
      throw new Rejection(
          RejectReason.BAD_TIMESTAMP,
          "ts '"
              + Text.abbreviate(text)
              + "' is not RFC 3339 with offset (2026-11-26T06:00:00+05:00)");
    }
  }
}
