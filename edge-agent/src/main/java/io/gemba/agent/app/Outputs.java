package io.gemba.agent.app;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.engine.EngineOutput;
import io.gemba.agent.engine.PointWriter;
import io.gemba.agent.http.HttpApi;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.sink.DiscardingPointWriter;
import io.gemba.agent.sink.InfluxLines;
import io.gemba.agent.sink.InfluxPointWriter;
import io.gemba.agent.spool.SpoolWriter;
import io.gemba.agent.spool.WriteFailure;
import io.gemba.agent.timing.Ticker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the engine instances' results go, as the configuration says: with a spool, one spool per
 * instance, each in {@code spool.dir/group-N} with an equal share of the bound, draining to
 * InfluxDB; else one writer for all, InfluxDB's, or none.
 */
final class Outputs {

  private final List<EngineOutput> perInstance;
  private final List<PointWriter> writers;
  private final List<SpoolWriter> spools;

  private Outputs(
      List<EngineOutput> perInstance, List<PointWriter> writers, List<SpoolWriter> spools) {
    this.perInstance = List.copyOf(perInstance);
    this.writers = List.copyOf(writers);
    this.spools = List.copyOf(spools);
  }

  /** Opens the outputs of {@code instances} engine instances. Call from outside Vert.x. */
  static Outputs open(
      Vertx vertx,
      AgentConfig config,
      AgentMetrics metrics,
      int instances,
      Ticker ticker,
      Clock clock)
      throws IOException {
    if (!config.influx().enabled()) {
      return shared(new DiscardingPointWriter(metrics), instances);
    }
    if (!config.spool().enabled()) {
      return shared(
          new InfluxPointWriter(
              vertx,
              config.influx(),
              new InfluxLines(config.influx()),
              metrics,
              ticker,
              WriteFailure.backoff()),
          instances);
    }
    List<SpoolWriter> spools = new ArrayList<>(instances);
    try {
      for (int i = 0; i < instances; i++) {
        spools.add(
            new SpoolWriter(
                vertx,
                SpoolWriter.Options.of(config.spool(), i, instances),
                config.influx(),
                new InfluxLines(config.influx()),
                metrics,
                ticker,
                clock));
      }
    } catch (IOException | RuntimeException e) {
      spools.forEach(SpoolWriter::close);
      throw e;
    }
    return new Outputs(
        spools.stream().map(spool -> new EngineOutput(spool, spool)).toList(),
        List.copyOf(spools),
        spools);
  }

  private static Outputs shared(PointWriter writer, int instances) {
    List<EngineOutput> outputs = new ArrayList<>(instances);
    for (int i = 0; i < instances; i++) {
      outputs.add(EngineOutput.withoutJournal(writer));
    }
    return new Outputs(outputs, List.of(writer), List.of());
  }

  /** The output of instance {@code index}. */
  EngineOutput of(int index) {
    return perInstance.get(index);
  }

  /**
   * {@code writer}: up while every writer takes points; {@code spool}: degraded once a spool has
   * skipped damage, with what it skipped; {@code database}: degraded while a spool's writes to
   * InfluxDB fail, with for how long and why.
   */
  List<HttpApi.Readiness> readiness() {
    List<HttpApi.Readiness> checks = new ArrayList<>();
    checks.add(
        HttpApi.Readiness.of("writer", () -> writers.stream().allMatch(PointWriter::writable)));
    if (!spools.isEmpty()) {
      checks.add(new HttpApi.Readiness("spool", this::spoolCheck));
      checks.add(new HttpApi.Readiness("database", this::databaseCheck));
    }
    return checks;
  }

  /** Degraded while a spool's writes fail: the spool keeps the points, the agent goes on. */
  private HttpApi.Check databaseCheck() {
    List<String> failing =
        spools.stream().map(SpoolWriter::writesFailing).flatMap(Optional::stream).toList();
    return failing.isEmpty()
        ? HttpApi.Check.of(true)
        : new HttpApi.Check(HttpApi.Status.DEGRADED, Optional.of(String.join("; ", failing)));
  }

  private HttpApi.Check spoolCheck() {
    List<String> damage =
        spools.stream().map(SpoolWriter::damage).flatMap(Optional::stream).toList();
    return damage.isEmpty()
        ? HttpApi.Check.of(true)
        : new HttpApi.Check(
            HttpApi.Status.DEGRADED,
            Optional.of(damage.stream().collect(Collectors.joining("; "))));
  }

  /** Writes what is pending and closes every writer, one after the other. */
  Future<?> close() {
    Future<?> closing = Future.succeededFuture();
    for (PointWriter writer : writers) {
      closing = closing.eventually(writer::close);
    }
    return closing;
  }
}
