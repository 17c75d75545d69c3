package io.gemba.agent.config;

import java.util.Objects;

/**
 * A key whose value is a mapping ({@code mqtt.tls}) or a list of mappings ({@code plant.sites}),
 * with keys of its own. A list is a row of the documentation, whose variable is {@code —}: it
 * cannot be set as a whole; a mapping is not, its keys are.
 *
 * @param name the key
 * @param keys the keys of the mapping, or of each element of the list
 * @param placeholder for a list, how the documentation writes the index of an element, as {@code i}
 *     in {@code plant.sites[<i>]}; {@code null} for a mapping
 * @param required whether the list must be set
 * @param typeText the type, as {@code list of sites, at least one}
 * @param doc one line on what it means
 */
record Nested(
    String name, Keys keys, String placeholder, boolean required, String typeText, String doc)
    implements Declaration {

  /** Checks the parts. */
  Nested {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(typeText, "typeText");
    Objects.requireNonNull(doc, "doc");
  }

  /** A mapping, as {@code mqtt} or {@code mqtt.tls}. */
  static Nested mapping(String name, Keys keys) {
    return new Nested(name, keys, null, false, "mapping", "");
  }

  /** A list of mappings. */
  static Nested list(
      String name, String placeholder, boolean required, String typeText, String doc, Keys keys) {
    Objects.requireNonNull(placeholder, "placeholder");
    return new Nested(name, keys, placeholder, required, typeText, doc);
  }

  boolean isList() {
    return placeholder != null;
  }

  @Override
  public String defaultText() {
    return required ? "required" : "none";
  }

  /** Where its keys sit, under {@code parent}: {@code plant.sites[<i>]}. */
  KeyPath keysAt(KeyPath parent) {
    KeyPath here = parent.key(name);
    return isList() ? here.anyIndex(placeholder) : here;
  }
}
