package io.gemba.agent.http;

import io.gemba.agent.config.HttpConfig;
import io.gemba.collector.engine.QualitySnapshot;
import io.gemba.collector.engine.StationSnapshot;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The agent's HTTP server: health, Prometheus metrics and the current KPIs (docs/operations.md).
 *
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the process runs.
 *   <li>{@code GET /health/ready}: 200 when connected to the broker and the writer takes points,
 *       else 503; the body gives each check's status ({@code UP}, {@code DEGRADED}: working, but
 *       something an operator should look at, such as damage skipped in the spool, or {@code DOWN})
 *       and, where there is one, a line of detail.
 *   <li>{@code GET /metrics}: Prometheus text format.
 *   <li>{@code GET /api/v1/stations}, {@code GET /api/v1/lines}: JSON arrays.
 * </ul>
 *
 * <p>With {@code http.token} set, {@code /metrics} and {@code /api/} ask for {@code Authorization:
 * Bearer TOKEN} and answer 401 without it; the health checks never do, so that probes need no
 * secret (they tell only UP or DOWN).
 */
public final class HttpApi extends VerticleBase {

  /** A check's state: {@code DOWN} makes the agent not ready; {@code DEGRADED} does not. */
  public enum Status {
    UP,
    DEGRADED,
    DOWN
  }

  /** What a check found, with a line of detail for an operator, if any. */
  public record Check(Status status, Optional<String> detail) {
    public Check {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(detail, "detail");
    }

    /** Up or down, without detail. */
    public static Check of(boolean up) {
      return new Check(up ? Status.UP : Status.DOWN, Optional.empty());
    }
  }

  /** What {@code /health/ready} checks, by name. */
  public record Readiness(String name, Supplier<Check> check) {

    /** A check that is up or down. */
    public static Readiness of(String name, BooleanSupplier up) {
      return new Readiness(name, () -> Check.of(up.getAsBoolean()));
    }
  }

  private final HttpConfig config;
  private final PrometheusMeterRegistry registry;
  private final PlantView plant;
  private final List<Readiness> readiness;
  private HttpServer server;

