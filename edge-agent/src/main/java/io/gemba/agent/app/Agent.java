package io.gemba.agent.app;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.engine.EngineInstance;
import io.gemba.agent.http.HttpApi;
import io.gemba.agent.http.PlantView;
import io.gemba.agent.ingest.MqttIngest;
import io.gemba.agent.lines.LineDispatch;
import io.gemba.agent.lines.LineRouter;
import io.gemba.agent.metrics.MicrometerAgentMetrics;
import io.gemba.agent.timing.Ticker;
import io.gemba.collector.engine.LeanSnapshot;
import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.engine.QualitySnapshot;
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
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent, wired along the path a message takes: the MQTT session ({@link MqttIngest})
 * hands each message to the engine instance that owns its line ({@link LineDispatch}); each {@link
 * EngineInstance} applies it and hands its points to its output ({@link Outputs}: a spool draining
 * to InfluxDB, or InfluxDB directly), and acknowledges it once they are kept. Metrics and the HTTP
 * API look on. The HTTP API comes up even while the broker cannot be reached; {@code /health/ready}
 * says so.
 */
public final class Agent {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;
  private final MqttIngest ingest;
  private final List<EngineInstance> instances;
  private final Outputs outputs;
  private final HttpApi http;

  private Agent(
      Vertx vertx,
      PrometheusMeterRegistry registry,
      JvmGcMetrics gcMetrics,
      MqttIngest ingest,
      List<EngineInstance> instances,
      Outputs outputs,
      HttpApi http) {
    this.vertx = vertx;
    this.registry = registry;
    this.gcMetrics = gcMetrics;
    this.ingest = ingest;
    this.instances = instances;
    this.outputs = outputs;
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
    Ticker ticker = Ticker.SYSTEM;

    int count = config.engine().effectiveInstances();
    Outputs outputs;
    try {
      outputs = Outputs.open(vertx, config, metrics, count, ticker, clock);
    } catch (IOException | RuntimeException e) {
      return vertx.close().transform(ignored -> Future.failedFuture(e));
    }
    MqttIngest ingest;
    try {
      ingest = new MqttIngest(vertx, config.mqtt(), metrics, clock, ticker);
    } catch (RuntimeException e) {
      // the TLS files cannot be read as PEM
      return outputs.close().eventually(vertx::close).transform(ignored -> Future.failedFuture(e));
    }
    LineRouter router = new LineRouter(config.plant(), count);
    List<EngineInstance> instances = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      instances.add(
          new EngineInstance(
              i,
              router,
              config.plant(),
              config.decoder(),
              outputs.of(i),
              ingest,
              ingest,
              metrics,
              config.engine(),
              clock,
              ticker));
    }
    List<HttpApi.Readiness> readiness = new ArrayList<>();
    readiness.add(HttpApi.Readiness.of("mqtt", ingest::connected));
    readiness.addAll(outputs.readiness());
    readiness.add(
        new HttpApi.Readiness(
            "stations",
            () -> {
              List<String> refused =
                  instances.stream()
                      .map(EngineInstance::stationsRefused)
                      .flatMap(Optional::stream)
                      .toList();
              return refused.isEmpty()
                  ? HttpApi.Check.of(true)
                  : new HttpApi.Check(
                      HttpApi.Status.DEGRADED, Optional.of(String.join("; ", refused)));
            }));
    HttpApi http =
        new HttpApi(config.http(), registry, new InstancesView(List.copyOf(instances)), readiness);
    Agent agent =
        new Agent(vertx, registry, gcMetrics, ingest, List.copyOf(instances), outputs, http);

    Future<?> deployed = Future.succeededFuture();
    for (EngineInstance instance : instances) {
      deployed = deployed.compose(v -> vertx.deployVerticle(instance));
    }
    return deployed
        .compose(v -> vertx.deployVerticle(http))
        .map(
            v -> {
              log.info(
                  "agent started: {} engine instances, HTTP on {}:{}",
                  count,
                  config.http().host(),
                  http.port());
              ingest
                  .start(new LineDispatch(router, instances))
                  .onFailure(
                      e -> log.warn("[mqtt: {}] not started: {}", config.mqtt().server(), e));
              return agent;
            })
        .recover(e -> vertx.close().transform(ignored -> Future.failedFuture(e)));
  }

  /** What the API shows: the engine instances' snapshots, together. */
  private record InstancesView(List<EngineInstance> instances) implements PlantView {
    @Override
    public List<StationSnapshot> stations() {
      return collect(instances, EngineInstance::stations);
    }

    @Override
    public List<LineSnapshot> lines() {
      return collect(instances, EngineInstance::lines);
    }

    @Override
    public List<QualitySnapshot> quality() {
      return collect(instances, EngineInstance::quality);
    }

    @Override
    public LeanSnapshot lean() {
      List<LeanSnapshot> parts = new ArrayList<>();
      for (EngineInstance instance : instances) {
        LeanSnapshot lean = instance.lean();
        if (lean != null) {
          parts.add(lean);
        }
      }
      return PlantView.merge(parts);
    }
  }

  private static <T> List<T> collect(
      List<EngineInstance> instances, Function<EngineInstance, List<T>> of) {
    List<T> all = new ArrayList<>();
    for (EngineInstance instance : instances) {
      all.addAll(of.apply(instance));
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

  /** The stations of all engine instances, as of their last snapshot. */
  public List<StationSnapshot> stations() {
    return collect(instances, EngineInstance::stations);
  }

  /** The configured lines, as of the last snapshot (every {@code engine.snapshotInterval}). */
  public List<LineSnapshot> lines() {
    return collect(instances, EngineInstance::lines);
  }

  /**
   * Stops in reverse order: no more messages, the engines apply what they hold, the writers write
   * what is pending, then Vert.x closes. Completes off Vert.x's threads, since they are gone then.
   */
  public CompletionStage<Void> stop() {
    Future<?> stopping = ingest.stop();
    for (EngineInstance instance : instances) {
      stopping = stopping.eventually(() -> vertx.undeploy(instance.deploymentID()));
    }
    return stopping
        .eventually(outputs::close)
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
