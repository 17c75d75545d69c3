package io.gemba.agent.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * What reading one key found: nothing (then its default applies, or it is reported missing), a
 * value, or no value because what was there is not valid (its problem already noted).
 *
 * @param value the value, if one was found and is valid
 * @param missing whether the key is not set, neither in the file nor in the environment
 * @param emptyVariable the variable that removed the key by being empty, or {@code null}
 */
record Found<T>(Optional<T> value, boolean missing, String emptyVariable) {

  private static final Found<?> INVALID = new Found<>(Optional.empty(), false, null);

  static <T> Found<T> of(T value) {
    return new Found<>(Optional.of(value), false, null);
  }

  /** Not set; {@code emptyVariable} is the variable set empty that removed it, or {@code null}. */
  static <T> Found<T> missing(String emptyVariable) {
    return new Found<>(Optional.empty(), true, emptyVariable);
  }

  @SuppressWarnings("unchecked") // holds no value of T
  static <T> Found<T> invalid() {
    return (Found<T>) INVALID;
  }

  <R> Found<R> map(Function<? super T, ? extends R> mapper) {
    return new Found<>(value.map(mapper), missing, emptyVariable);
  }
}
