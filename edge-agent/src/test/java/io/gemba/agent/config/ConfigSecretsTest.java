package io.gemba.agent.config;

import static io.gemba.agent.config.ConfigFixtures.MINIMAL;
import static io.gemba.agent.config.ConfigFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSecretsTest {

  private static final String SECRET = "s3cr3t-Value";

  @TempDir Path dir;

  private static String withMqtt(String lines) {
    return MINIMAL.replace("clientId: agent-1", "clientId: agent-1\n" + lines);
  }

  @Test
  void load_passwordFile_relativeToTheConfigDirectory_lessOneTrailingNewline() throws Exception {
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/mqtt"), SECRET + "\n");
    Files.writeString(dir.resolve("token"), "tok\n\n");
    Files.writeString(
        dir.resolve("gemba.yml"),
        withMqtt("  passwordFile: secrets/mqtt\n")
            + "influx: {url: http://influx:8086, org: o, bucket: b, tokenFile: token}\n");

    AgentConfig config = ConfigLoader.load(dir.resolve("gemba.yml"), Map.of());

    assertThat(config.mqtt().password().reveal()).isEqualTo(SECRET);
    assertThat(config.influx().token().reveal()).isEqualTo("tok\n");
  }

  @Test
  void load_absolutePasswordFile_andWindowsLineEnd() throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, SECRET + "\r\n");

    AgentConfig config =
        ConfigLoader.load(withMqtt("  passwordFile: " + file + "\n"), Map.of(), Path.of("/"));

    assertThat(config.mqtt().password().reveal()).isEqualTo(SECRET);
  }

  @Test
  void load_secretVariables_winOverTheFiles() throws Exception {
    Files.writeString(dir.resolve("pw"), "from-file");

    AgentConfig config =
        ConfigLoader.load(
            withMqtt("  passwordFile: pw\n")
                + "influx: {url: http://influx:8086, org: o, bucket: b}\n",
            Map.of(
                "GEMBA_MQTT_PASSWORD",
                SECRET,
                "GEMBA_INFLUX_TOKEN",
                "tok",
                "GEMBA_HTTP_TOKEN",
                "api"),
            dir);

    assertThat(config.mqtt().password().reveal()).isEqualTo(SECRET);
    assertThat(config.influx().token().reveal()).isEqualTo("tok");
    assertThat(config.http().token().reveal()).isEqualTo("api");
  }

  @Test
  void load_noSecretAnywhere_isNone() throws Exception {
    AgentConfig config = ConfigLoader.load(MINIMAL, Map.of(), dir);

    assertThat(config.mqtt().password().isPresent()).isFalse();
    assertThat(config.influx().token().isPresent()).isFalse();
    assertThat(config.http().token().isPresent()).isFalse();
  }

  @Test
  void load_clearTextPasswordInTheFile_isRefused_withoutShowingIt() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    withMqtt("  password: " + SECRET + "\n") + "influx: {token: " + SECRET + "}\n",
                    Map.of(),
                    dir));

    assertThat(e.problems())
        .containsExactly(
            "mqtt.password: secrets are not allowed in the configuration file: name a file that"
                + " holds it in mqtt.passwordFile, or set the environment variable"
                + " GEMBA_MQTT_PASSWORD",
            "influx.token: secrets are not allowed in the configuration file: name a file that"
                + " holds it in influx.tokenFile, or set the environment variable"
                + " GEMBA_INFLUX_TOKEN");
    assertThat(e.getMessage()).doesNotContain(SECRET);
  }

  @Test
  void load_missingOrEmptySecretFile_isAProblemNamingTheFile() throws Exception {
    Files.writeString(dir.resolve("empty"), "\n");

    assertThat(
            problems(
                withMqtt("  passwordFile: nowhere\n")
                    + "influx: {url: http://influx:8086, org: o, bucket: b, tokenFile: empty}\n",
                Map.of(),
                dir))
        .containsExactly(
            "mqtt.passwordFile: file '" + dir.resolve("nowhere") + "' does not exist",
            "influx.tokenFile: file '" + dir.resolve("empty") + "' is empty");
  }

  @Test
  void load_secretFileFromAVariable_problemNamesTheVariable() {
    assertThat(problems(MINIMAL, Map.of("GEMBA_MQTT_PASSWORD_FILE", "nowhere"), dir))
        .containsExactly(
            "mqtt.passwordFile: file '"
                + dir.resolve("nowhere")
                + "' does not exist (from GEMBA_MQTT_PASSWORD_FILE)");
  }

  @Test
  void load_userAndPasswordInTheServerUri_isRefused_withoutShowingThem() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    MINIMAL.replace("tcp://broker:1883", "tcp://gemba:" + SECRET + "@broker:1883"),
                    Map.of(),
                    dir));

    assertThat(e.problems())
        .containsExactly(
            "mqtt.server: must not contain a user name or password: use the username key and a"
                + " secret file");
    assertThat(e.getMessage()).doesNotContain(SECRET);
  }

  @Test
  void configException_neverContainsSecretValues_evenWithOtherProblems() throws Exception {
    Files.writeString(dir.resolve("pw"), SECRET);
    Map<String, String> env =
        Map.of(
            "GEMBA_INFLUX_TOKEN", SECRET,
            "GEMBA_MQTT_PASSWORD", SECRET,
            "GEMBA_MQTT_PASWORD", SECRET,
            "GEMBA_HTTP_PORT", "x");
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    withMqtt("  passwordFile: pw\n  pasword: " + SECRET + "\n")
                        + "influx: {url: http://influx:8086}\n",
                    env,
                    dir));

    assertThat(e.problems())
        .containsExactly(
            "mqtt.pasword: unknown key (did you mean 'password'?)",
            "influx.org: required when url is set",
            "influx.bucket: required when url is set",
            "http.port: must be an integer, was 'x' (from GEMBA_HTTP_PORT)",
            "GEMBA_MQTT_PASWORD: names no configuration key (did you mean GEMBA_MQTT_PASSWORD?)");
    assertThat(e.getMessage()).doesNotContain(SECRET);
    assertThat(e.toString()).doesNotContain(SECRET);
  }

  @Test
  void loadedConfigToString_neverContainsSecretValues() throws Exception {
    AgentConfig config =
        ConfigLoader.load(
            MINIMAL + "influx: {url: http://influx:8086, org: o, bucket: b}\n",
            Map.of("GEMBA_MQTT_PASSWORD", SECRET, "GEMBA_INFLUX_TOKEN", SECRET),
            dir);

    assertThat(config.toString())
        .doesNotContain(SECRET)
        .contains("password=<secret>")
        .contains("token=<secret>");
  }
}
