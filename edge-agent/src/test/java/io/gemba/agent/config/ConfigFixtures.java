package io.gemba.agent.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small configurations and helpers shared by the configuration tests. */
final class ConfigFixtures {

  /** The smallest valid configuration: one site, one shift, one line with one station. */
  static final String MINIMAL =
      """
      plant:
        sites:
          - id: s1
            country: MX
            zone: America/Mexico_City
            shifts:
              - {name: A, start: "06:00", end: "14:00", days: [MON]}
            areas:
              - id: a1
                lines:
                  - id: l1
                    outputStation: st1
                    stations:
                      - id: st1
      mqtt:
        server: tcp://broker:1883
        clientId: agent-1
      """;

  static final Path NO_DIR = Path.of("/nonexistent-gemba-config-dir");

  private ConfigFixtures() {}

  static AgentConfig load(String yaml) {
    return load(yaml, Map.of());
  }

  static AgentConfig load(String yaml, Map<String, String> env) {
    try {
      return ConfigLoader.load(yaml, env, NO_DIR);
    } catch (ConfigException e) {
      return fail("expected to load, got:\n" + e.getMessage());
    }
  }

  static List<String> problems(String yaml) {
    return problems(yaml, Map.of());
  }

  static List<String> problems(String yaml, Map<String, String> env) {
    return problems(yaml, env, NO_DIR);
  }

  static List<String> problems(String yaml, Map<String, String> env, Path baseDir) {
    ConfigException[] caught = new ConfigException[1];
    assertThatThrownBy(() -> ConfigLoader.load(yaml, env, baseDir))
        .isInstanceOfSatisfying(ConfigException.class, e -> caught[0] = e);
    return caught[0].problems();
  }

  /** {@link #MINIMAL} with {@code extra} lines appended (top-level sections). */
  static String minimalWith(String extra) {
    return MINIMAL + extra;
  }
}
