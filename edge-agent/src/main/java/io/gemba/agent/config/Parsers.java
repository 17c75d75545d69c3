package io.gemba.agent.config;

import static io.gemba.agent.config.Checks.quote;

import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.Topic;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The parsers of the configuration's value types. */
final class Parsers {

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
  private static final Map<String, DayOfWeek> DAYS =
      Arrays.stream(DayOfWeek.values())
          .collect(Collectors.toMap(d -> d.name().substring(0, 3), Function.identity()));

  /** Longest reason or product name, as the telemetry contract allows. */
  static final int LABEL_LENGTH = 64;

  /** A decimal number: {@code 201.6}, {@code -40}, {@code 1.5e3}; no hex, no {@code 1f}. */
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");

  private Parsers() {}

  /** Any text. */
  static Parser<String> text() {
    return text -> text;
  }

  /** Text that is not blank and has no control characters, up to {@code maxLength} characters. */
  static Parser<String> label(int maxLength) {
    return text().check(text -> Checks.label(text, maxLength));
  }

  /** A site, area, line or station id, or a shift or break name: a topic level. */
  static Parser<String> name() {
    return textThat(Topic::isValidName, "must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -");
  }

  /** A line or station id: a {@link #name()} other than {@value Topic#WHOLE}. */
  static Parser<String> nameNotWhole() {
    return name()
        .check(
            id ->
                Topic.WHOLE.equals(id)
                    ? Optional.of("'_' is reserved: in a topic it means the whole line or area")
                    : Optional.empty());
  }

  static Parser<Long> integer() {
    return text -> {
      try {
        return Long.parseLong(text.trim().replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be an integer, was " + quote(text));
      }
    };
  }

  /** An integer that fits an {@code int}; ranges are checked by the record. */
  static Parser<Integer> int32() {
    return integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** An integer in {@code [min, max]}. */
  static Parser<Integer> integer(int min, int max) {
    return text -> {
      long value = integer().parse(text);
      Checks.between(value, min, max)
          .ifPresent(
              problem -> {
                throw new IllegalArgumentException(problem);
              });
      return (int) value;
    };
  }

  /** A share in (0, 1], as {@code 0.85}. */
  static Parser<Double> fraction() {
    return text -> {
      double value;
      try {
        value = Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        value = Double.NaN;
      }
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException(
            "must be a number greater than 0 and at most 1, as 0.85, was " + quote(text));
      }
      return value;
    };
  }

  /** A finite number, as {@code 201.6}; NaN, infinities and what overflows a double are refused. */
  static Parser<Double> number() {
    return text -> {
      String trimmed = text.trim();
      double value = DECIMAL.matcher(trimmed).matches() ? Double.parseDouble(trimmed) : Double.NaN;
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("must be a finite number, as 201.6, was " + quote(text));
      }
      return value;
    };
  }

  /**
   * The name of a measurement of a battery test, as the telemetry contract has it: {@code ocv_v}.
   */
  static Parser<String> measurement() {
    return textThat(Topic::isValidName, "must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -");
  }

  static Parser<Duration> duration() {
    return Durations::parse;
  }

  /** A local time, {@code 06:00} or {@code 06:00:30}; {@code 24:00} is midnight at the end. */
  static Parser<LocalTime> time() {
    return text -> {
      String trimmed = text.trim();
      if (trimmed.equals("24:00")) {
        return LocalTime.MIDNIGHT;
      }
      try {
        return LocalTime.parse(trimmed);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "must be a time of day as HH:MM, as \"06:00\", was " + quote(text));
      }
    };
  }

  /** {@code MON} to {@code SUN}, in any case. */
  static Parser<DayOfWeek> day() {
    return text -> {
      DayOfWeek day = DAYS.get(text.trim().toUpperCase(Locale.ROOT));
      if (day == null) {
        throw new IllegalArgumentException(
            "must be one of MON, TUE, WED, THU, FRI, SAT, SUN, was " + quote(text));
      }
      return day;
    };
  }

  /** A date, {@code 2026-12-25}. */
  static Parser<LocalDate> date() {
    return text -> {
      try {
        return LocalDate.parse(text.trim());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("must be a date as YYYY-MM-DD, was " + quote(text));
      }
    };
  }

  /** An IANA time zone id, as {@code America/Mexico_City}. */
  static Parser<ZoneId> zone() {
    return text -> {
      if (!ZONES.contains(text)) {
        throw new IllegalArgumentException(
            "unknown time zone " + quote(text) + " (an IANA id, as Europe/Paris)");
      }
      return ZoneId.of(text);
    };
  }

  /** An ISO 3166-1 alpha-2 country code, upper case. */
  static Parser<String> country() {
    return textThat(
        COUNTRIES::contains, "must be an ISO 3166-1 alpha-2 country code in upper case, as MX");
  }

  /** A URI; the text is not quoted in the problem, as it might hold a password. */
  static Parser<URI> uri() {
    return text -> {
      try {
        return new URI(text.trim());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("is not a valid URI: " + e.getReason());
      }
    };
  }

  /** A file path. */
  static Parser<Path> path() {
    return text -> {
      try {
        return Path.of(text);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("is not a valid path: " + e.getReason());
      }
    };
  }

  /** {@code true} or {@code false}, in any case. */
  static Parser<Boolean> bool() {
    return text -> {
      String word = text.trim().toLowerCase(Locale.ROOT);
      if (word.equals("true") || word.equals("false")) {
        return word.equals("true");
      }
      throw new IllegalArgumentException("must be true or false, was " + quote(text));
    };
  }

  static Parser<MicroStopPolicy> microStopPolicy() {
    return text ->
        MicroStopPolicy.fromWireName(text.trim().toLowerCase(Locale.ROOT))
            .orElseThrow(
                () -> new IllegalArgumentException("must be tpm or iso22400, was " + quote(text)));
  }

  /** A machine state, as {@code RUNNING}, in any case. */
  static Parser<MachineState> machineState() {
    return text -> {
      try {
        return MachineState.valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "must be one of "
                + Arrays.stream(MachineState.values())
                    .map(Enum::name)
                    .collect(Collectors.joining(", "))
                + ", was "
                + quote(text));
      }
    };
  }

  /** The text as it is, if {@code valid}; else the problem is {@code must}, and the text. */
  private static Parser<String> textThat(Predicate<String> valid, String must) {
    return text -> {
      if (!valid.test(text)) {
        throw new IllegalArgumentException(must + ", was " + quote(text));
      }
      return text;
    };
  }
}
