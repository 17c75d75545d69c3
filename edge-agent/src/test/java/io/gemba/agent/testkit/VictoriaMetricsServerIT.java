package io.gemba.agent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gemba.agent.testkit.VictoriaMetricsServer.Series;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VictoriaMetricsServerIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  // 2023-11-14T22:13:20Z and one minute later.
  private static final long T0_MS = 1_700_000_000_000L;
  private static final long T1_MS = 1_700_000_060_000L;

  private static final Map<String, String> ST10 =
      Map.of("site", "plant1", "line", "L1", "station", "ST10", "window", "1m");

  @Test
  void v2Write_thenExportAndQuery_giveTheExactValuesAndLabels() throws Exception {
    try (VictoriaMetricsServer vm = new VictoriaMetricsServer().start()) {
      // As influxdb-client-java writes: org, bucket and precision as parameters.
      write(
          vm,
          "/api/v2/write?org=gemba&bucket=plant&precision=ms",
          """
          oee,site=plant1,line=L1,station=ST10,window=1m availability=0.875,performance=0.9 1700000000000
          oee,site=plant1,line=L1,station=ST10,window=1m availability=0.75,performance=1.05 1700000060000
          """);
      vm.flush();

      // One series per field, named measurement_field; tags become labels; no org/bucket label.
      assertThat(vm.export("oee_availability"))
          .containsExactly(
              new Series(
                  withName("oee_availability", ST10), List.of(0.875, 0.75), List.of(T0_MS, T1_MS)));
      assertThat(vm.export("oee_performance{station=\"ST10\"}"))
          .containsExactly(
              new Series(
                  withName("oee_performance", ST10), List.of(0.9, 1.05), List.of(T0_MS, T1_MS)));
      assertThat(vm.seriesCount("{__name__=~\"oee_.*\"}")).isEqualTo(2);
      assertThat(vm.seriesCount("{station=\"ST99\"}")).isZero();

      // An instant query gives the last sample at or before its time, stamped with the query time.
      assertThat(vm.query("oee_availability", Instant.ofEpochMilli(T0_MS + 30_000)))
          .containsExactly(
              new Series(
                  withName("oee_availability", ST10), List.of(0.875), List.of(T0_MS + 30_000)));
      assertThat(vm.query("oee_availability", Instant.ofEpochMilli(T1_MS)))
          .containsExactly(
              new Series(withName("oee_availability", ST10), List.of(0.75), List.of(T1_MS)));
      // MetricsQL, not Prometheus: max_over_time keeps the metric name.
      assertThat(vm.query("max_over_time(oee_performance[5m])", Instant.ofEpochMilli(T1_MS)))
          .containsExactly(
              new Series(withName("oee_performance", ST10), List.of(1.05), List.of(T1_MS)));
      // An aggregation keeps its "by" labels only.
      assertThat(vm.query("max by (station) (oee_availability)", Instant.ofEpochMilli(T1_MS)))
          .containsExactly(new Series(Map.of("station", "ST10"), List.of(0.75), List.of(T1_MS)));
      // A range selector returns the raw samples in (time - 2m, time].
      assertThat(vm.query("oee_availability[2m]", Instant.ofEpochMilli(T1_MS)))
          .containsExactly(
              new Series(
                  withName("oee_availability", ST10), List.of(0.875, 0.75), List.of(T0_MS, T1_MS)));
      // 0.875 * 0.9 = 0.7875 (a scalar result has no labels)
      assertThat(
              vm.query(
                  "scalar(oee_availability) * scalar(oee_performance)",
                  Instant.ofEpochMilli(T0_MS)))
          .containsExactly(new Series(Map.of(), List.of(0.7875), List.of(T0_MS)));
      assertThat(vm.query("oee_availability", Instant.ofEpochMilli(T0_MS - 60_000))).isEmpty();
    }
  }

  @Test
  void v1WriteWithDb_addsADbLabel_unlessTheLineHasADbTag() throws Exception {
    try (VictoriaMetricsServer vm = new VictoriaMetricsServer().start()) {
      // No precision parameter: nanoseconds.
      write(
          vm,
          "/write?db=gemba",
          """
          production,site=plant1,line=L1,station=ST10,product=HV-1 total=12i,good=11i 1700000000000000000
          production,site=plant1,line=L1,station=ST20,product=HV-1,db=other total=7i 1700000000000000000
          """);
      write(
          vm,
          "/api/v2/write?db=gemba-v2&precision=s",
          "production,site=plant1,line=L1,station=ST30,product=HV-1 total=5i 1700000000\n");
      vm.flush();

      Map<String, String> st10 =
          Map.of(
              "__name__", "production_total",
              "site", "plant1",
              "line", "L1",
              "station", "ST10",
              "product", "HV-1",
              "db", "gemba");
      assertThat(vm.export("production_total{station=\"ST10\"}"))
          .containsExactly(new Series(st10, List.of(12.0), List.of(T0_MS)));
      assertThat(vm.export("production_total{station=\"ST20\"}"))
          .extracting(s -> s.labels().get("db"), Series::values)
          .containsExactly(tuple("other", List.of(7.0)));
      assertThat(vm.export("production_total{station=\"ST30\"}"))
          .extracting(s -> s.labels().get("db"), Series::values)
          .containsExactly(tuple("gemba-v2", List.of(5.0)));
      assertThat(vm.seriesCount("{db=\"gemba\"}")).isEqualTo(2); // production_total, _good
    }
  }

  @Test
  void fieldTypes_becomeFloats_andStringsBecomeZero() throws Exception {
    try (VictoriaMetricsServer vm = new VictoriaMetricsServer().start()) {
      write(
          vm,
          "/api/v2/write?precision=ms",
          """
          battery_test,site=plant1,line=L1,station=EOL,product=HV-1,result=pass voltage_v=3.65,first_pass=true,cells=96i 1700000000000
          alert,site=plant1,line=L1,station=ST10,rule=cpk,severity=warning,state=firing value=1.2,message="Cpk below 1.33" 1700000000000
          """);
      vm.flush();

      assertThat(valueOf(vm, "battery_test_voltage_v")).isEqualTo(3.65);
      assertThat(valueOf(vm, "battery_test_first_pass")).isEqualTo(1.0);
      assertThat(valueOf(vm, "battery_test_cells")).isEqualTo(96.0);
      assertThat(valueOf(vm, "alert_value")).isEqualTo(1.2);
      assertThat(valueOf(vm, "alert_message")).isEqualTo(0.0); // the text is lost
    }
  }

  @Test
  void replayOfTheSamePoints_leavesOneSamplePerSeriesAndTimestamp() throws Exception {
    try (VictoriaMetricsServer vm = new VictoriaMetricsServer().start()) {
      String point =
          "production,site=plant1,line=L1,station=ST10,product=HV-1 total=12i 1700000000\n";
      write(vm, "/api/v2/write?precision=s", point);
      vm.flush();
      write(vm, "/api/v2/write?precision=s", point); // a replay after a crash
      vm.flush();

      assertThat(vm.export("production_total"))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.values()).containsExactly(12.0);
                assertThat(s.timestampsMs()).containsExactly(T0_MS);
              });
    }
  }

  @Test
  void restart_keepsTheData_onTheSamePort() throws Exception {
    try (VictoriaMetricsServer vm = new VictoriaMetricsServer().start()) {
      write(
          vm,
          "/api/v2/write?precision=s",
          "machine_state,site=plant1,line=L1,station=ST10,state=DOWN,reason=jam code=3i,duration_s=42.5 1700000000\n");
      String url = vm.url();

      vm.restart(); // SIGTERM: written data is saved without a flush

      assertThat(vm.url()).isEqualTo(url);
      Map<String, String> labels =
          Map.of(
              "__name__", "machine_state_duration_s",
              "site", "plant1",
              "line", "L1",
              "station", "ST10",
              "state", "DOWN",
              "reason", "jam");
      assertThat(vm.export("machine_state_duration_s"))
          .containsExactly(new Series(labels, List.of(42.5), List.of(T0_MS)));
      assertThat(vm.seriesCount("{__name__=~\"machine_state_.*\"}")).isEqualTo(2);

      vm.kill();
      vm.restart();
      assertThat(vm.isRunning()).isTrue();
      assertThat(vm.export("machine_state_code"))
          .extracting(Series::values)
          .containsExactly(List.of(3.0));
    }
  }

  private static double valueOf(VictoriaMetricsServer vm, String metric) {
    List<Series> series = vm.export(metric);
    assertThat(series).as(metric).hasSize(1);
    assertThat(series.get(0).values()).as(metric).hasSize(1);
    return series.get(0).values().get(0);
  }

  private static Map<String, String> withName(String name, Map<String, String> labels) {
    Map<String, String> all = new HashMap<>(labels);
    all.put("__name__", name);
    return all;
  }

  private static void write(VictoriaMetricsServer vm, String pathAndQuery, String lines)
      throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(vm.url() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(lines))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
  }
}
