package io.gemba.agent.config;

import static io.gemba.agent.config.ConfigFixtures.MINIMAL;
import static io.gemba.agent.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSummaryTest {

  @Test
  void describe_countsThePlant_andShowsSecretsOnlyAsSetOrNot() {
    String yaml =
        """
        plant:
          policy: {microStopPolicy: iso22400, oeeTarget: 0.8}
          sites:
            - id: tlx
              country: MX
              zone: America/Mexico_City
              holidays: [2026-12-25]
              shifts:
                - name: A
                  start: "06:00"
                  end: "14:00"
                  days: [MON, TUE, WED, THU, FRI]
                  breaks: [{name: lunch, start: "10:00", end: "10:30"}]
                - {name: C, start: "22:00", end: "06:00", days: [SUN, MON, TUE, WED, THU]}
              areas:
                - id: battery
                  lines:
                    - id: pack-1
                      outputStation: eol
                      stations:
                        - {id: st10, idealCycleTime: 55s}
                        - {id: eol}
                    - id: module-1
                      outputStation: st40
                      stations: [{id: st40, idealCycleTimes: {M-1: 40s}}]
        mqtt:
          server: ssl://broker:8883
          clientId: agent-1
          topics: [gemba/v1/tlx/#, gemba/v1/tlx2/#]
          username: gemba
        influx: {url: http://influx:8086, org: plant, bucket: gemba, batchSize: 500}
        http: {host: 0.0.0.0, port: 0}
        engine: {instances: 2, tickInterval: 500ms}
        """;
    AgentConfig config = load(yaml, Map.of("GEMBA_INFLUX_TOKEN", "t0ken"));

    assertThat(ConfigSummary.describe(config))
        .doesNotContain("t0ken")
        .isEqualTo(
            """
            plant: 1 site, 1 area, 2 lines, 3 stations (2 with an ideal cycle time)
              site tlx: MX, America/Mexico_City, 1 holiday
                shift A 06:00-14:00 MON-FRI, breaks lunch 10:00-10:30
                shift C 22:00-06:00 MON-THU,SUN
                area battery: line pack-1 (2 stations, output eol), line module-1 (1 station, output st40)
            plant.policy:
              microStopPolicy         iso22400
              microStopThreshold      2m (default)
              oeeTarget               0.8
              localContentTarget      0.6 (default)
              allowedLateness         5m (default)
              startupAfterChangeover  10m (default)
              silenceTimeout          2m (default)
              backfillShifts          1 (default)
              backfillHorizon         1d (default)
            plant.stationDefaults:
              idealCycleTime   none (no performance computed)
              idealCycleTimes  empty
              stateCodes       PackML table
            plant.quality:
              window       125 (default)
              spcMinTests  25 (default)
              limits       none (tests judged by their station's verdict)
            plant.lean:
              auditCadence      7d (default)
              kaizenEffectDays  7 (default)
            decoder:
              maxPayloadBytes   65536 (default)
              maxBatchElements  1000 (default)
            mqtt:
              server             ssl://broker:8883
              clientId           agent-1
              topics             [gemba/v1/tlx/#, gemba/v1/tlx2/#]
              username           gemba
              password           not set
              sessionExpiry      1h (default)
              receiveMaximum     1000 (default)
              connectTimeout     10s (default)
              keepAlive          30s (default)
              reconnectMinDelay  1s (default)
              reconnectMaxDelay  1m (default)
              deadLetters        false (default)
              tls.caFile         the JVM's trust store
              tls.certFile       none
              tls.keyFile        none
            influx:
              url               http://influx:8086
              org               plant
              bucket            gemba
              token             set
              batchSize         500
              flushInterval     1s (default)
              maxPendingPoints  100000 (default)
              timeout           10s (default)
            http:
              host   0.0.0.0
              port   0 (any free port)
              token  not set
            engine:
              instances                2
              tickInterval             500ms
              batchWait                5ms (default)
              snapshotInterval         1s (default)
              maxUnconfiguredStations  5000 (default)
            spool: none, points wait in memory
            """);
  }

  @Test
  void describe_withoutInflux_saysWhereKpisGo() {
    AgentConfig config = load(ConfigFixtures.MINIMAL);

    assertThat(ConfigSummary.describe(config))
        .contains("\ninflux: none (KPIs only on the HTTP API and /metrics)\n")
        .contains("\n  username           none\n  password           not set\n")
        .contains("\nengine:\n  instances                0 (default; one per processor, ")
        .doesNotContain("tls.");
  }

  @Test
  void describe_stationDefaultsAndSpool_showTheirValues() {
    AgentConfig config =
        load(
            MINIMAL.replace(
                    "plant:\n",
                    "plant:\n  stationDefaults:\n    idealCycleTime: 90s\n"
                        + "    idealCycleTimes: {P-2: 2m, P-1: 45s}\n"
                        + "    stateCodes: {1: RUNNING, 2: DOWN}\n")
                + "spool: {dir: /var/spool/gemba, segmentMegabytes: 16}\n");

    assertThat(ConfigSummary.describe(config))
        .contains(
            """
            plant.stationDefaults:
              idealCycleTime   1m30s
              idealCycleTimes  {P-1: 45s, P-2: 2m}
              stateCodes       2 codes
            """)
        .endsWith(
            """
            spool:
              dir                 /var/spool/gemba
              maxMegabytes        1024 (default)
              segmentMegabytes    16
              checkpointInterval  1m (default)
            """);
  }

  @Test
  void describe_qualityAndLean_countTheLimitsAndShowTheSettings() {
    AgentConfig config =
        load(
            MINIMAL.replace(
                "plant:\n",
                """
                plant:
                  quality:
                    window: 50
                    limits:
                      - {product: P-1, measurement: ocv_v, lsl: 198.6, usl: 204.6}
                      - {product: P-1, measurement: dcir_mohm, usl: 92}
                      - {product: P-2, measurement: ocv_v, lsl: 340.4, usl: 350.8}
                  lean: {auditCadence: 10d}
                """));

    assertThat(ConfigSummary.describe(config))
        .contains(
            """
            plant.quality:
              window       50
              spcMinTests  25 (default)
              limits       3 for 2 products
            plant.lean:
              auditCadence      10d
              kaizenEffectDays  7 (default)
            decoder:
            """);
  }

  /** Every key of a section that is not a list is in the summary, under its section's heading. */
  @Test
  void describe_showsEveryDeclaredKeyOfTheSections() {
    AgentConfig config =
        load(
            MINIMAL.replace("tcp://broker:1883", "ssl://broker:8883")
                + "influx: {url: http://influx:8086, org: o, bucket: b}\n"
                + "spool: {dir: /var/spool/gemba}\n",
            Map.of("GEMBA_INFLUX_TOKEN", "t"));
    List<String> shown = new ArrayList<>();
    String heading = "";
    for (String line : ConfigSummary.describe(config).split("\n")) {
      if (!line.startsWith(" ") && line.endsWith(":")) {
        heading = line.substring(0, line.length() - 1);
      } else if (line.startsWith("  ") && !line.startsWith("   ")) {
        shown.add(heading + "." + line.trim().split(" ")[0]);
      }
    }
    List<String> declared = new ArrayList<>();
    outsideLists(FileKeys.KEYS, "", declared);

    assertThat(shown).containsAll(declared);
  }

  /** The paths of the keys outside lists, a secret under its own name: {@code mqtt.password}. */
  private static void outsideLists(Keys keys, String at, List<String> paths) {
    for (Declaration d : keys.all()) {
      if (d instanceof Nested nested) {
        if (!nested.isList()) {
          outsideLists(nested.keys(), at + nested.name() + ".", paths);
        }
      } else {
        paths.add(at + (d instanceof Key<?> key ? key.component() : d.name()));
      }
    }
  }
}
