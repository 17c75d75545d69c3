package io.gemba.agent.config;

import java.util.ArrayList;
import java.util.List;

/** The problems found while loading, in the order found, each as {@code key.path: problem}. */
final class Problems {

  private final List<String> problems = new ArrayList<>();

  void add(KeyPath path, String problem) {
    problems.add(path + ": " + problem);
  }

  /** A problem that is not about a key, already in its final form. */
  void add(String problem) {
    problems.add(problem);
  }

  /**
   * How many so far: compared before and after reading a part, it says whether the part is valid.
   */
  int count() {
    return problems.size();
  }

  List<String> list() {
    return List.copyOf(problems);
  }
}
