package io.gemba.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.telemetry.DecoderSettings;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads the agent's configuration: one YAML file (see {@code docs/configuration.md} and the
 * commented example {@code edge-agent/config/gemba.yml}), with every value overridable by an
 * environment variable ({@link EnvOverrides} holds the mapping: {@code mqtt.receiveMaximum} is
 * {@code GEMBA_MQTT_RECEIVE_MAXIMUM}) and secrets from files or the environment, never in clear in
 * the file.
 *
 * <p>Everything is validated at load, and every problem is reported at once, each with its key
 * path: unknown and missing keys, values of the wrong form or out of range, what the plant model's
 * own checks refuse (overlapping shifts, an output station that is not on the line), and {@code
 * GEMBA_} variables that name no key.
 *
 * <p>The loader reads the file and the secret files it names, and nothing else; it does not log.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /**
   * Loads the configuration file {@code file}; relative secret files are relative to its directory.
   *
   * @param environment the environment, as {@link System#getenv()}; only {@code GEMBA_} variables
   *     are read
   * @throws ConfigException if the file cannot be read or the configuration is not valid
   */
  public static AgentConfig load(Path file, Map<String, String> environment)
      throws ConfigException {
    Objects.requireNonNull(file, "file");
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), List.of("the file does not exist"));
    } catch (MalformedInputException e) {
      throw new ConfigException(file.toString(), List.of("the file is not UTF-8 text"));
    } catch (IOException e) {
      throw new ConfigException(
          file.toString(), List.of("the file cannot be read: " + e.getClass().getSimpleName()));
    }
    Path baseDir = file.toAbsolutePath().getParent();
    return load(yaml, environment, baseDir, file.toString());
  }

  /**
   * Loads a configuration given as text.
   *
   * @param yaml the configuration, in YAML
   * @param environment the environment, as {@link System#getenv()}; only {@code GEMBA_} variables
   *     are read
   * @param baseDir the directory relative secret file paths are relative to
   * @throws ConfigException if the configuration is not valid
   */
  public static AgentConfig load(String yaml, Map<String, String> environment, Path baseDir)
      throws ConfigException {
    return load(yaml, environment, baseDir, "the configuration");
  }

  private static AgentConfig load(
      String yaml, Map<String, String> environment, Path baseDir, String source)
      throws ConfigException {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(baseDir, "baseDir");
    JsonNode tree;
    try {
      tree = YamlTree.parse(yaml);
    } catch (YamlTree.SyntaxException e) {
      throw new ConfigException(source, List.of(e.getMessage()));
    }
    Problems problems = new Problems();
    EnvOverrides env = new EnvOverrides(environment);
    Section root = Section.root(tree, new Section.Context(problems, env, baseDir));
    Optional<PlantModel> plant = PlantSection.plant(root.section(FileKeys.PLANT));
    Optional<DecoderSettings> decoder =
        RuntimeSections.decoder(root.section(FileKeys.DECODER), plant);
    Optional<MqttConfig> mqtt = ConnectionSections.mqtt(root.section(FileKeys.MQTT));
    Optional<InfluxConfig> influx = ConnectionSections.influx(root.section(FileKeys.INFLUX));
    Optional<HttpConfig> http = RuntimeSections.http(root.section(FileKeys.HTTP));
    Optional<EngineConfig> engine = RuntimeSections.engine(root.section(FileKeys.ENGINE));
    Optional<SpoolConfig> spool = RuntimeSections.spool(root.section(FileKeys.SPOOL));
    root.finish();
    env.unknownVariables().forEach(problems::add);
    if (problems.count() > 0) {
      throw new ConfigException(source, problems.list());
    }
    return new AgentConfig(
        plant.get(),
        decoder.get(),
        mqtt.get(),
        influx.get(),
        http.get(),
        engine.get(),
        spool.get());
  }
}
