package io.gemba.agent.config;

import static io.gemba.agent.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

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
              policy: micro-stops iso22400 (under 2m), OEE target 80%, local content target 60%, allowed lateness 5m, startup after changeover 10m
              unconfigured stations: ideal cycle time unknown, 17 state codes
            decoder: payloads up to 65536 bytes, batches up to 1000 elements
            mqtt: ssl://broker:8883 as agent-1, topics gemba/v1/tlx/# gemba/v1/tlx2/#
              user gemba, password not set
              TLS, trusting the JVM's default authorities
              session expiry 1h, receive maximum 1000, connect timeout 10s, keep alive 30s, reconnect after 1s to 1m
            influx: http://influx:8086, org plant, bucket gemba, token set
              batches of up to 500 points every 1s, up to 100000 pending, timeout 10s
            http: listens on 0.0.0.0, any free port, no token asked
            engine: 2 instances, tick every 500ms, batches gathered for 5ms
            spool: none, points wait in memory
            """);
  }

  @Test
  void describe_withoutInflux_saysWhereKpisGo() {
    AgentConfig config = load(ConfigFixtures.MINIMAL);

    assertThat(ConfigSummary.describe(config))
        .contains("\ninflux: none (KPIs only on the HTTP API and /metrics)\n")
        .contains("\n  user (none), password not set\n")
        .contains("engine: one instance per processor (");
  }
}
