package io.gemba.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.ConfigException;
import io.gemba.agent.config.ConfigLoader;
import io.gemba.collector.plant.SiteConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's configuration that the benchmark writes is valid and is the bench plant. */
class BenchConfigTest {

  @TempDir Path dir;

  private AgentConfig load() throws ConfigException {
    return load(Optional.empty());
  }

  /** The configuration the benchmark writes for these arguments, with {@code spool}. */
  private AgentConfig load(Optional<Path> spool) throws ConfigException {
    String yaml =
        AgentProcess.config(
            LoadPlan.standard(),
            "tcp://127.0.0.1:18830",
            "gemba-bench-agent-7",
            "http://127.0.0.1:18428",
            18080,
            spool);
    return ConfigLoader.load(yaml, Map.of("GEMBA_INFLUX_TOKEN", "bench-token"), dir);
  }

  @Test
  void config_withASpool_inTheGivenDirectory() throws ConfigException {
    AgentConfig config = load(Optional.of(dir.resolve("spool")));

    assertThat(config.spool().dir()).contains(dir.resolve("spool"));
  }

  @Test
  void config_benchPlant_tenLinesOfTenStations() throws ConfigException {
    SiteConfig site = load().plant().site("bench").orElseThrow();

    assertThat(site.areas())
        .singleElement()
        .satisfies(area -> assertThat(area.id()).isEqualTo("assembly"));
    assertThat(site.areas().get(0).lines()).hasSize(10);
    assertThat(site.areas().get(0).lines())
        .allSatisfy(line -> assertThat(line.stations()).hasSize(10));
    assertThat(load().plant().outputStation("bench", "assembly", "line-10")).contains("st-10");
  }

  @Test
  void config_oneShiftOfTheWholeDay_everyDay() throws ConfigException {
    SiteConfig site = load().plant().site("bench").orElseThrow();

    // a Sunday just before midnight and a Wednesday just after: both in a 24 h shift
    for (String at : new String[] {"2026-11-29T23:59:59Z", "2026-12-02T00:00:01Z"}) {
      assertThat(site.shifts().shiftAt(Instant.parse(at)))
          .hasValueSatisfying(shift -> assertThat(shift.length()).isEqualTo(Duration.ofHours(24)));
    }
  }

  @Test
  void config_connections_fromTheArguments() throws ConfigException {
    AgentConfig config = load();

    assertThat(config.mqtt().server()).isEqualTo(URI.create("tcp://127.0.0.1:18830"));
    assertThat(config.mqtt().clientId()).isEqualTo("gemba-bench-agent-7");
    assertThat(config.influx().url()).contains(URI.create("http://127.0.0.1:18428"));
    assertThat(config.influx().token().isPresent()).isTrue();
    assertThat(config.http().port()).isEqualTo(18080);
  }
}
