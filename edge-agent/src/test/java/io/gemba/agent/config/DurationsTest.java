package io.gemba.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "90s, 90000",
    "2m, 120000",
    "1h, 3600000",
    "500ms, 500",
    "1h30m, 5400000",
    "2m30s, 150000",
    "7d, 604800000",
    "1s500ms, 1500",
    "0s, 0",
    "PT2M, 120000",
    "PT1H30M, 5400000",
    "PT0.5S, 500",
    "pt90s, 90000",
    "P1D, 86400000"
  })
  void parse_shortAndIsoForms_giveTheDuration(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "90", "1.5s", "2 m", "1m1h", "5x", "-5s", "PT", "PTXS", "s"})
  void parse_otherText_saysWhatADurationLooksLike(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("must be a duration such as 90s, 2m, 1h30m, 500ms or PT2M, was '");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0s",
    "500, 500ms",
    "1000, 1s",
    "90000, 1m30s",
    "3600000, 1h",
    "5400000, 1h30m",
    "86400000, 1d",
    "90061001, 1d1h1m1s1ms"
  })
  void format_writesTheShortForm(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
  }

  @Test
  void format_negativeOrBelowAMillisecond_isIso() {
    assertThat(Durations.format(Duration.ofSeconds(-5))).isEqualTo("PT-5S");
    assertThat(Durations.format(Duration.ofNanos(1000))).isEqualTo("PT0.000001S");
  }
}
