package io.gemba.agent.app;

import io.gemba.agent.config.AgentConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run --config FILE}: the agent as a plant runs it. */
@Command(
    name = "run",
    description = {
      "Run the agent with a configuration file: subscribe to the broker, compute KPIs, write them"
          + " to InfluxDB, serve /health, /metrics and /api/v1 over HTTP. Stops on SIGTERM or"
          + " Ctrl-C, writing what it holds first.",
      "Every setting can be overridden by an environment variable (GEMBA_MQTT_SERVER for"
          + " mqtt.server, ...); see docs/configuration.md."
    },
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "the YAML configuration file")
  Path config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return Configs.withConfig(config, spec, this::run);
  }

  private int run(AgentConfig loaded) {
    Agent agent = Configs.await(Agent.start(loaded, Clock.systemUTC()));
    UntilStopped.await(agent::stop);
    return 0;
  }
}
