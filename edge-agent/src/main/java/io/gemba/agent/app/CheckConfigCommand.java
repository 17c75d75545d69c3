package io.gemba.agent.app;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.ConfigSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code check-config FILE}: validates a configuration without starting anything. */
@Command(
    name = "check-config",
    description = {
      "Check a configuration file (with the GEMBA_* environment variables applied, as 'run' would)"
          + " and print what it configures; secrets are only said to be set or not. Every problem"
          + " is listed with the key it concerns. Exit code 0 when valid, 2 when not."
    },
    mixinStandardHelpOptions = true)
final class CheckConfigCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "the YAML configuration file")
  Path config;

  @Override
  public Integer call() {
    AgentConfig loaded = Configs.load(config);
    if (loaded == null) {
      return Main.BAD_CONFIGURATION;
    }
    System.out.println(ConfigSummary.describe(loaded));
    System.out.println("configuration is valid");
    return 0;
  }
}
