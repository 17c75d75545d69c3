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

  private InfluxClients() {}

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
