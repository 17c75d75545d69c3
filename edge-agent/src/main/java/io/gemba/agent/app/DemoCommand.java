package io.gemba.agent.app;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.Durations;
import io.gemba.agent.config.EngineConfig;
import io.gemba.agent.config.HttpConfig;
import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.config.MqttConfig;
import io.gemba.agent.config.SpoolConfig;
import io.gemba.agent.demo.EmbeddedBroker;
import io.gemba.agent.demo.LineSummary;
import io.gemba.agent.demo.SimulatedClock;
import io.gemba.agent.simulate.Downstream;
import io.gemba.agent.simulate.PlantGenerator;
import io.gemba.agent.simulate.PublishListener;
import io.gemba.agent.simulate.PublishOptions;
import io.gemba.agent.simulate.SimulatedPlant;
import io.gemba.agent.simulate.SimulationOptions;
import io.gemba.agent.simulate.SimulatorPublisher;
import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.telemetry.DecoderSettings;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code demo}: an embedded broker, a simulated plant and the agent, nothing to install. */
@Command(
    name = "demo",
    description = {
      "See the agent work with nothing installed: starts an embedded MQTT broker (HiveMQ CE) on"
          + " 127.0.0.1, a simulated battery-pack plant publishing to it, and the agent reading"
          + " it. Plant time runs --speed-up times faster than the clock. No InfluxDB: the KPIs are"
          + " on http://127.0.0.1:8080/api/v1/lines, /api/v1/stations and /metrics, and a summary"
          + " of each line is logged every minute. Ctrl-C stops it. In edge-agent.jar only: the"
          + " plants' edge-agent-lean.jar has no embedded broker."
    },
    mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {

  @Mixin PlantOptions plant;

  private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "port of the agent's HTTP API on 127.0.0.1 (default: ${DEFAULT-VALUE})")
  int httpPort;

  @Option(
      names = "--mqtt-port",
      paramLabel = "PORT",
      defaultValue = "1883",
      description = "port of the embedded MQTT broker on 127.0.0.1 (default: ${DEFAULT-VALUE})")
  int mqttPort;

  @Option(
      names = "--speed-up",
      paramLabel = "FACTOR",
      defaultValue = "60",
      description =
          "how much faster plant time runs: 60 is an hour of plant per minute (default:"
              + " ${DEFAULT-VALUE})")
  double speedUp;

  @Option(
      names = "--summary-every",
      paramLabel = "DURATION",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description = "how often each line's summary is logged (default: ${DEFAULT-VALUE})")
  Duration summaryEvery;

  @Option(
      names = "--history",
      paramLabel = "DURATION",
      defaultValue = "21d",
      converter = DurationConverter.class,
      description =
          "plant time published at once before the live plant starts, as a gateway delivers its"
              + " buffer, so that the first-pass yield, Cpk, the SPC rules, 5S audits, kaizen"
              + " effects and local content have weeks to show; 0s for none (default:"
              + " ${DEFAULT-VALUE})")
  Duration history;

  @Override
  public Integer call() throws Exception {
    if (history.isNegative()) {
      System.err.println("demo: --history must not be negative, was " + history);
      return 2;
    }
    if (!EmbeddedBroker.available()) {
      System.err.println(
          "demo: this jar is the agent for plants, without the embedded MQTT broker that demo"
              + " needs; run the demo with edge-agent.jar (java -jar edge-agent/target/edge-agent.jar"
              + " demo)");
      return 1;
    }
    SimulationOptions options = plant.simulation(speedUp);
    SimulatedPlant simulated = new SimulatedPlant(options);
    Instant plantStart = shiftMorning(LocalDate.now(SimulatedPlant.ZONE));
    EmbeddedBroker broker = EmbeddedBroker.start(mqttPort);
    Clock plantClock = new SimulatedClock(Clock.systemUTC(), plantStart, speedUp);
    AgentConfig config =
        new AgentConfig(
            simulated.model(),
            new DecoderSettings(
                DecoderSettings.DEFAULT_MAX_PAYLOAD_BYTES,
                DecoderSettings.DEFAULT_MAX_BATCH_ELEMENTS,
                simulated.model()::stateCodes),
            MqttConfig.of(URI.create(broker.uri()), "gemba-demo-agent"),
            InfluxConfig.disabled(),
            new HttpConfig("127.0.0.1", httpPort),
            EngineConfig.defaults(),
            SpoolConfig.disabled());
    Agent agent;
    try {
      agent = Configs.await(Agent.start(config, plantClock));
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    // The history goes out as fast as the agent takes it, never further ahead than the broker
    // queues for it.
    Counter agentReceived = agent.registry().get("gemba.mqtt.messages.received").counter();
    SimulatorPublisher publisher =
        SimulatorPublisher.start(
            new PlantGenerator(simulated, plantStart.minus(history)),
            PublishOptions.to(URI.create(broker.uri())).withLiveFrom(plantStart),
            Clock.systemUTC(),
            PublishListener.NONE,
            new Downstream(() -> (long) agentReceived.count(), EmbeddedBroker.MAX_QUEUED / 5));
    log.info(
        "demo: {} lines of {} stations, {} of history before {} plant time, then {}x; KPIs on"
            + " http://127.0.0.1:{}/api/v1/lines, /api/v1/quality and /api/v1/lean",
        plant.lines,
        plant.stations,
        Durations.format(history),
        plantStart.atZone(SimulatedPlant.ZONE).toLocalDateTime(),
        speedUp,
        agent.httpPort());
    ScheduledExecutorService summaries =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "gemba-demo-summary");
              thread.setDaemon(true);
              return thread;
            });
    summaries.scheduleAtFixedRate(
        () -> {
          for (LineSnapshot line : agent.lines()) {
            log.info(LineSummary.of(line));
          }
        },
        summaryEvery.toMillis(),
        summaryEvery.toMillis(),
        TimeUnit.MILLISECONDS);
    UntilStopped.await(
        () -> {
          summaries.shutdownNow();
          publisher.close();
          return agent.stop().whenComplete((ignored, failure) -> broker.close());
        });
    return 0;
  }

  /** 06:55 plant time of the last working day (Monday to Saturday) up to {@code today}. */
  static Instant shiftMorning(LocalDate today) {
    LocalDate day = today.getDayOfWeek() == DayOfWeek.SUNDAY ? today.minusDays(1) : today;
    return day.atTime(LocalTime.of(6, 55)).atZone(SimulatedPlant.ZONE).toInstant();
  }
}
