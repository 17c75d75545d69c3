package io.gemba.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a value sits in the configuration: {@code plant.sites[0].zone}. Its text names the key in
 * problems; {@link EnvOverrides#variableFor} turns it into the name of the environment variable
 * that overrides it. A path of the declarations ({@link Keys}) may hold placeholders instead of
 * indices and entries, as the documentation writes them: {@code plant.sites[<i>].zone}.
 */
final class KeyPath {

  /**
   * One step of a path: a key of the schema, an index in a list, or a key of a data map; or, in a
   * path of the declarations, any index or any key of a data map.
   */
  sealed interface Step permits Key, Index, Entry, AnyIndex, AnyEntry {}

  /** A key of the schema, in camelCase, as {@code receiveMaximum}. */
  record Key(String name) implements Step {}

  /** An element of a list. */
  record Index(int index) implements Step {}

  /** A key chosen by the user in a map, as a product name in {@code idealCycleTimes}. */
  record Entry(String name) implements Step {}

  /** Any element of a list, as the documentation writes it: {@code [<i>]}. */
  record AnyIndex(String placeholder) implements Step {}

  /** Any key of a data map, as the documentation writes it: {@code .<product>}. */
  record AnyEntry(String placeholder) implements Step {}

  private static final KeyPath ROOT = new KeyPath(List.of());

  private final List<Step> steps;

  private KeyPath(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /** The top level of the file. */
  static KeyPath root() {
    return ROOT;
  }

  /** The path of {@code text}, as {@code mqtt.server}: schema keys only. */
  static KeyPath of(String text) {
    KeyPath path = ROOT;
    for (String name : text.split("\\.")) {
      path = path.key(name);
    }
    return path;
  }

  KeyPath key(String name) {
    return append(new Key(name));
  }

  KeyPath index(int index) {
    return append(new Index(index));
  }

  KeyPath entry(String name) {
    return append(new Entry(name));
  }

  /** Any element of the list here, written {@code [<placeholder>]}. */
  KeyPath anyIndex(String placeholder) {
    return append(new AnyIndex(placeholder));
  }

  /** Any key of the data map here, written {@code .<placeholder>}. */
  KeyPath anyEntry(String placeholder) {
    return append(new AnyEntry(placeholder));
  }

  List<Step> steps() {
    return steps;
  }

  boolean isRoot() {
    return steps.isEmpty();
  }

  private KeyPath append(Step step) {
    List<Step> longer = new ArrayList<>(steps);
    longer.add(step);
    return new KeyPath(longer);
  }

  /** As written in problems: {@code plant.sites[0].zone}; the top level is {@code (top level)}. */
  @Override
  public String toString() {
    if (steps.isEmpty()) {
      return "(top level)";
    }
    StringBuilder out = new StringBuilder();
    for (Step step : steps) {
      if (step instanceof Index index) {
        out.append('[').append(index.index()).append(']');
      } else if (step instanceof AnyIndex any) {
        out.append("[<").append(any.placeholder()).append(">]");
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(name(step));
      }
    }
    return out.toString();
  }

  private static String name(Step step) {
    if (step instanceof AnyEntry any) {
      return "<" + any.placeholder() + ">";
    }
    String name = step instanceof Key key ? key.name() : ((Entry) step).name();
    return name.isEmpty() ? "\"\"" : name;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyPath path && path.steps.equals(steps);
  }

  @Override
  public int hashCode() {
    return steps.hashCode();
  }
}
