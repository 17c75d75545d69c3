package io.gemba.collector.telemetry;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** The values of an enumerated payload field, looked up by their name on the wire. */
final class WireNames<E extends Enum<E>> {

  private final Map<String, E> byName;
  private final String allowed;

  private WireNames(E[] values, Function<E, String> wireName) {
    this.byName = new HashMap<>();
    StringBuilder names = new StringBuilder();
    for (E value : values) {
      byName.put(wireName.apply(value), value);
      names.append(names.length() == 0 ? "" : ", ").append(wireName.apply(value));
    }
    this.allowed = names.toString();
  }

  /** Values named as their enum constant ({@code DOWN}). */
  static <E extends Enum<E>> WireNames<E> of(E[] values) {
    return new WireNames<>(values, Enum::name);
  }

  /** Values with names of their own ({@code cycle_time}). */
  static <E extends Enum<E>> WireNames<E> of(E[] values, Function<E, String> wireName) {
    return new WireNames<>(values, wireName);
  }

  /** The value named {@code name}, or {@code null}. */
  E get(String name) {
    return byName.get(name);
  }

  /** The allowed names, comma-separated, for a reject detail. */
  String allowed() {
    return allowed;
  }
}
