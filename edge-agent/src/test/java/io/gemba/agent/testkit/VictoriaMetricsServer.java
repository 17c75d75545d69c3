package io.gemba.agent.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.config.Secret;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.awaitility.core.ThrowingRunnable;

/**
 * A VictoriaMetrics single-node server started from the Debian package for one test: HTTP on
 * 127.0.0.1 and a free port, its data and log in a fresh temp dir. It stands in for InfluxDB on the
 * write path: it accepts the InfluxDB line protocol at {@code /write} (1.x API) and {@code
 * /api/v2/write} (2.x API).
 *
 * <p>How VictoriaMetrics 1.79 (Debian 12) stores line protocol, checked by {@code
 * VictoriaMetricsServerIT}:
 *
 * <ul>
 *   <li>Each field becomes its own series named {@code measurement_field}, labelled with the line's
 *       tags: {@code oee,site=s1,line=L1 availability=0.875,quality=0.99 1700000000000} gives
 *       {@code oee_availability{site="s1",line="L1"} 0.875} and {@code
 *       oee_quality{site="s1",line="L1"} 0.99}, both at 1700000000000 ms.
 *   <li>Values are floats: {@code 3i} becomes 3.0, {@code true} 1.0, {@code false} 0.0, and a
 *       string field ({@code message="x"}) becomes 0.0: its text is lost.
 *   <li>The {@code db} query parameter, on {@code /write} and on {@code /api/v2/write}, becomes a
 *       label {@code db}, unless the line has a tag {@code db}, which wins. The 2.x parameters
 *       {@code bucket} and {@code org} are ignored: no label.
 *   <li>Timestamps are in the unit of the {@code precision} parameter ({@code ns} when absent),
 *       stored in milliseconds. A line without a timestamp gets the time of arrival. Lines more
 *       than 2 days in the future are dropped, with a warning in the log only (the write still
 *       answers 204).
 *   <li>Two writes of the same series and timestamp keep one sample ({@code
 *       -dedup.minScrapeInterval=1ms}), as InfluxDB keeps one point: a replay of the same points
 *       leaves no duplicate. Which value stays when the two differ is not specified (1.79 kept the
 *       last written when we tried; later versions keep the largest): do not rely on it.
 * </ul>
 *
 * <p>A written sample becomes searchable after the server's periodic flush, a few seconds at most;
 * call {@link #flush()} after writing to read it at once. Not thread-safe: one test thread uses it.
 */
public final class VictoriaMetricsServer implements AutoCloseable {

  /** Where the Debian package {@code victoria-metrics} installs the server. */
  public static final Path BINARY = Path.of("/usr/bin/victoria-metrics");

