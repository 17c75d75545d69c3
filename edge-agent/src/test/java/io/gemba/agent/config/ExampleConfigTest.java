package io.gemba.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.LineConfig;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.plant.SiteConfig;
import io.gemba.collector.plant.SpecLimits;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.StateCodeTable;
import io.gemba.collector.telemetry.Topic;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commented example {@code edge-agent/config/gemba.yml} loads, and means what it says. */
class ExampleConfigTest {

  private static final Path EXAMPLE = Path.of("config/gemba.yml");
  private static final Map<String, String> SECRETS =
      Map.of("GEMBA_MQTT_PASSWORD", "mqtt-pw", "GEMBA_INFLUX_TOKEN", "influx-token");

  @Test
  void load_example_givesThePlant() throws ConfigException {
    PlantModel plant = ConfigLoader.load(EXAMPLE, SECRETS).plant();

    assertThat(plant.sites()).hasSize(1);
    SiteConfig tlx = plant.site("tlx").orElseThrow();
    assertThat(tlx.country()).isEqualTo("MX");
    assertThat(tlx.zone()).isEqualTo(ZoneId.of("America/Mexico_City"));
    assertThat(tlx.shifts().holidays()).hasSize(7).contains(LocalDate.of(2026, 12, 25));
    assertThat(tlx.areas()).extracting(a -> a.id()).containsExactly("battery", "final");
    assertThat(tlx.areas().get(0).lines())
        .extracting(LineConfig::id)
        .containsExactly("module-1", "pack-1");
    assertThat(plant.line("tlx", "battery", "pack-1").orElseThrow().stations()).hasSize(5);
    assertThat(plant.outputStation("tlx", "final", "hev-1")).contains("buyoff");
  }

  @Test
  void load_example_nightShiftCrossesMidnight() throws ConfigException {
    SiteConfig tlx = ConfigLoader.load(EXAMPLE, SECRETS).plant().site("tlx").orElseThrow();

    ShiftDefinition c = tlx.shifts().shifts().get(2);
    assertThat(c.name()).isEqualTo("C");
    assertThat(c.start()).isEqualTo(LocalTime.of(22, 0));
    assertThat(c.end()).isEqualTo(LocalTime.of(6, 0));
    assertThat(c.days())
        .containsExactlyInAnyOrder(
            DayOfWeek.SUNDAY,
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY);
    assertThat(c.breaks()).hasSize(1);
    assertThat(c.breaks().get(0).start()).isEqualTo(LocalTime.of(2, 0));
    // Sunday 2026-11-22 22:00 local is Monday 04:00 UTC (Mexico City is UTC-6, no DST).
    assertThat(tlx.shifts().shiftAt(java.time.Instant.parse("2026-11-23T04:00:00Z")))
        .hasValueSatisfying(shift -> assertThat(shift.name()).isEqualTo("C"));
  }

  @Test
  void load_example_idealCycleTimesByProductAndDefaults() throws ConfigException {
    PlantModel plant = ConfigLoader.load(EXAMPLE, SECRETS).plant();

    var st20 = plant.station("tlx", "battery", "pack-1", "st20").idealCycleTimes();
    assertThat(st20.forProduct("PHEV-PACK-13KWH")).contains(Duration.ofSeconds(95));
    assertThat(st20.forProduct("HEV-PACK-1.3KWH")).contains(Duration.ofSeconds(50));
    assertThat(st20.forProduct("OTHER")).contains(Duration.ofSeconds(55));
    // A station nobody configured gets stationDefaults: 60 s.
    assertThat(plant.station("tlx", "battery", "pack-1", "st99").idealCycleTimes().forProduct(null))
        .contains(Duration.ofSeconds(60));
  }

  @Test
  void load_example_leakTesterHasItsOwnStateCodes_andTheDecoderUsesThem() throws ConfigException {
    AgentConfig config = ConfigLoader.load(EXAMPLE, SECRETS);

    Topic leak = new Topic("tlx", "battery", "pack-1", "leak", Channel.STATE);
    StateCodeTable table = config.decoder().stateCodes().apply(leak);
    assertThat(table.lookup(3)).contains(new StateCodeTable.Entry(MachineState.DOWN, "helium-low"));
    assertThat(table.lookup(1)).contains(new StateCodeTable.Entry(MachineState.RUNNING, null));
    assertThat(table.lookup(6)).isEmpty();
    Topic eol = new Topic("tlx", "battery", "pack-1", "eol", Channel.STATE);
    assertThat(config.decoder().stateCodes().apply(eol)).isSameAs(StateCodeTable.packMl());
  }

