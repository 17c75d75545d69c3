package io.gemba.agent.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The type of a key's value: how it is read from the file or the environment, what the
 * documentation calls it (the type column of {@code docs/configuration.md}, as {@code duration,
 * positive}), and how a value is written in the summary and as a default in the documentation: as
 * it would be written in the file.
 *
 * @param <T> the type of the value
 */
final class Type<T> {

  /** Reads the value of one key of a section. */
  @FunctionalInterface
  interface Reading<T> {
    Found<T> read(Section section, String key);
  }

  private final String text;
  private final Parser<T> parser;
  private final Reading<T> reading;
  private final Function<? super T, String> format;

  private Type(
      String text, Parser<T> parser, Reading<T> reading, Function<? super T, String> format) {
    this.text = Objects.requireNonNull(text, "text");
    this.parser = parser;
    this.reading = Objects.requireNonNull(reading, "reading");
    this.format = Objects.requireNonNull(format, "format");
  }

  /** A single value, parsed from its text. */
  static <T> Type<T> scalar(String text, Parser<T> parser, Function<? super T, String> format) {
    return new Type<>(text, parser, (section, key) -> section.scalar(key, parser), format);
  }

  /** A single value written as {@link String#valueOf}. */
  static <T> Type<T> scalar(String text, Parser<T> parser) {
    return scalar(text, parser, String::valueOf);
  }

  /** A list of single values: a YAML list in the file, comma-separated in the environment. */
  static <E> Type<List<E>> listOf(String text, Type<E> element) {
    Parser<E> parser = element.scalarParser();
    return new Type<>(
        text,
        null,
        (section, key) -> section.list(key, parser),
        list -> list.stream().map(element::format).collect(Collectors.joining(", ", "[", "]")));
  }

  /** A value read otherwise than from one text, as a secret or a file that must exist. */
  static <T> Type<T> read(String text, Reading<T> reading, Function<? super T, String> format) {
    return new Type<>(text, null, reading, format);
  }

  /**
   * This single value with a rule that returns the problem of a value, if any; {@code ruleText}
   * says the rule in the documentation, after the type's text: {@code integer, 1 to 65535}.
   */
  Type<T> check(Function<? super T, Optional<String>> rule, String ruleText) {
    return scalar(text + ", " + ruleText, scalarParser().check(rule), format);
  }

  /** This single value with a rule that the documentation does not name in the type. */
  Type<T> check(Function<? super T, Optional<String>> rule) {
    return scalar(text, scalarParser().check(rule), format);
  }

  /** This type, called {@code otherText} in the documentation. */
  Type<T> described(String otherText) {
    return new Type<>(otherText, parser, reading, format);
  }

  String text() {
    return text;
  }

  Found<T> read(Section section, String key) {
    return reading.read(section, key);
  }

  /** The value as it would be written in the file. */
  String format(T value) {
    return format.apply(value);
  }

  private Parser<T> scalarParser() {
    if (parser == null) {
      throw new IllegalStateException("'" + text + "' is not a single value");
    }
    return parser;
  }
}