  /** A server at {@code config}'s address. */
  public HttpApi(
      HttpConfig config,
      PrometheusMeterRegistry registry,
      PlantView plant,
      List<Readiness> readiness) {
    this.config = config;
    this.registry = registry;
    this.plant = plant;
    this.readiness = List.copyOf(readiness);
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    if (config.token().isPresent()) {
      byte[] expected = config.token().reveal().getBytes(StandardCharsets.UTF_8);
      router.route("/metrics").handler(ctx -> requireToken(ctx, expected));
      router.route("/api/*").handler(ctx -> requireToken(ctx, expected));
    }
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape()));
    router.get("/api/v1/stations").handler(this::stations);
    router.get("/api/v1/lines").handler(ctx -> array(ctx, plant.lines(), SnapshotJson::line));
    router.get("/api/v1/quality").handler(this::quality);
    router.get("/api/v1/lean").handler(this::lean);
    // HTTP/1.1 only: a client's upgrade to cleartext HTTP/2 (h2c, as Java's HttpClient asks by
    // default) broke large responses such as /metrics with frames the client could not read.
    return vertx
        .createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(router)
        .listen(config.port(), config.host())
        .onSuccess(s -> server = s);
  }

  /**
   * Lets the request on if its {@code Authorization} header is the {@code Bearer} scheme (in any
   * case, RFC 7235) and the token, compared in constant time; else answers 401 with the challenge
   * of RFC 6750.
   */
  private static void requireToken(RoutingContext ctx, byte[] expected) {
    String given = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    String token = given == null ? null : bearerToken(given);
    if (token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), expected)) {
      ctx.next();
      return;
    }
    ctx.response()
        .putHeader(
            "WWW-Authenticate",
            given == null
                ? "Bearer realm=\"gemba\""
                : "Bearer realm=\"gemba\", error=\"invalid_token\"")
        .setStatusCode(401)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", "a bearer token is required").encode());
  }

  /** The token of {@code Bearer TOKEN}, the scheme in any case, or null for another scheme. */
  static String bearerToken(String authorization) {
    int space = authorization.indexOf(' ');
    if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
      return null;
    }
    return authorization.substring(space + 1).strip();
  }

  /** The port the server listens on (useful when configured as 0). */
  public int port() {
    return server.actualPort();
  }

  private void ready(RoutingContext ctx) {
    JsonObject checks = new JsonObject();
    JsonObject details = new JsonObject();
    Status worst = Status.UP;
    for (Readiness readiness : readiness) {
      Check check = readiness.check().get();
      checks.put(readiness.name(), check.status().name());
      check.detail().ifPresent(detail -> details.put(readiness.name(), detail));
      if (check.status().compareTo(worst) > 0) {
        worst = check.status();
      }
    }
    JsonObject body = new JsonObject().put("status", worst.name()).put("checks", checks);
    if (!details.isEmpty()) {
      body.put("details", details);
    }
    json(ctx, worst == Status.DOWN ? 503 : 200, body);
  }

  /** The most stations one page of {@code /api/v1/stations} holds, and the default. */
  static final int MAX_PAGE = 10_000;

  static final int DEFAULT_PAGE = 1_000;

  /**
   * {@code /api/v1/stations}, filtered by {@code site}, {@code area}, {@code line}, {@code station}
   * and {@code configured}, a page of {@code limit} from {@code offset}: the total that match in
   * {@code X-Total-Count}, the next page in a {@code Link} header (RFC 8288).
   */
  private void stations(RoutingContext ctx) {
    Map<String, String> equal = new LinkedHashMap<>();
    for (String name : List.of("site", "area", "line", "station")) {
      String value = ctx.request().getParam(name);
      if (value != null) {
        equal.put(name, value);
      }
    }
    String configured = ctx.request().getParam("configured");
    if (configured != null && !configured.equals("true") && !configured.equals("false")) {
      badRequest(ctx, "configured must be true or false");
      return;
    }
    int limit;
    int offset;
    try {
      limit = intParam(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
      offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    } catch (IllegalArgumentException e) {
      badRequest(ctx, e.getMessage());
      return;
    }
    List<StationSnapshot> matching = new ArrayList<>();
    for (StationSnapshot s : plant.stations()) {
      if (matches(equal, "site", s.site())
          && matches(equal, "area", s.area())
          && matches(equal, "line", s.line())
          && matches(equal, "station", s.station())
          && (configured == null || Boolean.parseBoolean(configured) == s.configured())) {
        matching.add(s);
      }
    }
    int from = Math.min(offset, matching.size());
    int to = (int) Math.min(matching.size(), (long) from + limit);
    ctx.response().putHeader("X-Total-Count", Integer.toString(matching.size()));
    if (to < matching.size()) {
      StringBuilder next = new StringBuilder("</api/v1/stations?");
      equal.forEach(
          (name, value) ->
              next.append(name)
                  .append('=')
                  .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                  .append('&'));
      if (configured != null) {
        next.append("configured=").append(configured).append('&');
      }
      next.append("limit=").append(limit).append("&offset=").append(to).append(">; rel=\"next\"");
      ctx.response().putHeader("Link", next.toString());
    }
    array(ctx, matching.subList(from, to), SnapshotJson::station);
  }

  /**
   * {@code /api/v1/quality}, filtered by {@code site}, {@code area}, {@code line}, {@code station}.
   */
  private void quality(RoutingContext ctx) {
    Map<String, String> equal = scopeFilter(ctx, "site", "area", "line", "station");
    if (equal == null) {
      return;
    }
    List<QualitySnapshot> matching = new ArrayList<>();
    for (QualitySnapshot q : plant.quality()) {
      if (matches(equal, "site", q.site())
          && matches(equal, "area", q.area())
          && matches(equal, "line", q.line())
          && matches(equal, "station", q.station())) {
        matching.add(q);
      }
    }
    array(ctx, matching, LeanJson::quality);
  }

  /** {@code /api/v1/lean}, filtered by {@code site}, {@code area}, {@code line}. */
  private void lean(RoutingContext ctx) {
    Map<String, String> equal = scopeFilter(ctx, "site", "area", "line");
    if (equal == null) {
      return;
    }
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(LeanJson.lean(plant.lean(), equal).encode());
  }

  /**
   * The query's equality filters among {@code names}, or null after answering 400 for a parameter
   * that is not one of them.
   */
  private static Map<String, String> scopeFilter(RoutingContext ctx, String... names) {
    Map<String, String> equal = new HashMap<>();
    List<String> known = List.of(names);
    for (String name : ctx.queryParams().names()) {
      if (!known.contains(name)) {
        badRequest(ctx, "unknown parameter '" + name + "'; the filters are " + known);
        return null;
      }
      equal.put(name, ctx.queryParams().get(name));
    }
    return equal;
  }

  static boolean matches(Map<String, String> equal, String name, String value) {
    String wanted = equal.get(name);
    return wanted == null || wanted.equals(value);
  }

  private static int intParam(RoutingContext ctx, String name, int absent, int min, int max) {
    String text = ctx.request().getParam(name);
    if (text == null) {
      return absent;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(name + " must be an integer from " + min + " to " + max);
  }

  private static void badRequest(RoutingContext ctx, String error) {
    json(ctx, 400, new JsonObject().put("error", error));
  }

  private static <T> void array(
      RoutingContext ctx, List<T> items, java.util.function.Function<T, JsonObject> toJson) {
    JsonArray array = new JsonArray();
    for (T item : items) {
      array.add(toJson.apply(item));
    }
    ctx.response().putHeader("Content-Type", "application/json").end(array.encode());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
