package io.gemba.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

  private static final String VALID =
      """
      plant:
        sites:
          - id: tlx
            country: MX
            zone: America/Mexico_City
            shifts:
              - {name: A, start: "06:00", end: "14:00", days: [MON, TUE, WED, THU, FRI]}
            areas:
              - id: battery
                lines:
                  - id: pack-1
                    outputStation: eol
                    stations:
                      - id: st10
                      - id: eol
      mqtt:
        server: tcp://127.0.0.1:1883
        clientId: gemba-agent-1
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void checkConfig_validFile_printsWhatItConfigures_andExitsZero() throws Exception {
    Path file = Files.writeString(dir.resolve("gemba.yml"), VALID);
    assertThat(run("check-config", file.toString())).isZero();
    assertThat(out.toString()).contains("configuration is valid").contains("tlx");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void checkConfig_invalidFile_namesEveryProblemByKey_andExitsTwo() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("gemba.yml"),
            VALID
                .replace("America/Mexico_City", "America/Mexico_Cty")
                .replace(
                    "clientId: gemba-agent-1", "clientId: gemba-agent-1\n  receiveMaximum: 0"));
    assertThat(run("check-config", file.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("is not valid")
        .contains("plant.sites[0].zone")
        .contains("mqtt.receiveMaximum");
    assertThat(out.toString()).doesNotContain("configuration is valid");
  }

  @Test
  void run_invalidFile_startsNothing_namesTheProblem_andExitsTwo() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("gemba.yml"), VALID.replace("America/Mexico_City", "America/Mexico_Cty"));
    assertThat(run("run", "--config", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not valid").contains("plant.sites[0].zone");
  }

  @Test
  void unknownCommandOrOption_exitsTwo_withUsage() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(run("demo", "--http-port", "not-a-port")).isEqualTo(2);
    assertThat(err.toString()).contains("Usage:");
  }

  @Test
  void help_listsEveryCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("run")
        .contains("demo")
        .contains("simulate")
        .contains("check-config");
  }
}
