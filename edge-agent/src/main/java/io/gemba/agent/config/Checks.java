package io.gemba.agent.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The rules of the configuration records, shared by their compact constructors (which throw) and
 * the loader (which collects every problem with its key path). Each rule returns the problem, or
 * empty if the value is fine. A problem quotes the value only when it cannot be a secret.
 */
final class Checks {

  /** How much of a value a problem quotes. */
  private static final int QUOTE_LENGTH = 60;

  private Checks() {}

  static Optional<String> between(long value, long min, long max) {
    return value >= min && value <= max
        ? Optional.empty()
        : Optional.of("must be between " + min + " and " + max + ", was " + value);
  }

  static Optional<String> positive(Duration duration) {
    return duration.isNegative() || duration.isZero()
        ? Optional.of("must be positive, was " + Durations.format(duration))
        : Optional.empty();
  }

  static Optional<String> notNegative(Duration duration) {
    return duration.isNegative()
        ? Optional.of("must not be negative, was " + Durations.format(duration))
        : Optional.empty();
  }

  /** For MQTT, which counts these in whole seconds. */
  static Optional<String> wholeSeconds(Duration duration, long minSeconds, long maxSeconds) {
    if (duration.getNano() != 0) {
      return Optional.of("must be whole seconds, was " + Durations.format(duration));
    }
    long seconds = duration.getSeconds();
    return seconds >= minSeconds && seconds <= maxSeconds
        ? Optional.empty()
        : Optional.of(
            "must be between "
                + Durations.format(Duration.ofSeconds(minSeconds))
                + " and "
                + Durations.format(Duration.ofSeconds(maxSeconds))
                + ", was "
                + Durations.format(duration));
  }

  /** A name or reason: not blank, at most {@code maxLength} characters, no control characters. */
  static Optional<String> label(String text, int maxLength) {
    return text.isBlank()
            || text.length() > maxLength
            || text.chars().anyMatch(Character::isISOControl)
        ? Optional.of("must be 1 to " + maxLength + " printable characters, was " + quote(text))
        : Optional.empty();
  }

  /**
   * A server or service address: one of {@code schemes}, a host, no user info (a password there
   * would be a secret in clear), no query or fragment. The URI itself is not quoted, in case it
   * carries a secret anyway.
   */
  static Optional<String> address(URI uri, List<String> schemes, String example) {
    String scheme = uri.getScheme();
    if (scheme == null || !schemes.contains(scheme)) {
      return Optional.of(
          "scheme must be "
              + String.join(" or ", schemes)
              + (scheme == null ? ", as in " + example : ", was '" + scheme + "'"));
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of(
          "must not contain a user name or password: use the username key and a secret file");
    }
    if (uri.getHost() == null) {
      return Optional.of("must name a host, as in " + example);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Optional.of("must not have a query or fragment, as in " + example);
    }
    return Optional.empty();
  }

  /**
   * An MQTT topic filter (MQTT 5.0, 4.7): {@code +} takes a whole level, {@code #} a whole level
   * and only the last; not empty, no NUL, at most 65535 bytes; {@code $share/group/filter} allowed.
   */
  static Optional<String> topicFilter(String filter) {
    String plain = filter;
    if (filter.startsWith("$share/")) {
      int slash = filter.indexOf('/', "$share/".length());
      String group = slash < 0 ? "" : filter.substring("$share/".length(), slash);
      if (group.isEmpty() || group.contains("+") || group.contains("#")) {
        return Optional.of(
            "a shared subscription is $share/{group}/{filter}, was " + quote(filter));
      }
      plain = filter.substring(slash + 1);
    }
    if (plain.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (plain.indexOf('\0') >= 0 || filter.getBytes(StandardCharsets.UTF_8).length > 65_535) {
      return Optional.of("must be at most 65535 bytes without NUL, was " + quote(filter));
    }
    String[] levels = plain.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        return Optional.of("'#' must be a whole level and the last one, was " + quote(filter));
      }
      if (level.contains("+") && !level.equals("+")) {
        return Optional.of("'+' must be a whole level, was " + quote(filter));
      }
    }
    return Optional.empty();
  }

  /** A value quoted for a problem: cut at 60 characters, control characters as {@code ?}. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("'");
    int length = Math.min(value.length(), QUOTE_LENGTH);
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (value.length() > QUOTE_LENGTH) {
      out.append('…');
    }
    return out.append('\'').toString();
  }
}
