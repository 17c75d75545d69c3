package io.gemba.agent.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MissingBinaryTest {

  @Test
  void mosquitto_missing_failsWithTheInstallCommand_neverSkips() {
    MosquittoServer broker =
        MosquittoServer.builder().binary(Path.of("/nonexistent/mosquitto")).build();

    assertThatThrownBy(broker::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "missing /nonexistent/mosquitto: run scripts/install-test-services"
                + " (or: sudo apt-get install mosquitto mosquitto-clients)");
  }

  @Test
  void victoriaMetrics_missing_failsWithTheInstallCommand_neverSkips() {
    VictoriaMetricsServer vm = new VictoriaMetricsServer(Path.of("/nonexistent/victoria-metrics"));

    assertThatThrownBy(vm::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "missing /nonexistent/victoria-metrics: run scripts/install-test-services"
                + " (or: sudo apt-get install victoria-metrics)");
  }
}
