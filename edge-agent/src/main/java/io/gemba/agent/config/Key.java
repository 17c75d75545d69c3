package io.gemba.agent.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One key of the configuration file with a value, declared once: its name, its {@link Type} (which
 * parses and checks the value), its default or that it is required, and a one-line doc. Its
 * environment variable follows from where it sits ({@link EnvOverrides#variableFor}). {@link
 * Section#read} reads it, {@link ConfigSummary} shows it, and a test holds {@code
 * docs/configuration.md} to it.
 *
 * <p>A key without a default is either required or has no value when it is left out ({@link
 * #optional}): then the code that reads it decides what that means, which {@code whenAbsent} says.
 *
 * @param <T> the type of the value
 */
final class Key<T> implements Declaration {

  private final String name;
  private final Type<T> type;
  private final boolean required;
  private final T defaultValue;
  private final String whenAbsent;
  private final String doc;
  private final String component;

  private Key(
      String name,
      Type<T> type,
      boolean required,
      T defaultValue,
      String whenAbsent,
      String doc,
      String component) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.required = required;
    this.defaultValue = defaultValue;
    this.whenAbsent = whenAbsent;
    this.doc = Objects.requireNonNull(doc, "doc");
    this.component = component;
  }

  /** A key that must be set. */
  static <T> Key<T> required(String name, Type<T> type, String doc) {
    return new Key<>(name, type, true, null, "required", doc, name);
  }

  /** A key that is {@code value} when left out. */
  static <T> Key<T> withDefault(String name, Type<T> type, T value, String doc) {
    Objects.requireNonNull(value, "value");
    return new Key<>(name, type, false, value, null, doc, name);
  }

  /**
   * A key that has no value when left out; {@code whenAbsent} says what that means, as {@code none}
   * or {@code the JVM's trust store}.
   */
  static <T> Key<T> optional(String name, Type<T> type, String whenAbsent, String doc) {
    Objects.requireNonNull(whenAbsent, "whenAbsent");
    return new Key<>(name, type, false, null, whenAbsent, doc, name);
  }

  /**
   * The file that holds the secret {@code secret} ({@code passwordFile} for {@code password}), read
   * by {@link Secrets#read}; {@link Secret#none()} when neither it nor the secret's variable is
   * set.
   */
  static Key<Secret> secret(String secret, String whenAbsent, String doc) {
    return new Key<>(secret + "File", Types.secret(secret), false, null, whenAbsent, doc, secret);
  }

  @Override
  public String name() {
    return name;
  }

  Type<T> type() {
    return type;
  }

  boolean required() {
    return required;
  }

  /** The default, if the key has one. */
  Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** The name of the record component the key sets, for its problems: {@code password}. */
  String component() {
    return component;
  }

  @Override
  public String typeText() {
    return type.text();
  }

  @Override
  public String defaultText() {
    return defaultValue != null ? "`" + type.format(defaultValue) + "`" : whenAbsent;
  }

  @Override
  public String doc() {
    return doc;
  }

  @Override
  public String toString() {
    return name;
  }
}
