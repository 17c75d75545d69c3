package io.gemba.agent.config;

import static io.gemba.agent.config.ConfigFixtures.MINIMAL;
import static io.gemba.agent.config.ConfigFixtures.load;
import static io.gemba.agent.config.ConfigFixtures.minimalWith;
import static io.gemba.agent.config.ConfigFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per kind of problem; the expected messages are written out. */
class ConfigValidationTest {

  /** {@link ConfigFixtures#MINIMAL} with its station line replaced. */
  private static String withStation(String station) {
    return MINIMAL.replace("- id: st1", station);
  }

  /** {@link ConfigFixtures#MINIMAL} with its shift line replaced. */
  private static String withShifts(String shifts) {
    return MINIMAL.replace("- {name: A, start: \"06:00\", end: \"14:00\", days: [MON]}", shifts);
  }

  @Test
  void load_minimal_appliesTheDefaults() {
    AgentConfig config = load(MINIMAL);

    assertThat(config.plant().policy()).isEqualTo(io.gemba.collector.plant.KpiPolicy.defaults());
    assertThat(config.plant().stationDefaults())
        .isEqualTo(io.gemba.collector.plant.StationDefaults.standard());
    assertThat(config.decoder().maxPayloadBytes()).isEqualTo(65_536);
    assertThat(config.decoder().maxBatchElements()).isEqualTo(1000);
    assertThat(config.mqtt())
        .isEqualTo(MqttConfig.of(java.net.URI.create("tcp://broker:1883"), "agent-1"));
    assertThat(config.influx()).isEqualTo(InfluxConfig.disabled());
    assertThat(config.http()).isEqualTo(HttpConfig.defaults());
    assertThat(config.engine()).isEqualTo(EngineConfig.defaults());
  }

  @Test
  void load_unknownKey_namesTheKeyPath() {
    assertThat(problems(minimalWith("http: {port: 80, hots: x}\nmetrics: {}\n")))
        .containsExactly("http.hots: unknown key (did you mean 'host'?)", "metrics: unknown key");
  }

  @Test
  void load_emptyKey_isShownQuoted() {
    assertThat(problems(minimalWith("http: {\"\": 1}\n")))
        .containsExactly("http.\"\": unknown key");
  }

  @Test
  void load_dottedKey_saysKeysNest() {
    assertThat(problems(minimalWith("http.port: 9090\n")))
        .containsExactly("http.port: unknown key (nest keys, do not join them with dots)");
  }

  @Test
  void load_unknownKeyDeepInThePlant_namesTheKeyPath() {
    assertThat(problems(withStation("- id: st1\n                  idealCycletime: 5s")))
        .containsExactly(
            "plant.sites[0].areas[0].lines[0].stations[0].idealCycletime: unknown key"
                + " (did you mean 'idealCycleTime'?)");
  }

  @Test
  void load_missingRequiredKeys_areEachNamed() {
    assertThat(problems("plant:\n  sites:\n    - {id: s1}\nmqtt: {}\n"))
        .containsExactly(
            "plant.sites[0].country: required key is missing",
            "plant.sites[0].zone: required key is missing",
            "plant.sites[0].shifts: required key is missing",
            "mqtt.server: required key is missing",
            "mqtt.clientId: required key is missing");
  }

  @Test
  void load_emptyFile_needsPlantAndMqtt() {
    assertThat(problems(""))
        .containsExactly(
            "plant.sites: required key is missing",
            "mqtt.server: required key is missing",
            "mqtt.clientId: required key is missing");
  }

  @Test
  void load_unknownTimeZone() {
    assertThat(problems(MINIMAL.replace("America/Mexico_City", "Europe/Pariss")))
        .containsExactly(
            "plant.sites[0].zone: unknown time zone 'Europe/Pariss' (an IANA id, as Europe/Paris)");
  }

  @Test
  void load_receiveMaximumOutOfRange() {
    assertThat(
            problems(
                MINIMAL.replace("clientId: agent-1", "clientId: agent-1\n  receiveMaximum: 0")))
        .containsExactly("mqtt.receiveMaximum: must be between 1 and 65535, was 0");
  }

  @Test
  void load_serverSchemeNotMqtt() {
    assertThat(problems(MINIMAL.replace("tcp://broker:1883", "http://broker:1883")))
        .containsExactly("mqtt.server: scheme must be tcp or ssl, was 'http'");
  }

