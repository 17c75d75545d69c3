package io.gemba.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.config.EngineConfig;
import io.gemba.agent.ingest.Delivery;
import io.gemba.agent.metrics.MicrometerAgentMetrics;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.MachineState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class EngineInstanceTest {

  private static final String STATE = "gemba/v1/tlx/battery/pack-1/st10/state";
  private static final String COUNT = "gemba/v1/tlx/battery/pack-1/st10/count";
  private static final Instant NOW = Instant.parse("2026-11-26T07:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Point> written = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger writes = new AtomicInteger();

  /** For each acknowledged message id, how many points had been written when it was. */
  private final Map<Integer, Integer> writtenAtAck =
      Collections.synchronizedMap(new java.util.LinkedHashMap<>());

  private EngineInstance instance;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    PointWriter writer =
        new PointWriter.PointsOnly() {
          @Override
          public Future<Void> write(List<Point> points) {
            if (!points.isEmpty()) {
              written.addAll(points);
              writes.incrementAndGet();
            }
            return Future.succeededFuture();
          }

          @Override
          public boolean writable() {
            return true;
          }

          @Override
          public Future<Void> close() {
            return Future.succeededFuture();
          }
        };
    instance =
        TestEngine.deploy(
            vertx,
            EngineOutput.withoutJournal(writer),
            delivery -> writtenAtAck.put(delivery.messageId(), written.size()),
            new MicrometerAgentMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC)),
            new EngineConfig(1, Duration.ofHours(1), Duration.ofSeconds(1)),
            NOW,
            Duration.ofSeconds(10));
  }

  @Test
  void messages_areAppliedWritten_thenAcknowledged_andBadOnesCountedAndAcknowledged() {
    deliver(1, STATE, "{\"ts\":\"2026-11-26T06:00:00Z\",\"state\":\"RUNNING\",\"seq\":1}");
    deliver(
        2,
        STATE,
        "{\"ts\":\"2026-11-26T06:00:10Z\",\"state\":\"DOWN\",\"reason\":\"JAM-12\",\"seq\":2}");
    deliver(
        3,
        STATE,
        "{\"ts\":\"2026-11-26T06:00:10Z\",\"state\":\"DOWN\",\"reason\":\"JAM-12\",\"seq\":2}");
    deliver(4, STATE, "{\"ts\":");
    deliver(5, COUNT, "{\"ts\":\"2026-11-26T06:00:20Z\",\"total\":5,\"scrap\":0,\"seq\":3}");

    await().atMost(Duration.ofSeconds(10)).until(() -> writtenAtAck.size() == 5);

    // Every message is acknowledged, the rejected and the duplicate ones too (bad input is the
    // sender's fault: counted, not redelivered forever).
    assertThat(writtenAtAck).containsOnlyKeys(1, 2, 3, 4, 5);
    // A message is acknowledged only after the points it made were handed to the writer: message 1
    // made the RUNNING point, message 2 the DOWN point.
    assertThat(writtenAtAck.get(1)).isGreaterThanOrEqualTo(1);
    assertThat(writtenAtAck.get(2)).isGreaterThanOrEqualTo(2);
    // The five came within the batch wait of the first (1 s): one batch, one write.
    assertThat(writes).hasValue(1);

    List<String> states =
        written.stream()
            .filter(p -> p.measurement().equals("machine_state"))
            .map(p -> p.time() + " " + p.tags().get("state") + " " + p.fields().get("duration_s"))
            .toList();
    // The first state has no state before it (0 s); DOWN ends 10 s of RUNNING.
    assertThat(states)
        .containsExactly("2026-11-26T06:00:00Z RUNNING 0.0", "2026-11-26T06:00:10Z DOWN 10.0");
    Point down =
        written.stream()
            .filter(p -> "DOWN".equals(p.tags().get("state")))
            .findFirst()
            .orElseThrow();
    assertThat(down.tags())
        .containsEntry("site", "tlx")
        .containsEntry("area", "battery")
        .containsEntry("line", "pack-1")
        .containsEntry("station", "st10")
        .containsEntry("reason", "JAM-12");

    assertThat(counter("gemba.mqtt.messages.received")).isEqualTo(5);
    assertThat(registry.get("gemba.events.rejected").tag("reason", "bad_json").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("gemba.engine.events").tag("outcome", "duplicate").counter().count())
        .isEqualTo(1);
    // RUNNING, DOWN and the count; the duplicate is dropped before the engine
    assertThat(registry.get("gemba.engine.events").tag("outcome", "applied").counter().count())
        .isEqualTo(3);
    assertThat(registry.get("gemba.processing.latency").timer().count()).isEqualTo(5);

    // What the API shows comes with the next snapshot (every second), though the next tick is an
    // hour away; the redelivery dropped before the engine is the station's duplicate.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(instance.stations())
                    .singleElement()
                    .satisfies(
                        station -> {
                          assertThat(station.state()).isEqualTo(MachineState.DOWN);
                          assertThat(station.reason()).isEqualTo("JAM-12");
                          assertThat(station.quality().duplicates()).isEqualTo(1);
                        }));
  }

  private void deliver(int id, String topic, String json) {
    instance.deliver(
        new Delivery(
            topic, json.getBytes(StandardCharsets.UTF_8), id, 1, NOW, System.nanoTime(), 1));
  }

  private double counter(String name) {
    return registry.get(name).counter().count();
  }
}
