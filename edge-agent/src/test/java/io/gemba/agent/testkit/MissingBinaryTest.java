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
}
