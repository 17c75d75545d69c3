package io.gemba.agent.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the text of a value (as written in the file or in an environment variable) into a typed
 * value.
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
interface Parser<T> {

  /**
   * The value of {@code text}.
   *
   * @throws IllegalArgumentException if the text is not a valid value; the message is the problem,
   *     as in {@code must be an integer, was 'x'}
   */
  T parse(String text);

  /** This parser, followed by a rule that returns the problem of a parsed value, if any. */
  default Parser<T> check(Function<? super T, Optional<String>> rule) {
    return text -> {
      T value = parse(text);
      Optional<String> problem = rule.apply(value);
      if (problem.isPresent()) {
        throw new IllegalArgumentException(problem.get());
      }
      return value;
    };
  }
}
