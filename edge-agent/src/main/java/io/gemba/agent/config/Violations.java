package io.gemba.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Collects the problems a record of this package finds in its compact constructor, so that it
 * reports all of them at once, each with the key it is about.
 */
final class Violations {

  private final List<Invalid.Problem> problems = new ArrayList<>();

  /** Notes {@code problem} about {@code key}, if there is one. */
  Violations check(String key, Optional<String> problem) {
    problem.ifPresent(p -> problems.add(new Invalid.Problem(key, p)));
    return this;
  }

  /**
   * @throws Invalid if a problem was noted
   */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
  }

  /**
   * The exception of a record of this package: an {@link IllegalArgumentException} whose message
   * lists each problem as {@code key: problem}, and which the loader reads key by key.
   */
  static final class Invalid extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A problem with the record component (or configuration key) it is about. */
    record Problem(String key, String problem) {}

    @SuppressWarnings("serial") // an immutable List.copyOf of records
    private final List<Problem> problems;

    Invalid(List<Problem> problems) {
      super(
          problems.stream()
              .map(p -> p.key() + ": " + p.problem())
              .collect(Collectors.joining("; ")));
      this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
      return problems;
    }
  }
}