  @Test
  void load_valuesOfTheWrongForm() {
    String yaml =
        """
        plant:
          policy: {microStopPolicy: six-losses, microStopThreshold: 2 minutes, oeeTarget: 85}
          sites:
            - id: s1
              country: mx
              zone: America/Mexico_City
              holidays: [2026-12-32]
              shifts:
                - {name: A, start: "6am", end: "14:00", days: [MON, MONDAY]}
        mqtt: {server: "tcp://broker:1883", clientId: a, topics: ["a/#/b"]}
        http: {port: eighty}
        engine: {instances: -1, tickInterval: 0s, batchWait: 2s}
        """;

    assertThat(problems(yaml))
        .containsExactly(
            "plant.policy.microStopPolicy: must be tpm or iso22400, was 'six-losses'",
            "plant.policy.microStopThreshold: must be a duration such as 90s, 2m, 1h30m, 500ms or"
                + " PT2M, was '2 minutes'",
            "plant.policy.oeeTarget: must be a number greater than 0 and at most 1, as 0.85, was"
                + " '85'",
            "plant.sites[0].country: must be an ISO 3166-1 alpha-2 country code in upper case, as"
                + " MX, was 'mx'",
            "plant.sites[0].holidays[0]: must be a date as YYYY-MM-DD, was '2026-12-32'",
            "plant.sites[0].shifts[0].start: must be a time of day as HH:MM, as \"06:00\", was"
                + " '6am'",
            "plant.sites[0].shifts[0].days[1]: must be one of MON, TUE, WED, THU, FRI, SAT, SUN,"
                + " was 'MONDAY'",
            "mqtt.topics[0]: '#' must be a whole level and the last one, was 'a/#/b'",
            "http.port: must be an integer, was 'eighty'",
            "engine.instances: must be between 0 and 1024, was -1",
            "engine.tickInterval: must be positive, was 0s",
            "engine.batchWait: must be at most 1s, was 2s");
  }

  @Test
  void load_idsThatAreNotTopicLevels() {
    assertThat(problems(withStation("- id: st 1").replace("id: l1", "id: _")))
        .containsExactly(
            "plant.sites[0].areas[0].lines[0].id: '_' is reserved: in a topic it means the whole"
                + " line or area",
            "plant.sites[0].areas[0].lines[0].stations[0].id: must be 1 to 64 characters of A-Z,"
                + " a-z, 0-9, _ and -, was 'st 1'");
  }

  @Test
  void load_listOrMappingWhereAValueBelongs_andTheReverse() {
    String yaml =
        MINIMAL
                .replace("clientId: agent-1", "clientId: [agent-1]")
                .replace("country: MX", "country: {code: MX}")
                .replace("areas:", "areas:\n        - just-a-name\n      unused:")
            + "http: 8080\n";

    assertThat(problems(yaml))
        .containsExactly(
            "plant.sites[0].country: must be a single value, not a mapping",
            "plant.sites[0].areas[0]: must be a mapping of keys to values",
            "plant.sites[0].unused: unknown key",
            "mqtt.clientId: must be a single value, not a list",
            "http: must be a mapping of keys to values");
  }

  @Test
  void load_overlappingShifts_isThePlantModelsProblemAtTheShiftsKey() {
    String shifts =
        "- {name: A, start: \"06:00\", end: \"14:00\", days: [MON]}\n"
            + "        - {name: B, start: \"13:00\", end: \"22:00\", days: [MON]}";

    assertThat(problems(withShifts(shifts)))
        .containsExactly(
            "plant.sites[0].shifts: shifts 'A 06:00-14:00 on MONDAY' and 'B 13:00-22:00 on"
                + " MONDAY' overlap");
  }

  @Test
  void load_breakOutsideItsShift_isThePlantModelsProblemAtTheShift() {
    String shifts =
        "- {name: A, start: \"06:00\", end: \"14:00\", days: [MON],"
            + " breaks: [{name: lunch, start: \"15:00\", end: \"15:30\"}]}";

    assertThat(problems(withShifts(shifts)))
        .containsExactly(
            "plant.sites[0].shifts[0]: break 'lunch 15:00-15:30' is outside shift 'A' 06:00-14:00");
  }

  @Test
  void load_outputStationNotOnTheLine_isThePlantModelsProblemAtTheLine() {
    assertThat(problems(MINIMAL.replace("outputStation: st1", "outputStation: eol")))
        .containsExactly(
            "plant.sites[0].areas[0].lines[0]: line 'l1': output station 'eol' is not one of its"
                + " stations");
  }

  @Test
  void load_duplicateStationIds_isThePlantModelsProblemAtTheLine() {
    assertThat(problems(withStation("- id: st1\n                - id: st1")))
        .containsExactly(
            "plant.sites[0].areas[0].lines[0]: line 'l1': station 'st1' appears more than once");
  }

