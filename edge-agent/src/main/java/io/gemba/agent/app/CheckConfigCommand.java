package io.gemba.agent.app;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.ConfigSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return Configs.withConfig(config, spec, this::check);
  }

  private int check(AgentConfig loaded) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(ConfigSummary.describe(loaded));
    out.println("configuration is valid");
    out.flush();
    return 0;
  }
}
