package io.gemba.collector.telemetry;

import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
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
  private static final int NO_OFFSET = Integer.MIN_VALUE;

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
    throw fields
        .notFinite(TS, ts)
        .orElseGet(
            () -> fields.wrongType(TS, "an RFC 3339 string or integer epoch milliseconds", ts));
  }

  /**
   * Parses an RFC 3339 timestamp. The usual shape is read by {@link #parseUsualShape}, which is
   * several times cheaper than the formatter; anything else goes to {@link #RFC_3339}, which also
   * writes the error.
   */
  static Instant parse(String text) throws Rejection {
    Instant usual = parseUsualShape(text);
    if (usual != null) {
      return usual;
    }
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

  /**
   * Reads {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+HH:MM|-HH:MM)} by the positions of its digits,
   * with the calendar rules left to {@link LocalDate}. Returns {@code null} for any other shape or
   * an invalid value, so that the formatter decides; it never accepts what the formatter rejects.
   */
  static Instant parseUsualShape(String text) {
    int length = text.length();
    if (length < 20
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || (text.charAt(10) != 'T' && text.charAt(10) != 't')
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int at = 19;
    int nanos = 0;
    if (text.charAt(at) == '.') {
      int start = ++at;
      while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
        nanos = nanos * 10 + (text.charAt(at++) - '0');
      }
      int fractionDigits = at - start;
      if (fractionDigits == 0) {
        return null;
      }
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    }
    int offsetSeconds = offsetSeconds(text, at);
    if (offsetSeconds == NO_OFFSET) {
      return null;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    long epochSecond = epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  /** The offset {@code Z} or {@code ±HH:MM} that ends {@code text} at {@code at}, in seconds. */
  private static int offsetSeconds(String text, int at) {
    int length = text.length();
    char sign = at < length ? text.charAt(at) : ' ';
    if ((sign == 'Z' || sign == 'z') && at + 1 == length) {
      return 0;
    }
    if ((sign != '+' && sign != '-') || at + 6 != length || text.charAt(at + 3) != ':') {
      return NO_OFFSET;
    }
    int hours = digits(text, at + 1, 2);
    int minutes = digits(text, at + 4, 2);
    int seconds = hours * 3600 + minutes * 60;
    if (hours < 0 || minutes < 0 || minutes > 59 || seconds > 18 * 3600) {
      return NO_OFFSET;
    }
    return sign == '-' ? -seconds : seconds;
  }

  /** The value of {@code count} decimal digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
