package io.gemba.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.exceptions.InfluxException;
import io.gemba.agent.metrics.MicrometerAgentMetrics;
import io.gemba.agent.sink.InfluxLines;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import retrofit2.Response;

/**
 * How the sender splits a batch InfluxDB refuses: the algorithm alone, with the client's own
 * exceptions for the server's answers. (No server at hand refuses single lines: VictoriaMetrics
 * skips them and answers 204, and Debian's InfluxDB 1.6 has no {@code /api/v2/write}.)
 */
class SpoolSenderSplitTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerAgentMetrics metrics =
      new MicrometerAgentMetrics(registry, Clock.systemUTC());
  private final List<List<String>> tries = new ArrayList<>();
  private final List<String> written = new ArrayList<>();

  @TempDir Path dir;

  /** Comment lines say when, and the server's status; the line refused follows its comment. */
  private DeadLetters deadLetters() {
    return new DeadLetters(dir, Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void aRefusedBatch_isSplitDownToTheRefusedLines_andEveryOtherLineIsWrittenOnce()
      throws IOException {
    List<String> lines = lines(10);

    // Like InfluxDB 2: a batch with a bad line is refused whole (400), nothing of it written.
    SpoolSender.Outcome outcome =
        write(
            lines,
            batch -> {
              if (batch.contains("line 3") || batch.contains("line 7")) {
                throw answer(400, null);
              }
            });

    assertThat(outcome.retryAfterMs()).isEqualTo(-1);
    assertThat(outcome.refused()).isEqualTo(2);
    assertThat(outcome.handled()).isEqualTo(10);
    assertThat(deadLetterFile())
        .containsExactly(
            "# 2026-11-26T06:00:00Z HTTP 400: HTTP status code: 400; Message: refused",
            "line 3",
            "# 2026-11-26T06:00:00Z HTTP 400: HTTP status code: 400; Message: refused",
            "line 7");
    assertThat(written)
        .containsExactlyInAnyOrderElementsOf(
            lines.stream().filter(l -> !l.equals("line 3") && !l.equals("line 7")).toList());
    // 10 → 0-4 (refused) → 0-1, 2-4 (refused) → 2, 3-4 (refused) → 3 (dead), 4;
    //      5-9 (refused) → 5-6, 7-9 (refused) → 7 (dead), 8-9: 13 tries
    assertThat(tries).hasSize(13);
    assertThat(registry.find("gemba.write.failures").counters()).isEmpty();
  }

  @Test
  void aFailureToRetry_whileSplitting_endsTheWrite_withTheServersRetryAfter() throws IOException {
    List<String> lines = lines(4);

    SpoolSender.Outcome outcome =
        write(
            lines,
            batch -> {
              if (batch.size() == 4) {
                throw answer(400, null);
              }
              if (batch.contains("line 0")) {
                throw answer(429, "7");
              }
            });

    // 4 refused → 0-1 answered 429 "Retry-After: 7": the whole batch is to be sent again in 7 s.
    assertThat(outcome.retryAfterMs()).isEqualTo(7_000);
    assertThat(outcome.handled()).as("nothing done before the failure").isZero();
    assertThat(outcome.failure()).startsWith("http_429");
    assertThat(tries).hasSize(2);
    assertThat(written).isEmpty();
    assertThat(dir.resolve(DeadLetters.NAME)).doesNotExist();
    assertThat(registry.get("gemba.write.failures").tag("reason", "http_429").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aFailureToRetry_afterSomeLinesWereDone_saysHowMany_soTheNextTryStartsAfterThem()
      throws IOException {
    List<String> lines = lines(8);

    SpoolSender.Outcome outcome =
        write(
            lines,
            batch -> {
              if (batch.contains("line 1")) {
                throw answer(400, null);
              }
              if (batch.contains("line 6")) {
                throw answer(503, null);
              }
            });

    // 0-7 refused → 0-3 refused → 0-1 refused → 0 written, 1 dead; 2-3 written;
    //              4-7 answered 503 (not split: the server, not the lines): four lines done, one
    //              of them dead-lettered; the next try starts at line 4.
    assertThat(outcome.retryAfterMs()).isZero();
    assertThat(outcome.handled()).isEqualTo(4);
    assertThat(outcome.refused()).isEqualTo(1);
    assertThat(deadLetterFile())
        .containsExactly(
            "# 2026-11-26T06:00:00Z HTTP 400: HTTP status code: 400; Message: refused", "line 1");
    assertThat(written).containsExactly("line 0", "line 2", "line 3");
    assertThat(tries).hasSize(7);
  }

  /**
   * Writes {@code lines} to a database that answers each batch as {@code answers} says: a batch it
   * does not refuse is written. Every batch tried is kept in {@link #tries}, every one written in
   * {@link #written}.
   */
  private SpoolSender.Outcome write(List<String> lines, Answers answers) throws IOException {
    return SpoolSender.write(
        lines,
        (Scripted)
            batch -> {
              tries.add(List.copyOf(batch));
              answers.refuse(batch);
              written.addAll(batch);
            },
        deadLetters(),
        metrics);
  }

  /** What the database answers to a batch: nothing to take it, or a failure thrown. */
  @FunctionalInterface
  private interface Answers {
    void refuse(List<String> batch) throws WriteFailure;
  }

  private List<String> deadLetterFile() throws IOException {
    return Files.readAllLines(dir.resolve(DeadLetters.NAME));
  }

  /** A database that answers each write as its lambda says. */
  @FunctionalInterface
  private interface Scripted extends LineWriter {
    @Override
    default String target() {
      return "http://127.0.0.1/";
    }

    @Override
    default void close() {}
  }

  private static List<String> lines(int count) {
    return IntStream.range(0, count).mapToObj(i -> "line " + i).toList();
  }

  /** The client's exception for an HTTP answer, as it makes it from the server's response. */
  private static WriteFailure answer(int status, String retryAfter) {
    okhttp3.Response.Builder raw =
        new okhttp3.Response.Builder()
            .code(status)
            .message("answer")
            .protocol(Protocol.HTTP_1_1)
            .request(new Request.Builder().url("http://127.0.0.1/api/v2/write").build());
    if (retryAfter != null) {
      raw.header("Retry-After", retryAfter);
    }
    return InfluxLines.failure(
        new InfluxException(
            Response.error(
                ResponseBody.create(
                    "{\"code\":\"invalid\",\"message\":\"refused\"}",
                    MediaType.get("application/json")),
                raw.build())));
  }
}
