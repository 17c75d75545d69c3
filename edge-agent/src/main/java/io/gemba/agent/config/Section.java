package io.gemba.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A mapping of the configuration as the loader reads it: the values of its declared keys ({@link
 * #read}), with the environment variable of each key taking precedence ({@link EnvOverrides}), and
 * every problem noted with its key path instead of thrown, so that one load reports them all.
 *
 * <p>Each key the loader asks for counts as known; {@link #finish()} reports the keys of the file
 * that nobody asked for. A reader therefore asks for every key of its mapping, whatever it found
 * before. A data section ({@link #dataSection}) is a map whose keys the user chooses: product
 * names, state codes.
 *
 * <p>A reader builds its object only when its part of the file had no problem ({@link #mark()}
 * before, {@link #build} after): an object is checked as a whole once its parts are valid.
 */
final class Section {

  /** What every section of one load shares. */
  record Context(Problems problems, EnvOverrides env, Path baseDir) {}

  private enum Kind {
    MISSING,
    WRONG_TYPE,
    TEXT
  }

  /** A value as found: missing, of the wrong type (already reported), or text from file or env. */
  private record Raw(KeyPath path, Kind kind, String text, String variable) {}

  private final Context context;
  private final KeyPath path;
  private final ObjectNode node;
  private final boolean dataKeys;
  private final Set<String> asked = new LinkedHashSet<>();
  private final Map<String, String> fromEnv = new HashMap<>();

  private Section(Context context, KeyPath path, ObjectNode node, boolean dataKeys) {
    this.context = context;
    this.path = path;
    this.node = node;
    this.dataKeys = dataKeys;
  }

  /** The top level of the file; an empty file is an empty mapping. */
  static Section root(JsonNode tree, Context context) {
    KeyPath root = KeyPath.root();
    if (tree.isMissingNode() || tree.isNull()) {
      return new Section(context, root, null, false);
    }
    if (!tree.isObject()) {
      context.problems().add(root, "must be a mapping of keys to values, as in 'mqtt: ...'");
      return new Section(context, root, null, false);
    }
    return new Section(context, root, (ObjectNode) tree, false);
  }

  KeyPath path() {
    return path;
  }

  Context context() {
    return context;
  }

  /** Whether the file has this mapping. */
  boolean present() {
    return node != null;
  }

  /** The keys the file has here, in its order. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    if (node != null) {
      node.fieldNames().forEachRemaining(keys::add);
    }
    return keys;
  }

  /** Whether the file has a mapping under {@code key}. */
  boolean isMapping(String key) {
    return node != null && node.path(key).isObject();
  }

  /** The number of problems so far, to compare with in {@link #build}. */
  int mark() {
    return context.problems().count();
  }

  /**
   * The value of {@code key}: as set, else its default; empty if it is not valid (a problem), or
   * required and not set (a problem), or optional and not set.
   */
  <T> Optional<T> read(Key<T> key) {
    Found<T> found = key.type().read(this, key.name());
    if (!found.missing()) {
      return found.value();
    }
    if (key.required()) {
      String empty =
          found.emptyVariable() == null ? "" : " (" + found.emptyVariable() + " is empty)";
      context.problems().add(pathOf(key.name()), "required key is missing" + empty);
    }
    return key.defaultValue();
  }

  /**
   * Whether {@code key} is set here, by its variable or in the file, rather than left to its
   * default; an empty variable unsets it.
   */
  boolean isSet(Declaration key) {
    Optional<String> env = context.env().valueFor(pathOf(key.name()));
    if (env.isPresent()) {
      return !env.get().isEmpty();
    }
    JsonNode value = node == null ? null : node.get(key.name());
    return value != null && !value.isNull();
  }

  /** The mapping {@code nested}; an empty one if the file has none. */
  Section section(Nested nested) {
    return child(nested.name(), false);
  }

  /** The map {@code data}, whose keys the user chooses. */
  Section dataSection(DataMap<?> data) {
    return child(data.name(), true);
  }

  /** In a data section, the entry {@code key} written as a mapping ({@link #isMapping}). */
  Section entrySection(String key) {
    return child(key, false);
  }

  private Section child(String key, boolean data) {
    asked.add(key);
    KeyPath childPath = pathOf(key);
    JsonNode value = node == null ? null : node.get(key);
    if (value == null || value.isNull()) {
      return new Section(context, childPath, null, data);
    }
    if (!value.isObject()) {
      context.problems().add(childPath, "must be a mapping of keys to values");
      return new Section(context, childPath, null, data);
    }
    return new Section(context, childPath, (ObjectNode) value, data);
  }

  /** The mappings of the list {@code nested}; empty if the file has none. */
  Optional<List<Section>> sections(Nested nested) {
    String key = nested.name();
    asked.add(key);
    KeyPath listPath = pathOf(key);
    JsonNode value = node == null ? null : node.get(key);
    if (value == null || value.isNull()) {
      if (nested.required()) {
        context.problems().add(listPath, "required key is missing");
      }
      return Optional.empty();
    }
    if (!value.isArray()) {
      context.problems().add(listPath, "must be a list, each element starting with '- '");
      return Optional.empty();
    }
    List<Section> sections = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      if (element.isObject()) {
        sections.add(new Section(context, listPath.index(i), (ObjectNode) element, false));
      } else {
        context.problems().add(listPath.index(i), "must be a mapping of keys to values");
      }
    }
    return Optional.of(sections);
  }

  /** The single value of {@code key}, for a {@link Type}. */
  <T> Found<T> scalar(String key, Parser<T> parser) {
    return parse(raw(key), parser);
  }

  /**
   * The list of values under {@code key}, for a {@link Type}: a YAML list in the file,
   * comma-separated in the environment.
   */
  <T> Found<List<T>> list(String key, Parser<T> parser) {
    asked.add(key);
    KeyPath listPath = pathOf(key);
    Optional<String> env = context.env().valueFor(listPath);
    List<Raw> elements = new ArrayList<>();
    if (env.isPresent()) {
      String variable = EnvOverrides.variableFor(listPath);
      if (env.get().isEmpty()) {
        return Found.missing(variable);
      }
      fromEnv.put(key, variable);
      for (String text : env.get().split(",")) {
        if (!text.isBlank()) {
          elements.add(new Raw(listPath.index(elements.size()), Kind.TEXT, text.trim(), variable));
        }
      }
    } else {
      JsonNode value = node == null ? null : node.get(key);
      if (value == null || value.isNull()) {
        return Found.missing(null);
      }
      if (!value.isArray()) {
        context.problems().add(listPath, "must be a list, as in [a, b]");
        return Found.invalid();
      }
      for (int i = 0; i < value.size(); i++) {
        elements.add(scalar(listPath.index(i), value.get(i)));
      }
    }
    List<T> values = new ArrayList<>();
    boolean valid = true;
    for (Raw element : elements) {
      Optional<T> parsed = parse(element, parser).value();
      parsed.ifPresent(values::add);
      valid &= parsed.isPresent();
    }
    return valid ? Found.of(values) : Found.invalid();
  }

  /** Notes a problem if the file has {@code key}, which it must not have. */
  void refuse(String key, String problem) {
    asked.add(key);
    if (node != null && node.has(key)) {
      context.problems().add(pathOf(key), problem);
    }
  }

  /** Notes a problem about {@code key}. */
  void problem(String key, String problem) {
    context.problems().add(pathOf(key), problem + from(key));
  }

  /** Reports every key of the file here that no reader asked for. Data sections have none. */
  void finish() {
    if (node == null || dataKeys) {
      return;
    }
    for (String key : keys()) {
      if (!asked.contains(key)) {
        String problem =
            key.contains(".")
                ? "unknown key (nest keys, do not join them with dots)"
                : "unknown key";
        Optional<String> near = Suggestions.nearest(key, asked);
        context
            .problems()
            .add(
                pathOf(key),
                near.map(n -> problem + " (did you mean '" + n + "'?)").orElse(problem));
      }
    }
  }

  /**
   * Builds this section's object if there was no problem since {@code mark}. An exception of the
   * constructor becomes a problem: at the key it names, for the records of this package (a record
   * component named otherwise than its key, as {@code password} of {@code passwordFile}, among
   * {@code renamed}), else at this section.
   */
  <T> Optional<T> build(int mark, Supplier<T> constructor, Key<?>... renamed) {
    Map<String, String> keys = new HashMap<>();
    for (Key<?> key : renamed) {
      keys.put(key.component(), key.name());
    }
    return construct(path, mark, constructor, keys);
  }

  /** Like {@link #build}, for an object that the file holds under {@code key}, as a list. */
  <T> Optional<T> buildAt(Declaration key, int mark, Supplier<T> constructor) {
    return construct(pathOf(key.name()), mark, constructor, Map.of());
  }

  private <T> Optional<T> construct(
      KeyPath at, int mark, Supplier<T> constructor, Map<String, String> renamed) {
    if (mark() != mark) {
      return Optional.empty();
    }
    try {
      return Optional.of(constructor.get());
    } catch (Violations.Invalid e) {
      for (Violations.Invalid.Problem p : e.problems()) {
        problem(renamed.getOrDefault(p.key(), p.key()), p.problem());
      }
    } catch (IllegalArgumentException e) {
      context.problems().add(at, e.getMessage());
    }
    return Optional.empty();
  }

  private KeyPath pathOf(String key) {
    return dataKeys ? path.entry(key) : path.key(key);
  }

  private String from(String key) {
    String variable = fromEnv.get(key);
    return variable == null ? "" : " (from " + variable + ")";
  }

  private Raw raw(String key) {
    asked.add(key);
    KeyPath keyPath = pathOf(key);
    Optional<String> env = context.env().valueFor(keyPath);
    if (env.isPresent()) {
      String variable = EnvOverrides.variableFor(keyPath);
      fromEnv.put(key, variable);
      return env.get().isEmpty()
          ? new Raw(keyPath, Kind.MISSING, null, variable)
          : new Raw(keyPath, Kind.TEXT, env.get(), variable);
    }
    return scalar(keyPath, node == null ? null : node.get(key));
  }

  /** A value of the file. */
  private Raw scalar(KeyPath keyPath, JsonNode value) {
    if (value == null || value.isNull()) {
      return new Raw(keyPath, Kind.MISSING, null, null);
    }
    if (!value.isTextual()) {
      String shape = value.isArray() ? "a list" : "a mapping";
      context.problems().add(keyPath, "must be a single value, not " + shape);
      return new Raw(keyPath, Kind.WRONG_TYPE, null, null);
    }
    return new Raw(keyPath, Kind.TEXT, value.textValue(), null);
  }

  private <T> Found<T> parse(Raw raw, Parser<T> parser) {
    if (raw.kind() == Kind.MISSING) {
      return Found.missing(raw.variable());
    }
    if (raw.kind() == Kind.WRONG_TYPE) {
      return Found.invalid();
    }
    try {
      return Found.of(parser.parse(raw.text()));
    } catch (IllegalArgumentException e) {
      String from = raw.variable() == null ? "" : " (from " + raw.variable() + ")";
      context.problems().add(raw.path(), e.getMessage() + from);
      return Found.invalid();
    }
  }
}
