package io.gemba.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lines of the summary that show the keys of one section: a heading, then one key a line, its
 * name as in the file and its value as it would be written there, marked {@code (default)} when it
 * is the declared default. The names, the way values are written and the defaults are the
 * declarations' ({@link Key}).
 */
final class KeyLines {

  private record Row(String label, String value) {}

  private final String heading;
  private final String prefix;
  private final List<Row> rows;

  /** The keys of the section {@code heading}, as {@code mqtt} or {@code plant.policy}. */
  KeyLines(String heading) {
    this(heading, "", new ArrayList<>());
  }

  private KeyLines(String heading, String prefix, List<Row> rows) {
    this.heading = heading;
    this.prefix = prefix;
    this.rows = rows;
  }

  /** The lines of the keys of the mapping {@code nested}, named as {@code tls.caFile}. */
  KeyLines in(Nested nested) {
    return new KeyLines(heading, prefix + nested.name() + ".", rows);
  }

  /** A key that has a value, marked as the default if it is. */
  <T> KeyLines value(Key<T> key, T value) {
    return value(key, value, null);
  }

  /** Like {@link #value(Key, Object)}, with a note on what the value means here, if any. */
  <T> KeyLines value(Key<T> key, T value, String note) {
    List<String> marks = new ArrayList<>();
    if (key.defaultValue().filter(value::equals).isPresent()) {
      marks.add("default");
    }
    if (note != null) {
      marks.add(note);
    }
    String marked = marks.isEmpty() ? "" : " (" + String.join("; ", marks) + ")";
    return row(key, key.type().format(value) + marked);
  }

  /** A key that may have no value: then what that means. */
  <T> KeyLines optional(Key<T> key, Optional<T> value) {
    return row(key, value.map(key.type()::format).orElse(key.defaultText()));
  }

  /** A secret, shown only as set or not set, under its own name: {@code password}. */
  KeyLines secret(Key<Secret> key, Secret value) {
    rows.add(new Row(prefix + key.component(), key.type().format(value)));
    return this;
  }

  /** A data map: its entries, or what it is when it has none. */
  <T> KeyLines entries(DataMap<T> map, Map<String, T> entries) {
    return row(map, entries.isEmpty() ? map.defaultText() : map.format(entries));
  }

  /** A key whose value the caller writes, as the size of a data map. */
  KeyLines row(Declaration key, String value) {
    rows.add(new Row(prefix + key.name(), value));
    return this;
  }

  /** The heading, then the keys with their values aligned. */
  void appendTo(List<String> lines) {
    lines.add(heading + ":");
    int width = rows.stream().mapToInt(row -> row.label().length()).max().orElse(0);
    for (Row row : rows) {
      lines.add("  " + row.label() + " ".repeat(width - row.label().length() + 2) + row.value());
    }
  }
}
