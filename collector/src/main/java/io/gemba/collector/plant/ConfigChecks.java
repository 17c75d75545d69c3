package io.gemba.collector.plant;

import io.gemba.collector.telemetry.Topic;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Checks the configuration records share, with messages that name the offending key. */
final class ConfigChecks {

  private ConfigChecks() {}

  /** Checks a site or area id: it is a topic level and a tag, so it follows the topic name rule. */
  static void requireId(String what, String id) {
    ShiftDefinition.requireName(what + " id", id);
  }

  /**
   * Checks a line or station id: like {@link #requireId}, and not {@value Topic#WHOLE}, which in a
   * topic stands for the whole line or area.
   *
   * @param what the kind of id, as in {@code station}
   * @param wholeOf what {@value Topic#WHOLE} stands for in its place, as in {@code line}
   */
  static void requireIdNotWhole(String what, String id, String wholeOf) {
    requireId(what, id);
    if (Topic.WHOLE.equals(id)) {
      throw new IllegalArgumentException(
          what + " id '" + Topic.WHOLE + "' is reserved: in a topic it means the whole " + wholeOf);
    }
  }

  /**
   * Checks that no two elements have the same id.
   *
   * @param owner the owner in the message, as in {@code line 'pack-1'}
   * @param what the kind of element, as in {@code station}
   */
  static <T> void requireUniqueIds(
      String owner, String what, List<T> elements, Function<T, String> id) {
    Set<String> seen = new HashSet<>();
    for (T element : elements) {
      if (!seen.add(id.apply(element))) {
        throw new IllegalArgumentException(
            owner + ": " + what + " '" + id.apply(element) + "' appears more than once");
      }
    }
  }
}
