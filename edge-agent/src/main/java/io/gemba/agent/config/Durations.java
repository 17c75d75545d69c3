package io.gemba.agent.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in the configuration: ISO-8601 ({@code PT2M}, {@code PT0.5S}) or the short
 * form of whole units from days down to milliseconds, largest first: {@code 90s}, {@code 2m},
 * {@code 1h30m}, {@code 500ms}, {@code 7d}.
 */
public final class Durations {

  private static final Pattern SHORT =
      Pattern.compile(
          "(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m)?(?:(\\d{1,9})s)?(?:(\\d{1,9})ms)?");

  private Durations() {}

  /**
   * Reads a duration.
   *
   * @throws IllegalArgumentException if {@code text} is neither form; the message is the problem
   */
  public static Duration parse(String text) {
    String trimmed = text.trim();
    if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
      try {
        return Duration.parse(trimmed);
      } catch (DateTimeParseException e) {
        throw notADuration(text);
      }
    }
    Matcher matcher = SHORT.matcher(trimmed);
    if (trimmed.isEmpty() || !matcher.matches()) {
      throw notADuration(text);
    }
    return Duration.ofDays(group(matcher, 1))
        .plusHours(group(matcher, 2))
        .plusMinutes(group(matcher, 3))
        .plusSeconds(group(matcher, 4))
        .plusMillis(group(matcher, 5));
  }

  /** The short form: {@code 1h30m}, {@code 90ms}, {@code 0s}; ISO-8601 for what it cannot say. */
  public static String format(Duration duration) {
    if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    if (duration.isZero()) {
      return "0s";
    }
    long seconds = duration.getSeconds();
    StringBuilder out = new StringBuilder();
    append(out, seconds / 86_400, "d");
    append(out, seconds / 3600 % 24, "h");
    append(out, seconds / 60 % 60, "m");
    append(out, seconds % 60, "s");
    append(out, duration.getNano() / 1_000_000, "ms");
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount != 0) {
      out.append(amount).append(unit);
    }
  }

  private static long group(Matcher matcher, int group) {
    String digits = matcher.group(group);
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private static IllegalArgumentException notADuration(String text) {
    return new IllegalArgumentException(
        "must be a duration such as 90s, 2m, 1h30m, 500ms or PT2M, was " + Checks.quote(text));
  }
}
