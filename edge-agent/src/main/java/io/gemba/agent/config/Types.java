package io.gemba.agent.config;

import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.telemetry.MachineState;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The types of the configuration's values, named as the Values table of {@code
 * docs/configuration.md} names them; a key's declaration adds its own checks ({@link Type#check}).
 */
final class Types {

  static final Type<String> TEXT = Type.scalar("text", Parsers.text());
  static final Type<String> ID = Type.scalar("id", Parsers.name());

  /** A line or station id: also a topic level, where {@code _} means the whole line. */
  static final Type<String> LINE_ID = Type.scalar("id, not `_`", Parsers.nameNotWhole());

  static final Type<String> REASON =
      Type.scalar(
          "text, 1 to " + Parsers.LABEL_LENGTH + " printable characters",
          Parsers.label(Parsers.LABEL_LENGTH));

  /** A product name, as in orders, cycles and battery tests. */
  static final Type<String> PRODUCT =
      Type.scalar(
          "text, 1 to " + Parsers.LABEL_LENGTH + " printable characters",
          Parsers.label(Parsers.LABEL_LENGTH));

  static final Type<String> MEASUREMENT = Type.scalar("measurement", Parsers.measurement());
  static final Type<Integer> INTEGER = Type.scalar("integer", Parsers.int32());
  static final Type<Double> NUMBER = Type.scalar("number", Parsers.number(), Types::decimal);
  static final Type<Boolean> BOOLEAN = Type.scalar("`true` or `false`", Parsers.bool());
  static final Type<Duration> DURATION =
      Type.scalar("duration", Parsers.duration(), Durations::format);
  static final Type<Duration> POSITIVE_DURATION = DURATION.check(Checks::positive, "positive");
  static final Type<Duration> NON_NEGATIVE_DURATION =
      DURATION.check(Checks::notNegative, "not negative");
  static final Type<Double> SHARE = Type.scalar("share", Parsers.fraction(), Types::decimal);
  static final Type<LocalTime> TIME_OF_DAY = Type.scalar("time of day", Parsers.time());
  static final Type<DayOfWeek> DAY =
      Type.scalar("day of week", Parsers.day(), day -> day.name().substring(0, 3));
  static final Type<LocalDate> DATE = Type.scalar("date", Parsers.date());
  static final Type<ZoneId> ZONE = Type.scalar("time zone", Parsers.zone());
  static final Type<String> COUNTRY = Type.scalar("country", Parsers.country());
  static final Type<URI> ADDRESS = Type.scalar("URI", Parsers.uri());
  static final Type<MicroStopPolicy> MICRO_STOP_POLICY =
      Type.scalar("`tpm` or `iso22400`", Parsers.microStopPolicy(), MicroStopPolicy::wireName);
  static final Type<MachineState> MACHINE_STATE =
      Type.scalar("state", Parsers.machineState(), Enum::name);

  private Types() {}

  /** An integer in {@code [min, max]}; {@link Integer#MAX_VALUE} is said as no upper bound. */
  static Type<Integer> integer(int min, int max) {
    String range = max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
    return Type.scalar("integer, " + range, Parsers.integer(min, max));
  }

  /** A path, relative to the configuration file's directory. */
  static Type<Path> relativePath(String text) {
    return Type.read(
        text,
        (section, key) ->
            section.scalar(key, Parsers.path()).map(section.context().baseDir()::resolve),
        Path::toString);
  }

  /** A {@link #relativePath} to a file that must exist and be readable when the file is loaded. */
  static Type<Path> readableFile(String text) {
    Type<Path> path = relativePath(text);
    return Type.read(
        text,
        (section, key) -> {
          Found<Path> found = path.read(section, key);
          if (found.value().isPresent() && !Files.isReadable(found.value().get())) {
            section.problem(
                key, "file '" + found.value().get() + "' does not exist or cannot be read");
            return Found.invalid();
          }
          return found;
        },
        Path::toString);
  }

  /**
   * A secret, as {@link Secrets#read} reads it: the key names the file that holds it, the variable
   * named like {@code secretKey} holds it itself; written only as set or not set.
   */
  static Type<Secret> secret(String secretKey) {
    return Type.read(
        "path",
        (section, key) -> Found.of(Secrets.read(section, secretKey)),
        secret -> secret.isPresent() ? "set" : "not set");
  }

  /** {@code 0.85}, {@code 0.6}, {@code 1}: as short as the value allows. */
  private static String decimal(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
