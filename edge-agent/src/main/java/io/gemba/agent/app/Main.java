package io.gemba.agent.app;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The agent's command line: {@code java -jar edge-agent.jar COMMAND [OPTIONS]}. */
@Command(
    name = "edge-agent",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Gemba edge agent: reads plant telemetry from an MQTT broker, computes OEE, losses and"
          + " reliability per station and line as it streams, and writes raw values and KPIs to"
          + " InfluxDB for Grafana.",
      ""
    },
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      SimulateCommand.class,
      CheckConfigCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Start with 'demo' to see it work with nothing installed. Exit codes: 0 done, 1 failed,"
          + " 2 bad configuration or command line."
    })
public final class Main {

  /** Exit code of a configuration or command-line error. */
  static final int BAD_CONFIGURATION = 2;

  private Main() {}

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(commandLine().execute(args));
  }

  /** The command line, for tests. */
  static CommandLine commandLine() {
    return new CommandLine(new Main()); // invalid input exits with picocli's USAGE, 2
  }
}