  @Test
  void load_example_limitsForEachPackAndMeasurement_oneSidedWhereTheSpecIs()
      throws ConfigException {
    PlantModel plant = ConfigLoader.load(EXAMPLE, SECRETS).plant();
    List<String> measurements =
        List.of(
            "ocv_v",
            "dcir_mohm",
            "capacity_ah",
            "cell_spread_mv",
            "insulation_mohm",
            "leak_pa_min",
            "temp_c");

    assertThat(plant.quality().window()).isEqualTo(QualityPolicy.DEFAULT_WINDOW);
    assertThat(plant.quality().limits()).hasSize(14);
    for (String product : List.of("HEV-PACK-1.3KWH", "PHEV-PACK-13KWH")) {
      Map<String, SpecLimits> limits = plant.limits(product);
      assertThat(limits).as(product).containsOnlyKeys(measurements);
      assertThat(limits.get("dcir_mohm").lsl()).isNull();
      assertThat(limits.get("capacity_ah").usl()).isNull();
      assertThat(limits.get("insulation_mohm").usl()).isNull();
      assertThat(limits.get("ocv_v").target()).isNotNull();
    }
    // 56 cells of 3.6 V: the contract's example test passes.
    SpecLimits ocv = plant.limits("HEV-PACK-1.3KWH").get("ocv_v");
    assertThat(ocv).isEqualTo(new SpecLimits("HEV-PACK-1.3KWH", "ocv_v", 198.6, 204.6, 201.6));
    assertThat(plant.lean()).isEqualTo(LeanPolicy.defaults());
  }

  @Test
  void load_example_connections() throws ConfigException {
    AgentConfig config = ConfigLoader.load(EXAMPLE, SECRETS);

    assertThat(config.plant().policy().microStopPolicy()).isEqualTo(MicroStopPolicy.TPM);
    assertThat(config.decoder().maxPayloadBytes()).isEqualTo(65_536);
    assertThat(config.mqtt().server()).isEqualTo(URI.create("tcp://127.0.0.1:1883"));
    assertThat(config.mqtt().clientId()).isEqualTo("gemba-agent-tlx-1");
    assertThat(config.mqtt().topics()).containsExactly("gemba/v1/tlx/#");
    assertThat(config.mqtt().username()).contains("gemba");
    assertThat(config.mqtt().password().reveal()).isEqualTo("mqtt-pw");
    assertThat(config.influx().url()).contains(URI.create("http://127.0.0.1:8086"));
    assertThat(config.influx().token().reveal()).isEqualTo("influx-token");
    assertThat(config.http()).isEqualTo(new HttpConfig("127.0.0.1", 8080));
    assertThat(config.engine())
        .isEqualTo(new EngineConfig(0, Duration.ofSeconds(1), Duration.ofMillis(5)));
    assertThat(config.spool())
        .isEqualTo(
            new SpoolConfig(
                Optional.of(Path.of("/var/lib/gemba/spool")), 1024, 64, Duration.ofMinutes(1)));
  }

  @Test
  void load_exampleBesideItsSecretFiles_readsThem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gemba.yml");
    Files.copy(EXAMPLE, file);
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/mqtt-password"), "from-file\n");
    Files.writeString(dir.resolve("secrets/influx-token"), "token-from-file");

    AgentConfig config = ConfigLoader.load(file, Map.of());

    assertThat(config.mqtt().password().reveal()).isEqualTo("from-file");
    assertThat(config.influx().token().reveal()).isEqualTo("token-from-file");
  }

  @Test
  void load_exampleWithoutSecrets_namesBothSecretFiles() throws IOException {
    Path dir = Path.of("config").toAbsolutePath();
    ConfigException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(EXAMPLE, Map.of()));

    assertThat(e.problems())
        .containsExactly(
            "mqtt.passwordFile: file '" + dir.resolve("secrets/mqtt-password") + "' does not exist",
            "influx.tokenFile: file '" + dir.resolve("secrets/influx-token") + "' does not exist");
    assertThat(e.getMessage()).startsWith("config/gemba.yml has 2 problems:\n");
    assertThat(Optional.ofNullable(e.getCause())).isEmpty();
  }
}
