package io.gemba.collector.bench;

import io.gemba.collector.telemetry.DecodeCounters;
import io.gemba.collector.telemetry.Decoded;
import io.gemba.collector.telemetry.DecoderSettings;
import io.gemba.collector.telemetry.DuplicateFilter;
import io.gemba.collector.telemetry.TelemetryDecoder;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding throughput on one thread (one core): typical {@code count}, {@code state} and {@code
 * battery} payloads with RFC 3339 timestamps, a count with epoch milliseconds, a batch of 100
 * counts, and a rejected payload. Run with {@code ./mvnw -pl collector -Pbench test-compile
 * exec:exec}; see docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class DecodeBenchmark {

  private static final String COUNT_TOPIC = "gemba/v1/lahore/battery/pack-1/cell-stack/count";
  private static final String STATE_TOPIC = "gemba/v1/lahore/battery/pack-1/cell-stack/state";
  private static final String BATTERY_TOPIC = "gemba/v1/lahore/battery/pack-1/eol-test/battery";

  private static final byte[] COUNT =
      bytes("{\"ts\":\"2026-11-26T06:01:00+05:00\",\"seq\":18231,\"total\":1234,\"scrap\":12}");
  private static final byte[] COUNT_EPOCH_MILLIS =
      bytes("{\"ts\":1795654860000,\"seq\":18231,\"total\":1234,\"scrap\":12}");
  private static final byte[] STATE =
      bytes("{\"ts\":\"2026-11-26T06:00:00+05:00\",\"state\":\"DOWN\",\"reason\":\"JAM-12\"}");
  private static final byte[] BATTERY =
      bytes(
          "{\"ts\":\"2026-11-26T06:03:00.125+05:00\",\"seq\":904,\"serial\":\"HVB-000123\","
              + "\"product\":\"HEV-PACK-1.3KWH\",\"retest\":false,\"result\":\"PASS\","
              + "\"measurements\":{\"ocv_v\":201.6,\"dcir_mohm\":85.2,\"capacity_ah\":6.45,"
              + "\"cell_spread_mv\":12.0,\"insulation_mohm\":550.0,\"leak_pa_min\":1.2,"
              + "\"temp_c\":27.1}}");
  private static final byte[] BAD_TYPE =
      bytes("{\"ts\":\"2026-11-26T06:01:00+05:00\",\"total\":\"1234\",\"scrap\":12}");

  private final Instant arrival = Instant.parse("2026-11-26T01:01:00.250Z");
  private TelemetryDecoder decoder;
  private DuplicateFilter duplicates;
  private byte[] countBatch;
  private long seq;

  @Setup
  public void setUp() {
    decoder = new TelemetryDecoder(DecoderSettings.defaults(), DecodeCounters.NONE);
    duplicates = new DuplicateFilter();
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"ts\":\"2026-11-26T06:01:")
          .append(String.format("%02d", i % 60))
          .append("+05:00\",\"seq\":")
          .append(i)
          .append(",\"total\":")
          .append(1000 + i)
          .append(",\"scrap\":12}");
    }
    countBatch = bytes(batch.append(']').toString());
  }

  @Benchmark
  public List<Decoded> count() {
    return decoder.decode(COUNT_TOPIC, COUNT, arrival);
  }

  @Benchmark
  public List<Decoded> countEpochMillis() {
    return decoder.decode(COUNT_TOPIC, COUNT_EPOCH_MILLIS, arrival);
  }

  /** Decode and duplicate check, as the agent does per message; seq advances every call. */
  @Benchmark
  public boolean countWithDuplicateCheck() {
    byte[] payload =
        ("{\"ts\":1795654860000,\"seq\":" + seq++ + ",\"total\":1234,\"scrap\":12}")
            .getBytes(StandardCharsets.UTF_8);
    return duplicates.isDuplicate(
        (TelemetryEvent) decoder.decode(COUNT_TOPIC, payload, arrival).get(0));
  }

  @Benchmark
  public List<Decoded> state() {
    return decoder.decode(STATE_TOPIC, STATE, arrival);
  }

  @Benchmark
  public List<Decoded> battery() {
    return decoder.decode(BATTERY_TOPIC, BATTERY, arrival);
  }

  /** 100 count messages in one payload: divide the score by 100 for messages. */
  @Benchmark
  public List<Decoded> countBatchOf100() {
    return decoder.decode(COUNT_TOPIC, countBatch, arrival);
  }

  @Benchmark
  public List<Decoded> rejectedWrongType() {
    return decoder.decode(COUNT_TOPIC, BAD_TYPE, arrival);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
