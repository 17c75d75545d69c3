package io.gemba.agent.config;

import java.util.List;

/**
 * The declared keys of one mapping of the file, in the order of the documentation.
 *
 * @param all the declarations
 */
record Keys(List<Declaration> all) {

  private static final Keys NONE = new Keys(List.of());

  /** Copies the list. */
  Keys {
    all = List.copyOf(all);
  }

  static Keys of(Declaration... declarations) {
    return new Keys(List.of(declarations));
  }

  /** No keys. */
  static Keys none() {
    return NONE;
  }
}