  static final String INSTALL_HINT =
      "run scripts/install-test-services (or: sudo apt-get install victoria-metrics)";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  // VictoriaMetrics refuses samples more than 2 days ahead; read up to 3 days ahead.
  private static final Duration READ_AHEAD = Duration.ofDays(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalServer server;
  private HttpClient http;

  /** A server with the Debian package's binary; call {@link #start()}. */
  public VictoriaMetricsServer() {
    this(BINARY);
  }

  VictoriaMetricsServer(Path binary) {
    this.server =
        new LocalServer(
            "victoria-metrics",
            Objects.requireNonNull(binary, "binary"),
            INSTALL_HINT,
            START_TIMEOUT,
            STOP_TIMEOUT,
            new LocalServer.Launch() {
              @Override
              public void beforeLaunch(LocalServer server) {
                // A new client per start: no pooled connection to a previous process.
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
              }

              @Override
              public List<String> command(LocalServer server) {
                return VictoriaMetricsServer.this.command();
              }

              @Override
              public boolean ready(LocalServer server) {
                return VictoriaMetricsServer.this.ready();
              }

              @Override
              public String readiness(LocalServer server) {
                return "answering OK at " + url() + "/health";
              }
            });
  }

  /**
   * Starts the server on a free port with an empty data dir; returns when {@code /health} answers
   * OK and {@code /flags} shows this data dir. Fails, with the last lines of the log, if that takes
   * more than 30 s.
   */
  public VictoriaMetricsServer start() {
    server.start(() -> {});
    return this;
  }

  /** The HTTP port on 127.0.0.1. */
  public int port() {
    return server.port();
  }

  /**
   * {@code http://127.0.0.1:PORT}: the base URL for InfluxDB clients (line protocol at {@code
   * /write} and {@code /api/v2/write}) and for the Prometheus query API.
   */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** The server's output, kept across restarts. */
  public Path logFile() {
    return server.logFile();
  }

  /** The {@code -storageDataPath}. */
  public Path dataDir() {
    return server.dir().resolve("data");
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  /** Makes every sample written so far searchable ({@code /internal/force_flush}). */
  public void flush() {
    send(HttpRequest.newBuilder(URI.create(url() + "/internal/force_flush")).GET());
  }

  /**
   * Waits at most {@code atMost} until {@code assertion} passes, making every sample written so far
   * searchable ({@link #flush()}) before each try: for what a writer sends in its own time.
   */
  public void awaitFlushed(Duration atMost, ThrowingRunnable assertion) {
    await()
        .atMost(atMost)
        .untilAsserted(
            () -> {
              flush();
              assertion.run();
            });
  }

  /**
   * The agent's settings to write here: org {@code plant}, bucket {@code gemba}, a token (which the
   * server does not check), batches of {@code batchSize} lines flushed every 100 ms, at most {@code
   * maxPendingPoints} waiting, a write timing out after 2 s.
   */
  public InfluxConfig influx(int batchSize, int maxPendingPoints) {
    return new InfluxConfig(
        Optional.of(URI.create(url())),
        "plant",
        "gemba",
        Secret.of("it-token"),
        batchSize,
        Duration.ofMillis(100),
        maxPendingPoints,
        Duration.ofSeconds(2));
  }

  /**
   * Every sample of the series that {@code seriesSelector} matches (e.g. {@code
   * oee_availability{line="L1"}}), from {@code /api/v1/export}: one {@link Series} per series, its
   * labels including {@code __name__}, samples in time order.
   */
  public List<Series> export(String seriesSelector) {
    String body =
        get(
            "/api/v1/export",
            Map.of(
                "match[]",
                seriesSelector,
                "start",
                "0",
                "end",
                Long.toString(Instant.now().plus(READ_AHEAD).getEpochSecond())));
    // One JSON object per line; a series may come in several lines (blocks): merge them.
    Map<Map<String, String>, List<Sample>> samples = new LinkedHashMap<>();
    for (String line : body.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = parse(line);
      List<Sample> series =
          samples.computeIfAbsent(labels(node.get("metric")), k -> new ArrayList<>());
      JsonNode values = node.get("values");
      JsonNode timestamps = node.get("timestamps");
      for (int i = 0; i < values.size(); i++) {
        series.add(new Sample(timestamps.get(i).asLong(), number(values.get(i))));
      }
    }
    List<Series> result = new ArrayList<>();
    samples.forEach(
        (labels, list) -> {
          list.sort(Comparator.comparingLong(Sample::timestampMs));
          result.add(
              new Series(
                  labels,
                  list.stream().map(Sample::value).toList(),
                  list.stream().map(Sample::timestampMs).toList()));
        });
    return result;
  }

  /**
   * The result of the PromQL instant query {@code promql} at {@code time} ({@code /api/v1/query}):
   * one {@link Series} per element of the vector, with one value and its timestamp (the query time,
   * as PromQL gives it). A range-vector query ({@code foo[5m]}) gives all samples in the range; a
   * scalar gives one series without labels. The labels are those of MetricsQL, which differ from
   * Prometheus in places: {@code max_over_time} and other rollups of raw samples keep {@code
   * __name__}.
   */
  public List<Series> query(String promql, Instant time) {
    String body =
        get(
            "/api/v1/query",
            Map.of(
                "query",
                promql,
                "time",
                BigDecimal.valueOf(time.toEpochMilli(), 3).toPlainString()));
    JsonNode data = parse(body).get("data");
    String type = data.get("resultType").asText();
    JsonNode result = data.get("result");
    List<Series> series = new ArrayList<>();
    switch (type) {
      case "vector" -> {
        for (JsonNode element : result) {
          series.add(toSeries(labels(element.get("metric")), List.of(element.get("value"))));
        }
      }
      case "matrix" -> {
        for (JsonNode element : result) {
          List<JsonNode> values = new ArrayList<>();
          element.get("values").forEach(values::add);
          series.add(toSeries(labels(element.get("metric")), values));
        }
      }
      case "scalar" -> series.add(toSeries(Map.of(), List.of(result)));
      default -> throw new IllegalStateException("unexpected result type " + type + ": " + body);
    }
    return series;
  }

  /** How many series {@code seriesSelector} matches, over all time ({@code /api/v1/series}). */
  public int seriesCount(String seriesSelector) {
    String body =
        get(
            "/api/v1/series",
            Map.of(
                "match[]",
                seriesSelector,
                // start=0 means "not given" (the last day); 1 s after the epoch covers all.
                "start",
                "1",
                "end",
                Long.toString(Instant.now().plus(READ_AHEAD).getEpochSecond())));
    return parse(body).get("data").size();
  }

  /** SIGTERM and wait for the exit: VictoriaMetrics writes what it holds in memory as it stops. */
  public void stop() {
    server.stop();
  }

  /** SIGKILL: a crash. Samples not yet flushed to disk are lost. */
  public void kill() {
    server.kill();
  }

  /** Starts the server again (stopping it first if it runs) on the same port and data dir. */
  public void restart() {
    server.restart();
  }

  /** Stops the server (SIGTERM, SIGKILL if that fails) and deletes its temp dir. */
  @Override
  public void close() {
    server.close();
  }

  private List<String> command() {
    return List.of(
        server.binary().toString(),
        "-storageDataPath=" + dataDir(),
        "-httpListenAddr=127.0.0.1:" + server.port(),
        // Keep all data: tests write timestamps from any year.
        "-retentionPeriod=100y",
        // Samples at "now" are searchable at once (by default the last 30 s are hidden).
        "-search.latencyOffset=0s",
        // No cache of query results: a query after a write sees that write.
        "-search.disableCache",
        // One sample per series and millisecond, the last written, as InfluxDB overwrites.
        "-dedup.minScrapeInterval=1ms",
        // Warnings and errors only (rejected rows are warnings); no line per flush.
        "-loggerLevel=WARN");
  }

  // Healthy, and with our data dir: another server that took the port could be healthy too.
  private boolean ready() {
    return probe("/health").equals("OK")
        && probe("/flags").contains("-storageDataPath=\"" + dataDir() + "\"");
  }

  private String probe(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url() + path))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body().strip() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private String get(String path, Map<String, String> params) {
    StringBuilder query = new StringBuilder();
    params.forEach(
        (name, value) ->
            query
                .append(query.length() == 0 ? "?" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return send(HttpRequest.newBuilder(URI.create(url() + path + query)).GET());
  }

  private String send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            built.uri() + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw server.failure("request to victoria-metrics failed: " + built.uri() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + built.uri(), e);
    }
  }

  private static Series toSeries(Map<String, String> labels, List<JsonNode> pairs) {
    List<Double> values = new ArrayList<>();
    List<Long> timestamps = new ArrayList<>();
    for (JsonNode pair : pairs) {
      // [unix seconds with fraction, "value"]
      timestamps.add(Math.round(pair.get(0).asDouble() * 1000));
      values.add(number(pair.get(1)));
    }
    return new Series(labels, values, timestamps);
  }

  private static Map<String, String> labels(JsonNode metric) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> label : metric.properties()) {
      labels.put(label.getKey(), label.getValue().asText());
    }
    return labels;
  }

  // Prometheus writes sample values as strings, with "+Inf", "-Inf" and "NaN".
  private static double number(JsonNode value) {
    if (value.isNumber()) {
      return value.asDouble();
    }
    return switch (value.asText()) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value.asText());
    };
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON from victoria-metrics: " + json, e);
    }
  }

  private record Sample(long timestampMs, double value) {}

  /**
   * One series: its labels (with {@code __name__} when the result keeps it) and its samples, values
   * and millisecond timestamps at the same index.
   */
  public record Series(Map<String, String> labels, List<Double> values, List<Long> timestampsMs) {

    public Series {
      labels = Map.copyOf(labels);
      values = List.copyOf(values);
      timestampsMs = List.copyOf(timestampsMs);
      if (values.size() != timestampsMs.size()) {
        throw new IllegalArgumentException(
            values.size() + " values but " + timestampsMs.size() + " timestamps");
      }
    }

    /** The metric name ({@code __name__}), or null when the result has none. */
    public String name() {
      return labels.get("__name__");
    }
  }
}
