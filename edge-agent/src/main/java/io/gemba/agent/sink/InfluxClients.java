package io.gemba.agent.sink;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.exceptions.InfluxException;
import io.gemba.agent.config.InfluxConfig;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/** What the writers share of influxdb-client-java: the client, and the server's answers. */
final class InfluxClients {

  /** The first wait after a failed write; it doubles with each failure up to the longest. */
  static final long MIN_BACKOFF_MS = 1_000;

  static final long MAX_BACKOFF_MS = 30_000;

  private InfluxClients() {}

  /**
   * Whether the server refused a write for what it holds (a 4xx other than 429): sending it again
   * will not help. Anything else (no answer, 5xx, 429) is worth trying again.
   */
  static boolean refused(int status) {
    return status >= 400 && status < 500 && status != 429;
  }

  /** The HTTP status of a failed write; 0 when the server did not answer. */
  static int status(Throwable cause) {
    return cause instanceof InfluxException influx ? influx.status() : 0;
  }

  /**
   * The label of a failed write that will be tried again: {@code unreachable} or {@code http_N}.
   */
  static String failure(int status) {
    return status == 0 ? "unreachable" : "http_" + status;
  }

  /** A client for {@code config}'s server, org and bucket, with its timeout on every call. */
  static InfluxDBClient create(InfluxConfig config) {
    long timeoutMs = config.timeout().toMillis();
    return InfluxDBClientFactory.create(
        InfluxDBClientOptions.builder()
            .url(config.url().orElseThrow().toString())
            .authenticateToken(config.token().reveal().toCharArray())
            .org(config.org())
            .bucket(config.bucket())
            .okHttpClient(
                new OkHttpClient.Builder()
                    .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                    .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                    .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS))
            .build());
  }

  /** The server's {@code Retry-After} in milliseconds, if it gave one in seconds. */
  static OptionalLong retryAfterMs(Throwable cause) {
    if (cause instanceof InfluxException influx && influx.headers() != null) {
      String value = influx.headers().get("Retry-After");
      if (value != null && value.strip().matches("\\d{1,6}")) {
        return OptionalLong.of(Long.parseLong(value.strip()) * 1000);
      }
    }
    return OptionalLong.empty();
  }
}
