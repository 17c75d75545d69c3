package io.gemba.agent.config;

import static io.gemba.agent.config.ConfigFixtures.MINIMAL;
import static io.gemba.agent.config.ConfigFixtures.load;
import static io.gemba.agent.config.ConfigFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvOverridesTest {

  @ParameterizedTest
  @CsvSource({
    "mqtt.server, GEMBA_MQTT_SERVER",
    "mqtt.receiveMaximum, GEMBA_MQTT_RECEIVE_MAXIMUM",
    "http.port, GEMBA_HTTP_PORT",
    "plant.policy.oeeTarget, GEMBA_PLANT_POLICY_OEE_TARGET",
    "decoder.maxPayloadBytes, GEMBA_DECODER_MAX_PAYLOAD_BYTES",
    "influx.tokenFile, GEMBA_INFLUX_TOKEN_FILE"
  })
  void variableFor_keyPath_isUpperSnakeCase(String key, String variable) {
    assertThat(EnvOverrides.variableFor(KeyPath.of(key))).isEqualTo(variable);
  }

  @Test
  void variableFor_listIndexAndMapEntry() {
    KeyPath zone = KeyPath.root().key("plant").key("sites").index(0).key("zone");
    KeyPath product =
        KeyPath.root()
            .key("plant")
            .key("sites")
            .index(1)
            .key("areas")
            .index(0)
            .key("lines")
            .index(2)
            .key("stations")
            .index(3)
            .key("idealCycleTimes")
            .entry("HEV-PACK-1.3KWH");

    assertThat(EnvOverrides.variableFor(zone)).isEqualTo("GEMBA_PLANT_SITES_0_ZONE");
    assertThat(zone).hasToString("plant.sites[0].zone");
    assertThat(EnvOverrides.variableFor(product))
        .isEqualTo(
            "GEMBA_PLANT_SITES_1_AREAS_0_LINES_2_STATIONS_3_IDEAL_CYCLE_TIMES_HEV_PACK_1_3KWH");
    assertThat(product)
        .hasToString(
            "plant.sites[1].areas[0].lines[2].stations[3].idealCycleTimes.HEV-PACK-1.3KWH");
  }

  @Test
  void load_scalarVariable_winsOverTheFile() {
    AgentConfig config =
        load(
            MINIMAL + "http: {port: 8080}\n",
            Map.of("GEMBA_HTTP_PORT", "9090", "GEMBA_MQTT_SERVER", "ssl://broker.plant:8883"));

    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.mqtt().server()).isEqualTo(URI.create("ssl://broker.plant:8883"));
  }

  @Test
  void load_nestedVariable_setsAKeyTheFileLeavesOut() {
    AgentConfig config =
        load(
            MINIMAL,
            Map.of(
                "GEMBA_PLANT_POLICY_OEE_TARGET", "0.7",
                "GEMBA_PLANT_POLICY_MICRO_STOP_THRESHOLD", "90s",
                "GEMBA_MQTT_RECEIVE_MAXIMUM", "200"));

    assertThat(config.plant().policy().oeeTarget()).isEqualTo(0.7);
    assertThat(config.plant().policy().microStopThreshold()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.mqtt().receiveMaximum()).isEqualTo(200);
  }

  @Test
  void load_listIndexVariable_changesThatElement() {
    AgentConfig config =
        load(
            MINIMAL,
            Map.of(
                "GEMBA_PLANT_SITES_0_ZONE", "Asia/Karachi",
                "GEMBA_PLANT_SITES_0_AREAS_0_LINES_0_STATIONS_0_IDEAL_CYCLE_TIME", "45s"));

    assertThat(config.plant().sites().get(0).zone()).isEqualTo(ZoneId.of("Asia/Karachi"));
    assertThat(config.plant().sites().get(0).shifts().zone()).isEqualTo(ZoneId.of("Asia/Karachi"));
    assertThat(config.plant().station("s1", "a1", "l1", "st1").idealCycleTimes().forProduct(null))
        .contains(Duration.ofSeconds(45));
  }

  @Test
  void load_commaSeparatedVariable_replacesTheWholeList() {
    AgentConfig config =
        load(
            MINIMAL.replace("clientId: agent-1", "clientId: agent-1\n  topics: [x/#]"),
            Map.of("GEMBA_MQTT_TOPICS", "a/#, b/+/state"));

    assertThat(config.mqtt().topics()).containsExactly("a/#", "b/+/state");
  }

  @Test
  void load_mapEntryVariable_changesThatEntry() {
    String yaml =
        MINIMAL.replace(
            "- id: st1", "- id: st1\n                  idealCycleTimes: {HEV-PACK-1.3KWH: 50s}");

    AgentConfig config =
        load(
            yaml,
            Map.of(
                "GEMBA_PLANT_SITES_0_AREAS_0_LINES_0_STATIONS_0_IDEAL_CYCLE_TIMES_HEV_PACK_1_3KWH",
                "48s"));

    assertThat(
            config
                .plant()
                .station("s1", "a1", "l1", "st1")
                .idealCycleTimes()
                .forProduct("HEV-PACK-1.3KWH"))
        .contains(Duration.ofSeconds(48));
  }

  @Test
  void load_emptyVariable_removesTheKey_soTheDefaultApplies() {
    AgentConfig config =
        load(
            MINIMAL + "influx: {url: http://influx:8086, org: o, bucket: b}\nhttp: {port: 1234}\n",
            Map.of("GEMBA_INFLUX_URL", "", "GEMBA_HTTP_PORT", ""));

    assertThat(config.influx().enabled()).isFalse();
    assertThat(config.http().port()).isEqualTo(8080);
  }

  @Test
  void load_emptyVariable_ofARequiredKeyOrList_isMissing_andNamesTheVariable() {
    assertThat(
            problems(
                MINIMAL,
                Map.of("GEMBA_MQTT_CLIENT_ID", "", "GEMBA_PLANT_SITES_0_SHIFTS_0_DAYS", "")))
        .containsExactly(
            "plant.sites[0].shifts[0].days: required key is missing"
                + " (GEMBA_PLANT_SITES_0_SHIFTS_0_DAYS is empty)",
            "mqtt.clientId: required key is missing (GEMBA_MQTT_CLIENT_ID is empty)");
  }

  @Test
  void load_unknownGembaVariable_isAnErrorNamingIt() {
    assertThat(problems(MINIMAL, Map.of("GEMBA_HTTP_PROT", "9090", "GEMBA_NOTHING", "x")))
        .containsExactly(
            "GEMBA_HTTP_PROT: names no configuration key (did you mean GEMBA_HTTP_PORT?)",
            "GEMBA_NOTHING: names no configuration key");
  }

  @Test
  void load_logLevel_isKnown_inAnyCase_andChecked() throws Exception {
    assertThat(load(MINIMAL, Map.of("GEMBA_LOG_LEVEL", "DEBUG"))).isNotNull();
    assertThat(load(MINIMAL, Map.of("GEMBA_LOG_LEVEL", "warn"))).isNotNull();
    assertThat(problems(MINIMAL, Map.of("GEMBA_LOG_LEVEL", "LOUD")))
        .containsExactly(
            "GEMBA_LOG_LEVEL: must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF (any case)");
    // The variable checked here is the one the log's configuration reads.
    try (var in = EnvOverrides.class.getResourceAsStream("/logback.xml")) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("<root level=\"${" + EnvOverrides.LOG_LEVEL_VARIABLE + ":-INFO}\">");
    }
  }

  @Test
  void load_variableForAListElementTheFileLacks_isUnknown() {
    assertThat(problems(MINIMAL, Map.of("GEMBA_PLANT_SITES_1_ZONE", "Asia/Karachi")))
        .containsExactly(
            "GEMBA_PLANT_SITES_1_ZONE: names no configuration key"
                + " (did you mean GEMBA_PLANT_SITES_0_ZONE?)");
  }

  @Test
  void load_variableForAMapping_isUnknown() {
    assertThat(problems(MINIMAL, Map.of("GEMBA_PLANT_POLICY", "x")))
        .containsExactly("GEMBA_PLANT_POLICY: names no configuration key");
  }

  @Test
  void load_otherVariables_areIgnored() {
    AgentConfig config =
        load(MINIMAL, Map.of("HOME", "/root", "GEMBA_SKIP_INSTALL", "1", "gemba_http_port", "1"));

    assertThat(config.http().port()).isEqualTo(8080);
  }

  @Test
  void load_badValueFromAVariable_namesKeyAndVariable() {
    assertThat(problems(MINIMAL, Map.of("GEMBA_MQTT_RECEIVE_MAXIMUM", "0")))
        .containsExactly(
            "mqtt.receiveMaximum: must be between 1 and 65535, was 0"
                + " (from GEMBA_MQTT_RECEIVE_MAXIMUM)");
  }
}
