package io.gemba.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimulationOptionsTest {

  @Test
  void options_defaults_twoLinesOfFiveInRealTime() {
    SimulationOptions options = SimulationOptions.defaults();

    assertThat(options.lines()).isEqualTo(2);
    assertThat(options.stationsPerLine()).isEqualTo(5);
    assertThat(options.seed()).isEqualTo(SimulationOptions.DEFAULT_SEED);
    assertThat(options.speedUp()).isEqualTo(1.0);
    assertThat(options.countEvery()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.heartbeatEvery()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.mtbf()).isEqualTo(Duration.ofMinutes(45));
    assertThat(options.mttr()).isEqualTo(Duration.ofMinutes(4));
    assertThat(options.scrapRate()).isEqualTo(0.02);
    assertThat(options.localShare()).isEqualTo(0.60);
  }

  @Test
  void options_with_changesOnlyThatValue() {
    SimulationOptions options =
        SimulationOptions.defaults()
            .withLines(7)
            .withStationsPerLine(9)
            .withSeed(3)
            .withSpeedUp(60);

    assertThat(options)
        .isEqualTo(
            new SimulationOptions(
                7,
                9,
                3,
                60,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(45),
                Duration.ofMinutes(4),
                0.02,
                0.60));
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        bad("lines", o -> o.withLines(0)),
        bad("lines", o -> o.withLines(100)),
        bad("stationsPerLine", o -> o.withStationsPerLine(0)),
        bad("stationsPerLine", o -> o.withStationsPerLine(31)),
        bad("speedUp", o -> o.withSpeedUp(0)),
        bad("speedUp", o -> o.withSpeedUp(Double.NaN)),
        bad("speedUp", o -> o.withSpeedUp(2e6)),
        bad("countEvery", o -> o.withIntervals(Duration.ofMillis(999), Duration.ofSeconds(30))),
        bad("heartbeatEvery", o -> o.withIntervals(Duration.ofSeconds(5), Duration.ofHours(2))),
        bad("mttr must be below mtbf", o -> with(o, Duration.ofMinutes(5), Duration.ofMinutes(5))),
        bad("mtbf", o -> with(o, Duration.ofSeconds(30), Duration.ofSeconds(10))),
        bad("mttr", o -> with(o, Duration.ofMinutes(45), Duration.ofSeconds(9))),
        bad("scrapRate", o -> share(o, -0.01, 0.6)),
        bad("scrapRate", o -> share(o, 0.51, 0.6)),
        bad("localShare", o -> share(o, 0.02, 1.01)),
        bad("localShare", o -> share(o, 0.02, Double.NaN)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  void options_outOfRange_failWithTheKey(String key, UnaryOperator<SimulationOptions> change) {
    assertThatThrownBy(() -> change.apply(SimulationOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(key);
  }

  private static Arguments bad(String key, UnaryOperator<SimulationOptions> change) {
    return Arguments.of(key, change);
  }

  private static SimulationOptions with(SimulationOptions o, Duration mtbf, Duration mttr) {
    return with(o, mtbf, mttr, o.scrapRate(), o.localShare());
  }

  private static SimulationOptions share(SimulationOptions o, double scrap, double local) {
    return with(o, o.mtbf(), o.mttr(), scrap, local);
  }

  /** {@code o} with other failures and shares, which have no wither. */
  private static SimulationOptions with(
      SimulationOptions o, Duration mtbf, Duration mttr, double scrap, double local) {
    return new SimulationOptions(
        o.lines(),
        o.stationsPerLine(),
        o.seed(),
        o.speedUp(),
        o.countEvery(),
        o.heartbeatEvery(),
        mtbf,
        mttr,
        scrap,
        local);
  }
}
