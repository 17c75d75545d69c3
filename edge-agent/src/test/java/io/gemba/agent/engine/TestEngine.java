package io.gemba.agent.engine;

import io.gemba.agent.config.EngineConfig;
import io.gemba.agent.ingest.Acknowledger;
import io.gemba.agent.lines.LineRouter;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.agent.testkit.TestPlant;
import io.gemba.agent.timing.Ticker;
import io.gemba.collector.telemetry.DecoderSettings;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/** The engine instance of the engine's tests: the only one, of the test plant, on a Vert.x. */
final class TestEngine {

  private TestEngine() {}

  /**
   * Deploys instance 0 of one, for the test plant, on {@code vertx}: it hands its runs to {@code
   * output}, its deliveries to {@code acknowledger}, and its wall clock stands at {@code now}.
   * Waits at most {@code within} for the deployment.
   */
  static EngineInstance deploy(
      Vertx vertx,
      EngineOutput output,
      Acknowledger acknowledger,
      AgentMetrics metrics,
      EngineConfig config,
      Instant now,
      Duration within)
      throws Exception {
    EngineInstance instance =
        new EngineInstance(
            0,
            new LineRouter(TestPlant.model(), 1),
            TestPlant.model(),
            DecoderSettings.defaults(),
            output,
            acknowledger,
            io.gemba.agent.ingest.DeadLetterTopic.NONE,
            metrics,
            config,
            Clock.fixed(now, ZoneOffset.UTC),
            Ticker.SYSTEM);
    vertx
        .deployVerticle(instance)
        .toCompletionStage()
        .toCompletableFuture()
        .get(within.toMillis(), TimeUnit.MILLISECONDS);
    return instance;
  }
}
