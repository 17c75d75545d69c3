package io.gemba.agent.config;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A password or token, or its absence. It never shows its value by accident: {@link #toString()} is
 * {@code <secret>} or {@code <none>}, so a secret in a record, a log line or an exception message
 * stays hidden; only {@link #reveal()} gives the value, to hand it to the client that needs it.
 */
public final class Secret {

  private static final Secret NONE = new Secret(null);

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * A secret with this value.
   *
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** No secret: nothing was configured. */
  public static Secret none() {
    return NONE;
  }

  /** Whether a value is set. */
  public boolean isPresent() {
    return value != null;
  }

  /**
   * The value, in clear: pass it straight to the client that needs it, never to a log.
   *
   * @throws NoSuchElementException if no value is set
   */
  public String reveal() {
    if (value == null) {
      throw new NoSuchElementException("no secret is set");
    }
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && Objects.equals(value, secret.value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value);
  }

  /** {@code <secret>} if a value is set, else {@code <none>}; never the value. */
  @Override
  public String toString() {
    return value == null ? "<none>" : "<secret>";
  }
}
