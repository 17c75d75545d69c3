package io.gemba.agent.config;

import java.util.List;
import java.util.Objects;

/**
 * The configuration cannot be used. It carries every problem found, each as {@code key.path:
 * problem} (as in {@code mqtt.receiveMaximum: must be between 1 and 65535, was 0}); its message
 * lists them one per line after a line that says where. No problem contains a secret.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable List.copyOf of strings
  private final List<String> problems;

  /**
   * @param source what was read, as a file name, for the first line of the message
   * @param problems the problems, at least one
   */
  ConfigException(String source, List<String> problems) {
    super(message(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, each as {@code key.path: problem}, in the order of the file. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    Objects.requireNonNull(source, "source");
    StringBuilder out =
        new StringBuilder(source)
            .append(" has ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem:" : " problems:");
    for (String problem : problems) {
      out.append("\n  ").append(problem);
    }
    return out.toString();
  }
}
