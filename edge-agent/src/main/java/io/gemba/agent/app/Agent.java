package io.gemba.agent.app;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.http.HttpApi;
import io.gemba.agent.ingest.MqttIngest;
import io.gemba.agent.lines.LineGroup;
import io.gemba.agent.lines.LineRouter;
import io.gemba.agent.metrics.MicrometerAgentMetrics;
import io.gemba.agent.sink.DiscardingPointWriter;
import io.gemba.agent.sink.InfluxPointWriter;
import io.gemba.agent.sink.PointWriter;
import io.gemba.agent.sink.SpoolWriter;
import io.gemba.agent.spool.EngineJournal;
import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.engine.StationSnapshot;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent: MQTT session, engine instances (one {@link LineGroup} per instance), writer,
 * metrics and HTTP API, wired from an {@link AgentConfig}. The HTTP API comes up even while the
 * broker cannot be reached; {@code /health/ready} says so.
 */
public final class Agent {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;
  private final MqttIngest ingest;
  private final List<LineGroup> groups;
  private final List<PointWriter> writers;
  private final HttpApi http;

  private Agent(
      Vertx vertx,
      PrometheusMeterRegistry registry,
      JvmGcMetrics gcMetrics,
      MqttIngest ingest,
      List<LineGroup> groups,
      List<PointWriter> writers,
      HttpApi http) {
    this.vertx = vertx;
    this.registry = registry;
    this.gcMetrics = gcMetrics;
    this.ingest = ingest;
    this.groups = groups;
    this.writers = writers;
    this.http = http;
  }

  /** Starts an agent; the future completes once the engines and the HTTP API run. */
  public static Future<Agent> start(AgentConfig config, Clock clock) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    MicrometerAgentMetrics metrics = new MicrometerAgentMetrics(registry, clock);

    int instances = config.engine().effectiveInstances();
    List<PointWriter> writers;
    try {
      writers = writers(vertx, config, metrics, instances);
    } catch (IOException | RuntimeException e) {
      return vertx.close().transform(ignored -> Future.failedFuture(e));
    }
    LineRouter router = new LineRouter(config.plant(), instances);
    List<LineGroup> groups = new ArrayList<>(instances);
    MqttIngest ingest =
        new MqttIngest(
            vertx,
            config.mqtt(),
            delivery -> groups.get(router.instanceOf(delivery.topic())).deliver(delivery),
            metrics,
            clock);
    for (int i = 0; i < instances; i++) {
      groups.add(
          new LineGroup(
              i,
              router,
              config.plant(),
              config.decoder(),
              writers.get(i % writers.size()),
              writers.get(i % writers.size()) instanceof EngineJournal journal
                  ? journal
                  : EngineJournal.NONE,
              ingest,
              metrics,
              config.engine(),
              clock));
    }
    HttpApi http =
        new HttpApi(
            config.http(),
            registry,
            () -> collect(groups, LineGroup::stations),
            () -> collect(groups, LineGroup::lines),
            List.of(
                new HttpApi.Readiness("mqtt", ingest::connected),
                new HttpApi.Readiness(
                    "writer", () -> writers.stream().allMatch(PointWriter::writable))));
    Agent agent = new Agent(vertx, registry, gcMetrics, ingest, List.copyOf(groups), writers, http);

    Future<?> deployed = Future.succeededFuture();
    for (LineGroup group : groups) {
      deployed = deployed.compose(v -> vertx.deployVerticle(group));
    }
    return deployed
        .compose(v -> vertx.deployVerticle(http))
        .map(
            v -> {
              log.info(
                  "agent started: {} engine instances, HTTP on {}:{}",
                  instances,
                  config.http().host(),
                  http.port());
              ingest
                  .start()
                  .onFailure(
                      e -> log.warn("[mqtt: {}] not started: {}", config.mqtt().server(), e));
              return agent;
            })
        .recover(e -> vertx.close().transform(ignored -> Future.failedFuture(e)));
  }

  /**
   * With a spool, one writer per engine instance, each with its log in {@code spool.dir/group-N}
   * and an equal share of the bound; else one writer for all: InfluxDB's, or none.
   */
  private static List<PointWriter> writers(
      Vertx vertx, AgentConfig config, MicrometerAgentMetrics metrics, int instances)
      throws IOException {
    if (!config.influx().enabled()) {
      return List.of(new DiscardingPointWriter(metrics));
    }
    if (!config.spool().enabled()) {
      return List.of(new InfluxPointWriter(vertx, config.influx(), metrics));
    }
    long share = (long) config.spool().maxMegabytes() * 1024 * 1024 / instances;
    List<PointWriter> writers = new ArrayList<>(instances);
    for (int i = 0; i < instances; i++) {
      writers.add(
          new SpoolWriter(
              vertx,
              config.spool().dir().orElseThrow().resolve("group-" + i),
              share,
              config.spool().segmentMegabytes() * 1024 * 1024,
              config.spool().checkpointInterval(),
              config.influx(),
              metrics,
              i));
    }
    return writers;
  }

  private static <T> List<T> collect(
      List<LineGroup> groups, java.util.function.Function<LineGroup, List<T>> of) {
    List<T> all = new ArrayList<>();
    for (LineGroup group : groups) {
      all.addAll(of.apply(group));
    }
    return all;
  }

  /** The HTTP API's port. */
  public int httpPort() {
    return http.port();
  }

  /** The metrics registry (also served at {@code /metrics}). */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The stations of all engine instances, as of their last tick. */
  public List<StationSnapshot> stations() {
    return collect(groups, LineGroup::stations);
  }

  /** The configured lines, as of the last tick. */
  public List<LineSnapshot> lines() {
    return collect(groups, LineGroup::lines);
  }

  /**
   * Stops in reverse order: no more messages, the engines apply what they hold, the writer writes
   * what is pending, then Vert.x closes. Completes off Vert.x's threads, since they are gone then.
   */
  public CompletionStage<Void> stop() {
    Future<?> stopping = ingest.stop();
    for (LineGroup group : groups) {
      stopping = stopping.eventually(() -> vertx.undeploy(group.deploymentID()));
    }
    for (PointWriter writer : writers) {
      stopping = stopping.eventually(writer::close);
    }
    return stopping
        .toCompletionStage()
        .handle(
            (ignored, failure) -> {
              if (failure != null) {
                log.warn("stopping: {}", failure.toString());
              }
              return null;
            })
        .thenComposeAsync(ignored -> vertx.close().toCompletionStage())
        .whenComplete((ignored, failure) -> gcMetrics.close());
  }
}