  @Test
  void load_stateCodes_bothFormsAndTheirProblems() {
    AgentConfig config =
        load(
            withStation(
                "- id: st1\n                  stateCodes: {1: RUNNING, 2: {state: down, reason: jam}}"));
    var table = config.plant().station("s1", "a1", "l1", "st1").stateCodes();
    assertThat(table.entries()).hasSize(2);
    assertThat(table.lookup(2).orElseThrow().reason()).isEqualTo("jam");

    assertThat(
            problems(
                withStation(
                    "- id: st1\n                  stateCodes: {x: RUNNING, 2: SLEEPING, 3: {reason: jam}}")))
        .containsExactly(
            "plant.sites[0].areas[0].lines[0].stations[0].stateCodes.x: a state code must be an"
                + " integer, was 'x'",
            "plant.sites[0].areas[0].lines[0].stations[0].stateCodes.2: must be one of RUNNING,"
                + " IDLE, DOWN, CHANGEOVER, PLANNED_STOP, OFFLINE, was 'SLEEPING'",
            "plant.sites[0].areas[0].lines[0].stations[0].stateCodes.3.state: required key is"
                + " missing");
  }

  @Test
  void load_influxUrl_needsOrgBucketAndToken_allReported() {
    assertThat(problems(minimalWith("influx: {url: \"http://influx:8086\"}\n")))
        .containsExactly(
            "influx.org: required when url is set",
            "influx.bucket: required when url is set",
            "influx.tokenFile: required when url is set (a file named by influx.tokenFile, or"
                + " GEMBA_INFLUX_TOKEN)");
  }

  @Test
  void load_reconnectDelaysTheWrongWayRound_namesTheMaxDelay() {
    assertThat(
            problems(
                MINIMAL.replace(
                    "clientId: agent-1",
                    "clientId: agent-1\n  reconnectMinDelay: 30s\n  reconnectMaxDelay: 5s")))
        .containsExactly(
            "mqtt.reconnectMaxDelay: must not be less than reconnectMinDelay (30s), was 5s");
  }

  @Test
  void load_durationsInBothForms() {
    AgentConfig config =
        load(
            MINIMAL.replace(
                    "clientId: agent-1",
                    "clientId: agent-1\n  keepAlive: PT45S\n  sessionExpiry: 2h\n"
                        + "  reconnectMaxDelay: 1m30s")
                + "influx: {flushInterval: 500ms, timeout: PT0.5S}\n");

    assertThat(config.mqtt().keepAlive()).hasSeconds(45);
    assertThat(config.mqtt().sessionExpiry()).hasHours(2);
    assertThat(config.mqtt().reconnectMaxDelay()).hasSeconds(90);
    assertThat(config.influx().flushInterval()).hasMillis(500);
    assertThat(config.influx().timeout()).hasMillis(500);
  }

  @Test
  void load_severalProblems_areAllReported_inFileOrder() {
    String yaml =
        MINIMAL
                .replace("America/Mexico_City", "Europe/Pariss")
                .replace("clientId: agent-1", "clientId: agent-1\n  receiveMaximum: 0")
            + "http: {port: 70000}\n";

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.load(yaml, Map.of("GEMBA_HTTP_HOST_NAME", "x"), Path.of("/")));

    assertThat(e.getMessage())
        .isEqualTo(
            "the configuration has 4 problems:\n"
                + "  plant.sites[0].zone: unknown time zone 'Europe/Pariss' (an IANA id, as"
                + " Europe/Paris)\n"
                + "  mqtt.receiveMaximum: must be between 1 and 65535, was 0\n"
                + "  http.port: must be between 0 and 65535, was 70000\n"
                + "  GEMBA_HTTP_HOST_NAME: names no configuration key");
  }

  @Test
  void load_yamlSyntaxError_givesLineAndColumn_notTheText() {
    assertThat(problems("mqtt:\n  server: tcp://b:1883\n clientId: [oops\n"))
        .singleElement()
        .asString()
        .startsWith("line 3, column 2: ")
        .doesNotContain("oops");
  }

  @Test
  void load_duplicateKey_isRefused() {
    assertThat(problems("mqtt: {server: tcp://a:1883}\nmqtt: {server: tcp://b:1883}\n"))
        .containsExactly("line 2, column 5: Duplicate field 'mqtt'");
  }

  @Test
  void load_alias_isRefused() {
    assertThat(problems("http: {host: &h localhost}\nengine: {instances: *h}\n"))
        .containsExactly("line 2, column 21: aliases (*h) are not supported: write the value out");
  }

  @Test
  void load_topLevelNotAMapping() {
    assertThat(problems("- a\n- b\n"))
        .startsWith("(top level): must be a mapping of keys to values, as in 'mqtt: ...'");
  }

  @Test
  void load_yamlWordsStayText_norwayIsNotFalse_andLeadingZerosStay() {
    AgentConfig config =
        load(
            MINIMAL
                .replace("country: MX", "country: NO")
                .replace("id: st1", "id: 010")
                .replace("outputStation: st1", "outputStation: 010"));

    assertThat(config.plant().sites().get(0).country()).isEqualTo("NO");
    assertThat(config.plant().isConfigured("s1", "a1", "l1", "010")).isTrue();
  }
}
