package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.DOWN;
import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.point.Point;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint is gzip-compressed CBOR, so that the cold log's bytes are kept as bytes; the
 * checkpoints written before it (plain JSON, then gzip-compressed JSON) restore to the same engine.
 */
class EngineCheckpointTest {

  private static final String D = "2026-11-26T";

  /** A station with two hours of readings and a stop: events in the cold log, anchors, sums. */
  private static EngineHarness twoHours() {
    EngineHarness h =
        new EngineHarness(
            ZoneId.of("Europe/Berlin"),
            List.of(EngineFixtures.morningShift(LocalTime.of(9, 0))),
            KpiPolicy.defaults(),
            EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(10))));
    h.feed(h.state("press", D + "06:00", RUNNING));
    for (int s = 0; s < 7_200; s += 10) {
      LocalTime t = LocalTime.of(6, 0).plusSeconds(s);
      if (s == 3_600) {
        h.feed(h.state("press", D + t, DOWN, "JAM"));
      } else if (s == 3_900) {
        h.feed(h.state("press", D + t, RUNNING));
      }
      h.feed(h.count("press", D + t, s / 12, s / 12));
    }
    return h;
  }

  @Test
  void written_asGzipCompressedCbor_withTheColdLogAsBytes() throws IOException {
    byte[] checkpoint = twoHours().engine.checkpoint();

    assertThat(checkpoint[0] & 0xFF).isEqualTo(0x1f); // gzip
    assertThat(checkpoint[1] & 0xFF).isEqualTo(0x8b);
    byte[] plain = new GZIPInputStream(new ByteArrayInputStream(checkpoint)).readAllBytes();
    assertThat(plain[0] & 0xFF).isEqualTo(0xd9); // CBOR's self-describe tag 55799
    assertThat(plain[1] & 0xFF).isEqualTo(0xd9);
    assertThat(plain[2] & 0xFF).isEqualTo(0xf7);
    EngineCheckpoint.StationState press = EngineCheckpoint.read(checkpoint).stations().get(0);
    // 06:00 to 07:50 is past the lateness (5 min) before 07:59:50, in the cold log.
    assertThat(press.cold()).isNotEmpty();
    assertThat(press.anchors()).isNotEmpty();
  }

  @Test
  void earlierJsonCheckpoints_plainAndCompressed_restoreToTheSameEngine() throws IOException {
    EngineHarness h = twoHours();
    byte[] cbor = h.engine.checkpoint();
    JsonMapper json = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
    byte[] plain = json.writeValueAsBytes(EngineCheckpoint.read(cbor));
    assertThat(new String(plain, 0, 1, StandardCharsets.US_ASCII)).isEqualTo("{");
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(plain);
    }

    List<List<Point>> restored = new ArrayList<>();
    for (byte[] checkpoint : List.of(cbor, plain, gzipped.toByteArray())) {
      List<Point> points = new ArrayList<>();
      KpiEngine engine = KpiEngine.restore(h.model, points::add, checkpoint);
      // The same engine: the same snapshot now, the same checkpoint, and the same points on.
      assertThat(engine.stations()).isEqualTo(h.engine.stations());
      assertThat(Arrays.equals(engine.checkpoint(), cbor)).as("the same checkpoint").isTrue();
      restored.add(points);
    }
    assertThat(restored.get(1)).isEqualTo(restored.get(0));
    assertThat(restored.get(2)).isEqualTo(restored.get(0));
  }

  @Test
  void notACheckpoint_saysSo() {
    assertThatThrownBy(
            () -> EngineCheckpoint.read("{\"format\":\"other\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an engine checkpoint");
    assertThatThrownBy(() -> EngineCheckpoint.read(new byte[] {(byte) 0x1f, (byte) 0x8b, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a readable engine checkpoint");
  }
}
