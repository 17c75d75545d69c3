package io.gemba.agent.config;

/**
 * A key of the configuration file as declared: a value ({@link Key}), a mapping or a list of
 * mappings with keys of their own ({@link Nested}), or a map whose keys the user chooses ({@link
 * DataMap}). Each is one row of a table in {@code docs/configuration.md} (a mapping is not: its
 * keys are), with these columns; the variable follows from where it sits.
 */
sealed interface Declaration permits Key, Nested, DataMap {

  /** The key in the file, in camelCase. */
  String name();

  /** The type, as the documentation says it: {@code duration, positive}. */
  String typeText();

  /** The default, as the documentation says it: {@code `1000`}, {@code required}, {@code none}. */
  String defaultText();

  /** One line on what it means: the start of its meaning in the documentation. */
  String doc();
}
