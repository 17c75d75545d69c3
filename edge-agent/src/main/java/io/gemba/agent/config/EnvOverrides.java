package io.gemba.agent.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one place where configuration keys and environment variables meet.
 *
 * <p>Every value of the configuration can be set by an environment variable, which wins over the
 * file. Its name is {@code GEMBA_} followed by the key path in upper snake case:
 *
 * <ul>
 *   <li>each key of the path is one word, camelCase split into words: {@code mqtt.receiveMaximum}
 *       is {@code GEMBA_MQTT_RECEIVE_MAXIMUM};
 *   <li>an element of a list of mappings is its index: {@code plant.sites[0].zone} is {@code
 *       GEMBA_PLANT_SITES_0_ZONE}. Only elements that the file has can be changed; a variable
 *       cannot add an element;
 *   <li>a list of values is set as a whole, comma-separated: {@code GEMBA_MQTT_TOPICS=a/#,b/#};
 *   <li>an entry of a map whose keys the user chooses (product names in {@code idealCycleTimes},
 *       codes in {@code stateCodes}) is its key with every character other than a letter or digit
 *       turned into {@code _}, upper case: {@code ...idealCycleTimes.HEV-PACK-1.3KWH} is {@code
 *       ..._IDEAL_CYCLE_TIMES_HEV_PACK_1_3KWH}. Only entries that the file has can be changed;
 *   <li>an empty value removes the key, so its default applies (or it is reported missing).
 * </ul>
 *
 * <p>A variable that starts with {@code GEMBA_} and names no key is an error that names the
 * variable, so that a typo does not go unnoticed. Not counted as such: the secret variables ({@code
 * GEMBA_MQTT_PASSWORD}, {@code GEMBA_INFLUX_TOKEN}, {@code GEMBA_HTTP_TOKEN}, named like the keys
 * the file must not have), {@value #LOG_LEVEL_VARIABLE}, the level of the log (checked against the
 * levels there are), and {@value #SCRIPT_VARIABLE}, which Gemba's build scripts read.
 *
 * <p>The loader asks for each key it reads, so a variable counts as known exactly when the key it
 * names is read. Values are never part of a problem's text here, only names.
 */
final class EnvOverrides {

  /** The prefix of every variable of the configuration. */
  static final String PREFIX = "GEMBA_";

  /** Read by {@code scripts/test}, not by the agent. */
  static final String SCRIPT_VARIABLE = "GEMBA_SKIP_INSTALL";

  /** The level of the agent's log, read by {@code logback.xml}; checked here. */
  static final String LOG_LEVEL_VARIABLE = "GEMBA_LOG_LEVEL";

  /** The levels {@value #LOG_LEVEL_VARIABLE} may name, in any case. */
  static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private final Map<String, String> variables = new TreeMap<>();
  private final Set<String> asked = new HashSet<>();
  private final Set<String> used = new HashSet<>();

  /** Keeps the {@code GEMBA_} variables of {@code environment}. */
  EnvOverrides(Map<String, String> environment) {
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(PREFIX)) {
            variables.put(name, value);
          }
        });
  }

  /**
   * The variable that sets the value at {@code path}; for a path of the declarations, as the
   * documentation writes it: {@code GEMBA_PLANT_SITES_<i>_ZONE}, {@code
   * ..._IDEAL_CYCLE_TIMES_<PRODUCT>}.
   */
  static String variableFor(KeyPath path) {
    StringBuilder out = new StringBuilder(PREFIX);
    String separator = "";
    for (KeyPath.Step step : path.steps()) {
      out.append(separator);
      separator = "_";
      if (step instanceof KeyPath.Key key) {
        out.append(upperSnake(key.name()));
      } else if (step instanceof KeyPath.Index index) {
        out.append(index.index());
      } else if (step instanceof KeyPath.Entry entry) {
        out.append(envWord(entry.name()));
      } else if (step instanceof KeyPath.AnyIndex any) {
        out.append('<').append(any.placeholder()).append('>');
      } else {
        out.append('<')
            .append(((KeyPath.AnyEntry) step).placeholder().toUpperCase(Locale.ROOT))
            .append('>');
      }
    }
    return out.toString();
  }

  /**
   * The value of the variable that sets {@code path}, if it is set; the variable is then known. An
   * empty value is returned as it is: for the caller it removes the key.
   */
  Optional<String> valueFor(KeyPath path) {
    return take(variableFor(path));
  }

  /**
   * The value of a secret variable, named like the key the file must not have ({@code
   * mqtt.password}); the variable is then known. Empty if unset or empty.
   */
  Optional<String> secretFor(KeyPath path) {
    return take(variableFor(path)).filter(value -> !value.isEmpty());
  }

  private Optional<String> take(String name) {
    asked.add(name);
    String value = variables.get(name);
    if (value != null) {
      used.add(name);
    }
    return Optional.ofNullable(value);
  }

  /**
   * One problem for each {@code GEMBA_} variable that named no key, with a guess if one is near.
   */
  List<String> unknownVariables() {
    List<String> problems = new ArrayList<>();
    for (String name : variables.keySet()) {
      if (used.contains(name) || name.equals(SCRIPT_VARIABLE)) {
        continue;
      }
      if (name.equals(LOG_LEVEL_VARIABLE)) {
        String level = variables.get(name).strip().toUpperCase(Locale.ROOT);
        if (!level.isEmpty() && !LOG_LEVELS.contains(level)) {
          problems.add(name + ": must be one of " + String.join(", ", LOG_LEVELS) + " (any case)");
        }
        continue;
      }
      String problem = name + ": names no configuration key";
      Optional<String> near = Suggestions.nearest(name, asked);
      problems.add(near.map(n -> problem + " (did you mean " + n + "?)").orElse(problem));
    }
    return problems;
  }

  /** {@code receiveMaximum} → {@code RECEIVE_MAXIMUM}. */
  private static String upperSnake(String camelCase) {
    StringBuilder out = new StringBuilder(camelCase.length() + 4);
    for (int i = 0; i < camelCase.length(); i++) {
      char c = camelCase.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(camelCase.charAt(i - 1))) {
        out.append('_');
      }
      out.append(c);
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  /**
   * {@code HEV-PACK-1.3KWH} → {@code HEV_PACK_1_3KWH}: letters and digits kept, the rest {@code _}.
   */
  private static String envWord(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      out.append(plain ? c : '_');
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }
}
