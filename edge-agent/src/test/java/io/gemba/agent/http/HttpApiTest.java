package io.gemba.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.agent.config.HttpConfig;
import io.gemba.agent.config.Secret;
import io.gemba.collector.engine.LeanSnapshot;
import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.engine.QualitySnapshot;
import io.gemba.collector.engine.StationSnapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class HttpApiTest {

  private static final String TOKEN = "s3cret-token-for-the-api";

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void withAToken_metricsAndApiAskForIt_healthChecksDoNot(Vertx vertx) throws Exception {
    int port = start(vertx, new HttpConfig("127.0.0.1", 0, Secret.of(TOKEN)));

    for (String path : List.of("/metrics", "/api/v1/lines", "/api/v1/stations")) {
      HttpResponse<String> none = get(port, path, null);
      assertThat(none.statusCode()).as(path).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"gemba\"");
      assertThat(none.body()).doesNotContain(TOKEN);

      HttpResponse<String> wrong = get(port, path, "Bearer " + TOKEN + "x");
      assertThat(wrong.statusCode()).as(path).isEqualTo(401);
      assertThat(wrong.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"gemba\", error=\"invalid_token\"");
      assertThat(get(port, path, "Basic " + TOKEN).statusCode()).as(path).isEqualTo(401);

      assertThat(get(port, path, "Bearer " + TOKEN).statusCode()).as(path).isEqualTo(200);
      // The scheme in any case (RFC 7235), the token as it is.
      assertThat(get(port, path, "bearer " + TOKEN).statusCode()).as(path).isEqualTo(200);
      assertThat(get(port, path, "BEARER " + TOKEN).statusCode()).as(path).isEqualTo(200);
      assertThat(get(port, path, "Bearer " + TOKEN.toUpperCase(java.util.Locale.ROOT)).statusCode())
          .as(path)
          .isEqualTo(401);
      assertThat(get(port, path, "Bearer" + TOKEN).statusCode()).as(path).isEqualTo(401);
    }
    assertThat(get(port, "/health/live", null).statusCode()).isEqualTo(200);
    assertThat(get(port, "/health/ready", null).statusCode()).isEqualTo(200);
  }

  /**
   * Java's HttpClient asks to upgrade to cleartext HTTP/2 (h2c); over it the server sent large
   * bodies as frames the client refused ("Frame type(99) length(3148403) exceeds MAX_FRAME_SIZE")
   * within a few requests. The server speaks HTTP/1.1 only, and every scrape comes whole.
   */
  @Test
  void largeMetrics_comeWhole_overHttp11_toAClientThatAsksForH2c(Vertx vertx) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (int i = 0; i < 3000; i++) {
      registry.counter("gemba.test.counter", "index", Integer.toString(i)).increment();
    }
    HttpApi api =
        new HttpApi(new HttpConfig("127.0.0.1", 0), registry, stations(List.of()), List.of());
    vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    int expected = registry.scrape().length();
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> scrape =
          HttpClient.newHttpClient()
              .sendAsync(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .get(10, TimeUnit.SECONDS);
      assertThat(scrape.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(scrape.body()).hasSize(expected);
    }
  }

  @Test
  void withoutAToken_everythingIsOpen(Vertx vertx) throws Exception {
    int port = start(vertx, new HttpConfig("127.0.0.1", 0));

    for (String path : List.of("/metrics", "/api/v1/lines", "/health/live")) {
      assertThat(get(port, path, null).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void readiness_isTheWorstCheck_degradedStillReady_withItsDetail(Vertx vertx) throws Exception {
    java.util.concurrent.atomic.AtomicReference<HttpApi.Check> spool =
        new java.util.concurrent.atomic.AtomicReference<>(HttpApi.Check.of(true));
    java.util.concurrent.atomic.AtomicBoolean mqtt =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    int port =
        start(
            vertx,
            new HttpConfig("127.0.0.1", 0),
            List.of(
                HttpApi.Readiness.of("mqtt", mqtt::get),
                new HttpApi.Readiness("spool", spool::get)));

    HttpResponse<String> up = get(port, "/health/ready", null);
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body())
        .isEqualTo("{\"status\":\"UP\",\"checks\":{\"mqtt\":\"UP\",\"spool\":\"UP\"}}");

    spool.set(
        new HttpApi.Check(HttpApi.Status.DEGRADED, java.util.Optional.of("skipped 20 bytes")));
    HttpResponse<String> degraded = get(port, "/health/ready", null);
    assertThat(degraded.statusCode()).as("degraded is still ready").isEqualTo(200);
    assertThat(degraded.body())
        .isEqualTo(
            "{\"status\":\"DEGRADED\",\"checks\":{\"mqtt\":\"UP\",\"spool\":\"DEGRADED\"},"
                + "\"details\":{\"spool\":\"skipped 20 bytes\"}}");

    mqtt.set(false);
    HttpResponse<String> down = get(port, "/health/ready", null);
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).startsWith("{\"status\":\"DOWN\",");
  }

  @Test
  void stations_filteredAndPaged_withTheTotalAndTheNextPage(Vertx vertx) throws Exception {
    // Lines pack-1 and pack-2 of site tlx, 5 stations each, the first 2 of each configured.
    List<StationSnapshot> all = new java.util.ArrayList<>();
    for (String line : List.of("pack-1", "pack-2")) {
      for (int i = 0; i < 5; i++) {
        all.add(station("tlx", line, "st-" + i, i < 2));
      }
    }
    HttpApi api =
        new HttpApi(
            new HttpConfig("127.0.0.1", 0),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            stations(all),
            List.of());
    vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    int port = api.port();

    HttpResponse<String> whole = get(port, "/api/v1/stations", null);
    assertThat(whole.headers().firstValue("X-Total-Count")).hasValue("10");
    assertThat(whole.headers().firstValue("Link")).isEmpty();
    assertThat(new io.vertx.core.json.JsonArray(whole.body()).size()).isEqualTo(10);

    // pack-2's unconfigured stations (st-2, st-3, st-4), two a page.
    HttpResponse<String> first =
        get(port, "/api/v1/stations?line=pack-2&configured=false&limit=2", null);
    assertThat(first.headers().firstValue("X-Total-Count")).hasValue("3");
    assertThat(stationIds(first)).containsExactly("st-2", "st-3");
    assertThat(first.headers().firstValue("Link"))
        .hasValue("</api/v1/stations?line=pack-2&configured=false&limit=2&offset=2>; rel=\"next\"");
    HttpResponse<String> second =
        get(port, "/api/v1/stations?line=pack-2&configured=false&limit=2&offset=2", null);
    assertThat(stationIds(second)).containsExactly("st-4");
    assertThat(second.headers().firstValue("Link")).isEmpty();
    // Past the end: empty, with the total.
    HttpResponse<String> past = get(port, "/api/v1/stations?offset=50", null);
    assertThat(past.body()).isEqualTo("[]");
    assertThat(past.headers().firstValue("X-Total-Count")).hasValue("10");

    HttpResponse<String> bad = get(port, "/api/v1/stations?limit=0", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("limit must be an integer from 1 to 10000");
    assertThat(get(port, "/api/v1/stations?configured=yes", null).statusCode()).isEqualTo(400);
  }

  private static List<String> stationIds(HttpResponse<String> response) {
    io.vertx.core.json.JsonArray array = new io.vertx.core.json.JsonArray(response.body());
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      ids.add(array.getJsonObject(i).getString("station"));
    }
    return ids;
  }

  private static StationSnapshot station(
      String site, String line, String station, boolean configured) {
    return new StationSnapshot(
        site,
        "battery",
        line,
        station,
        configured,
        false,
        io.gemba.collector.telemetry.MachineState.RUNNING,
        null,
        java.time.Instant.parse("2026-11-26T06:00:00Z"),
        null,
        java.time.Instant.parse("2026-11-26T06:10:00Z"),
        "2026-11-26/A",
        null,
        null,
        null,
        new io.gemba.collector.engine.DataQuality(0, 0, 0, 0, 0, 0, 0, false));
  }

  private static int start(Vertx vertx, HttpConfig config) throws Exception {
    return start(vertx, config, List.of(HttpApi.Readiness.of("always", () -> true)));
  }

  /** A plant of these stations, without lines, battery tests or lean KPIs. */
  private static PlantView stations(List<StationSnapshot> stations) {
    return new PlantView() {
      @Override
      public List<StationSnapshot> stations() {
        return stations;
      }

      @Override
      public List<LineSnapshot> lines() {
        return List.of();
      }

      @Override
      public List<QualitySnapshot> quality() {
        return List.of();
      }

      @Override
      public LeanSnapshot lean() {
        return PlantView.NO_LEAN;
      }
    };
  }

  private static int start(Vertx vertx, HttpConfig config, List<HttpApi.Readiness> readiness)
      throws Exception {
    HttpApi api =
        new HttpApi(
            config,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            stations(List.of()),
            readiness);
    vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return api.port();
  }

  private HttpResponse<String> get(int port, String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
