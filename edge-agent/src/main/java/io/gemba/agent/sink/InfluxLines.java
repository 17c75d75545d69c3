package io.gemba.agent.sink;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import io.gemba.agent.config.InfluxConfig;
import io.gemba.agent.spool.LineWriter;
import io.gemba.agent.spool.WriteFailure;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * InfluxDB's v2 write API (or anything that speaks it, such as VictoriaMetrics), with
 * influxdb-client-java's blocking write API: the client's asynchronous API drops points under
 * back-pressure, this one keeps them until written. A failed write says why as a {@link
 * WriteFailure}: the server's status and its {@code Retry-After}.
 */
public final class InfluxLines implements LineWriter {

  private final String target;
  private final InfluxDBClient client;
  private final WriteApiBlocking writeApi;

  /** A client for {@code config}'s server, org and bucket, with its timeout on every call. */
  public InfluxLines(InfluxConfig config) {
    long timeoutMs = config.timeout().toMillis();
    this.target = config.url().orElseThrow().toString();
    this.client =
        InfluxDBClientFactory.create(
            InfluxDBClientOptions.builder()
                .url(target)
                .authenticateToken(config.token().reveal().toCharArray())
                .org(config.org())
                .bucket(config.bucket())
                .okHttpClient(
                    new OkHttpClient.Builder()
                        .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                        .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                        .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS))
                .build());
    this.writeApi = client.getWriteApiBlocking();
  }

  @Override
  public void write(List<String> lines) throws WriteFailure {
    try {
      writeApi.writeRecords(WritePrecision.MS, lines);
    } catch (InfluxException e) {
      throw failure(e);
    }
  }

  /** The client's exception as a {@link WriteFailure}: status 0 when the server did not answer. */
  public static WriteFailure failure(InfluxException e) {
    return new WriteFailure(e.status(), e.getMessage(), retryAfterMs(e), e);
  }

  /** The server's {@code Retry-After} in milliseconds, if it gave one in seconds. */
  private static OptionalLong retryAfterMs(InfluxException e) {
    if (e.headers() != null) {
      String value = e.headers().get("Retry-After");
      if (value != null && value.strip().matches("\\d{1,6}")) {
        return OptionalLong.of(Long.parseLong(value.strip()) * 1000);
      }
    }
    return OptionalLong.empty();
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public void close() {
    client.close();
  }
}
