package io.gemba.agent.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gemba.agent.testkit.VictoriaMetricsServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the benchmark reads from VictoriaMetrics: the numbers of a step's messages that the agent
 * wrote there (the values of {@code cycle_cycle_ms} in the step's time range, from the export API),
 * the newest number visible (for latency), and how long VictoriaMetrics itself takes before a
 * written sample can be found.
 */
final class VictoriaReader {

  static final String METRIC = "cycle_cycle_ms";
  private static final String PROBE_METRIC = "bench_probe_value";
  // A step's time range is read with this much to spare on each side; steps are further apart.
  private static final long MARGIN_MS = 1_000;
  private static final Duration POLL = Duration.ofMillis(500);
  private static final JsonFactory JSON = new JsonFactory();

  private final VictoriaMetricsServer vm;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  VictoriaReader(VictoriaMetricsServer vm) {
    this.vm = vm;
  }

  /**
   * The newest message number visible now: the largest value of the last 10 s (of the last 2 min if
   * the last 10 s hold none), or empty if none.
   */
  OptionalLong newestNumber() {
    for (String window : List.of("10s", "2m")) {
      List<VictoriaMetricsServer.Series> result =
          vm.query("max(max_over_time(" + METRIC + "[" + window + "]))", Instant.now());
      if (!result.isEmpty() && !result.get(0).values().isEmpty()) {
        return OptionalLong.of(Math.round(result.get(0).values().get(0)));
      }
    }
    return OptionalLong.empty();
  }

  /**
   * Waits until VictoriaMetrics holds every message of the step (after a flush), up to {@code
   * wait}; returns the accounts of the last look, complete or not. A cheap count tells when to look
   * at the numbers themselves.
   */
  NumberAccounting.Summary awaitAccounted(SentLog log, Duration wait)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      vm.flush();
      if (count(log) >= log.count()) {
        NumberAccounting.Summary summary = account(log);
        if (summary.complete() || System.nanoTime() > deadline) {
          return summary;
        }
      } else if (System.nanoTime() > deadline) {
        return account(log);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Samples in the step's time range (with its margins). */
  private long count(SentLog log) {
    long from = log.firstTsMs() - MARGIN_MS;
    long to = log.lastTsMs() + MARGIN_MS;
    List<VictoriaMetricsServer.Series> result =
        vm.query(
            "sum(count_over_time(" + METRIC + "[" + (to - from) + "ms]))",
            Instant.ofEpochMilli(to));
    return result.isEmpty() || result.get(0).values().isEmpty()
        ? 0
        : Math.round(result.get(0).values().get(0));
  }

  /** Every value of {@code cycle_cycle_ms} in the step's time range, accounted for. */
  NumberAccounting.Summary account(SentLog log) throws IOException, InterruptedException {
    vm.flush();
    NumberAccounting accounting = new NumberAccounting(log.first(), log.count());
    String query =
        "match[]="
            + URLEncoder.encode(METRIC, StandardCharsets.UTF_8)
            + "&start="
            + seconds(log.firstTsMs() - MARGIN_MS)
            + "&end="
            + seconds(log.lastTsMs() + MARGIN_MS);
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create(vm.url() + "/api/v1/export?" + query))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body();
        JsonParser parser = JSON.createParser(body)) {
      if (response.statusCode() != 200) {
        throw new IOException(
            "export answered "
                + response.statusCode()
                + ": "
                + new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
      // One object per series (or block of a series):
      // {"metric":{...},"values":[...],"timestamps":[...]}
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          if (field.equals("values")) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              accounting.recordValue(parser.getValueAsDouble());
            }
          } else {
            parser.skipChildren();
          }
        }
      }
    }
    return accounting.summary();
  }

  /**
   * How long VictoriaMetrics takes before a sample written to it can be found by a query: {@code
   * probes} times, a point written straight to {@code /write} and queried every 10 ms until it is
   * seen; the samples are the times from the write's answer to the first query that saw it. A first
   * probe, not counted, makes the series.
   */
  LatencySamples searchDelay(int probes) throws IOException, InterruptedException {
    LatencySamples delays = new LatencySamples();
    // Probe 0 makes the series: a new series takes longer to be found than a sample of a known one.
    for (int k = 0; k <= probes; k++) {
      String line = "bench_probe value=" + k + " " + System.currentTimeMillis() + "\n";
      HttpResponse<String> written =
          http.send(
              HttpRequest.newBuilder(URI.create(vm.url() + "/write?precision=ms"))
                  .POST(HttpRequest.BodyPublishers.ofString(line))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (written.statusCode() / 100 != 2) {
        throw new IOException("write answered " + written.statusCode() + ": " + written.body());
      }
      long start = System.nanoTime();
      long deadline = start + Duration.ofSeconds(30).toNanos();
      while (!sees(k)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "probe " + k + " not found in VictoriaMetrics within 30 s");
        }
        Thread.sleep(10);
      }
      if (k > 0) {
        delays.add(System.nanoTime() - start);
      }
      // Probes at different moments of VictoriaMetrics' flush cycle.
      Thread.sleep(137 * k % 500 + 100);
    }
    return delays;
  }

  private boolean sees(int k) {
    List<VictoriaMetricsServer.Series> result =
        vm.query("max_over_time(" + PROBE_METRIC + "[1m])", Instant.now());
    return !result.isEmpty() && result.get(0).values().get(0) == k;
  }

  private static String seconds(long epochMs) {
    return BigDecimal.valueOf(epochMs, 3).toPlainString();
  }
}
