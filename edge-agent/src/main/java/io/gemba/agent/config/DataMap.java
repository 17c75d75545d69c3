package io.gemba.agent.config;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A map whose keys the user chooses: products in {@code idealCycleTimes}, codes in {@code
 * stateCodes}. Its entries are values of one type; an entry may instead be a mapping of declared
 * keys ({@code stateCodes: {2: {state: DOWN, reason: jam}}}), {@link #entryKeys}.
 *
 * @param <T> the type of an entry's value
 */
final class DataMap<T> implements Declaration {

  private final String name;
  private final String placeholder;
  private final Type<T> values;
  private final boolean entriesRequired;
  private final String typeText;
  private final String whenAbsent;
  private final String doc;
  private final Keys entryKeys;

  /**
   * @param placeholder how the documentation writes a key of the map, as {@code product}
   * @param values the type of the entries
   * @param entriesRequired whether an entry without a value is a problem; else it is left out
   * @param whenAbsent what the map is when it is left out, as {@code empty}
   * @param entryKeys the keys of an entry written as a mapping; {@link Keys#none()} if it cannot be
   */
  DataMap(
      String name,
      String placeholder,
      Type<T> values,
      boolean entriesRequired,
      String typeText,
      String whenAbsent,
      String doc,
      Keys entryKeys) {
    this.name = Objects.requireNonNull(name, "name");
    this.placeholder = Objects.requireNonNull(placeholder, "placeholder");
    this.values = Objects.requireNonNull(values, "values");
    this.entriesRequired = entriesRequired;
    this.typeText = Objects.requireNonNull(typeText, "typeText");
    this.whenAbsent = Objects.requireNonNull(whenAbsent, "whenAbsent");
    this.doc = Objects.requireNonNull(doc, "doc");
    this.entryKeys = Objects.requireNonNull(entryKeys, "entryKeys");
  }

  /** The entry {@code key} of the map, as the key it is. */
  Key<T> entry(String key) {
    return entriesRequired
        ? Key.required(key, values, doc)
        : Key.optional(key, values, "left out", doc);
  }

  /** {@code entries} as they would be written in the file, by key: {@code {A: 50s, B: 95s}}. */
  String format(Map<String, T> entries) {
    return new TreeMap<>(entries)
        .entrySet().stream()
            .map(entry -> entry.getKey() + ": " + values.format(entry.getValue()))
            .collect(Collectors.joining(", ", "{", "}"));
  }

  Keys entryKeys() {
    return entryKeys;
  }

  /** Where an entry sits, under {@code parent}: {@code ...idealCycleTimes.<product>}. */
  KeyPath entriesAt(KeyPath parent) {
    return parent.key(name).anyEntry(placeholder);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String typeText() {
    return typeText;
  }

  @Override
  public String defaultText() {
    return whenAbsent;
  }

  @Override
  public String doc() {
    return doc;
  }
}
