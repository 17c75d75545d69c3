package io.gemba.agent.app;

import io.gemba.agent.simulate.PlantGenerator;
import io.gemba.agent.simulate.PublishListener;
import io.gemba.agent.simulate.PublishOptions;
import io.gemba.agent.simulate.SimulatedPlant;
import io.gemba.agent.simulate.SimulationOptions;
import io.gemba.agent.simulate.SimulatorPublisher;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code simulate}: publishes a simulated plant to a broker. */
@Command(
    name = "simulate",
    description = {
      "Publish a simulated battery-pack plant to an MQTT broker, following the telemetry"
          + " contract: stations that run, fail and get repaired (MTBF/MTTR), changeovers, breaks,"
          + " counters with scrap, battery tests with drift, parts with a local/imported mix, 5S"
          + " audits and kaizens. Event time runs --speed-up times the clock, or messages go out at"
          + " a fixed --rate (the load generator of the benchmarks). The same --seed gives the same"
          + " messages. Site tlx, area battery, lines pack-1, pack-2, ...; the agent needs the same"
          + " plant in its configuration."
    },
    mixinStandardHelpOptions = true)
final class SimulateCommand implements Callable<Integer> {

  @Mixin PlantOptions plant;

  private static final Logger log = LoggerFactory.getLogger(SimulateCommand.class);

  @Option(
      names = "--broker",
      paramLabel = "URI",
      defaultValue = "tcp://127.0.0.1:1883",
      description = "broker URI, tcp://HOST:PORT (default: ${DEFAULT-VALUE})")
  URI broker;

  @Option(
      names = "--speed-up",
      paramLabel = "FACTOR",
      defaultValue = "1",
      description = "how much faster plant time runs than the clock (default: ${DEFAULT-VALUE})")
  double speedUp;

  @Option(
      names = "--rate",
      paramLabel = "PER_SECOND",
      defaultValue = "0",
      description =
          "messages per second, open loop; 0 follows plant time (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(
      names = "--qos",
      paramLabel = "QOS",
      defaultValue = "1",
      description = "MQTT QoS of the messages, 0, 1 or 2 (default: ${DEFAULT-VALUE})")
  int qos;

  @Option(
      names = "--clients",
      paramLabel = "N",
      defaultValue = "1",
      description = "MQTT connections; lines are spread over them (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "stop after this long (90s, 10m, 1h); runs until stopped when not given")
  Duration duration;

  @Option(
      names = "--start",
      paramLabel = "TIME",
      description = "plant time of the first message, RFC 3339 (default: now)")
  Instant start;

  @Option(names = "--username", paramLabel = "NAME", description = "MQTT user name")
  String username;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "file holding the MQTT password (or set GEMBA_SIMULATE_PASSWORD)")
  Path passwordFile;

  @Override
  public Integer call() throws Exception {
    SimulationOptions options = plant.simulation(speedUp);
    PublishOptions publish =
        PublishOptions.to(broker).withQos(qos).withClients(clients).withRate(rate);
    if (duration != null) {
      publish = publish.withDuration(duration);
    }
    if (username != null) {
      publish = publish.withCredentials(username, password());
    }
    Instant first = start != null ? start : Instant.now();
    SimulatorPublisher publisher =
        SimulatorPublisher.start(
            new PlantGenerator(new SimulatedPlant(options), first),
            publish,
            Clock.systemUTC(),
            PublishListener.NONE);
    log.info(
        "simulate: {} lines of {} stations to {} at QoS {}, {}",
        plant.lines,
        plant.stations,
        broker,
        qos,
        rate > 0 ? rate + " messages/s" : speedUp + "x plant time");
    if (duration != null) {
      boolean ended = publisher.awaitEnd(duration.plusSeconds(30));
      publisher.close();
      log.info(
          "simulate: {}; {} published, {} failed",
          ended ? "done" : "stopped",
          publisher.published(),
          publisher.failed());
      return publisher.failed() == 0 ? 0 : 1;
    }
    UntilStopped.await(
        () -> {
          publisher.close();
          log.info("simulate: {} published, {} failed", publisher.published(), publisher.failed());
          return CompletableFuture.completedFuture(null);
        });
    return 0;
  }

  private PublishOptions.Secret password() throws IOException {
    if (passwordFile != null) {
      String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
      return PublishOptions.Secret.of(
          text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    }
    String fromEnvironment = System.getenv("GEMBA_SIMULATE_PASSWORD");
    if (fromEnvironment == null) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "--username needs a password: --password-file FILE or GEMBA_SIMULATE_PASSWORD");
    }
    return PublishOptions.Secret.of(fromEnvironment);
  }
}
