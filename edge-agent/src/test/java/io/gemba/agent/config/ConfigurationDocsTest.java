package io.gemba.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} documents exactly the declared keys ({@link FileKeys}), each with
 * its declared type, default and environment variable, its meaning starting with the declared doc.
 *
 * <p>Its section "Keys" has a heading per mapping, {@code ### `plant.sites[<i>]` — ...}, each with
 * a table: key | type | default | variable | meaning. A row's key is relative to the heading's path
 * ({@code tls.caFile} under {@code mqtt}); a list of mappings has the variable {@code —}.
 */
class ConfigurationDocsTest {

  private static final Path DOCS = Path.of("../docs/configuration.md");
  private static final Pattern HEADING = Pattern.compile("^### `([^`]+)`.*");
  private static final String NO_VARIABLE = "—";

  /** A key as a table row: its whole path, as the documentation writes it, and its columns. */
  record Row(String path, String type, String byDefault, String variable, String meaning) {}

  @Test
  void docs_listExactlyTheDeclaredKeys() throws IOException {
    Map<String, Row> documented = documented();
    Map<String, Row> declared = declared();

    assertThat(documented.keySet())
        .as("the keys of docs/configuration.md, against the declared ones")
        .containsExactlyInAnyOrderElementsOf(declared.keySet());
  }

  @Test
  void docs_giveEachKeyItsDeclaredTypeDefaultAndVariable_andItsDocFirst() throws IOException {
    Map<String, Row> documented = documented();
    SoftAssertions softly = new SoftAssertions();
    for (Row key : declared().values()) {
      Row row = documented.get(key.path());
      if (row == null) {
        continue; // reported by the other test
      }
      softly.assertThat(row.type()).as(key.path() + " type").isEqualTo(key.type());
      softly.assertThat(row.byDefault()).as(key.path() + " default").isEqualTo(key.byDefault());
      softly.assertThat(row.variable()).as(key.path() + " variable").isEqualTo(key.variable());
      softly.assertThat(row.meaning()).as(key.path() + " meaning").startsWith(key.meaning());
    }
    softly.assertAll();
  }

  @Test
  void declared_variablesFollowTheRule_withPlaceholders() {
    Map<String, Row> declared = declared();

    assertThat(declared.get("plant.sites[<i>].areas[<j>].lines[<k>].stations[<m>].idealCycleTime"))
        .extracting(Row::variable)
        .isEqualTo("`GEMBA_PLANT_SITES_<i>_AREAS_<j>_LINES_<k>_STATIONS_<m>_IDEAL_CYCLE_TIME`");
    assertThat(declared.get("plant.stationDefaults.idealCycleTimes"))
        .extracting(Row::variable)
        .isEqualTo("`GEMBA_PLANT_STATION_DEFAULTS_IDEAL_CYCLE_TIMES_<PRODUCT>`");
    assertThat(declared.get("plant.stationDefaults.stateCodes.<code>.reason"))
        .extracting(Row::variable)
        .isEqualTo("`GEMBA_PLANT_STATION_DEFAULTS_STATE_CODES_<CODE>_REASON`");
    assertThat(declared.get("mqtt.passwordFile"))
        .isEqualTo(
            new Row(
                "mqtt.passwordFile",
                "path",
                "none",
                "`GEMBA_MQTT_PASSWORD_FILE`",
                "file that holds the password"));
    assertThat(declared.get("plant.sites[<i>].shifts"))
        .extracting(Row::variable, Row::byDefault)
        .containsExactly(NO_VARIABLE, "required");
  }

  /** The rows of the declarations, by path. */
  private static Map<String, Row> declared() {
    Map<String, Row> rows = new LinkedHashMap<>();
    collect(FileKeys.KEYS, KeyPath.root(), rows);
    return rows;
  }

  private static void collect(Keys keys, KeyPath at, Map<String, Row> rows) {
    for (Declaration d : keys.all()) {
      KeyPath path = at.key(d.name());
      if (d instanceof Nested nested) {
        if (nested.isList()) {
          add(rows, path, d, NO_VARIABLE);
        }
        collect(nested.keys(), nested.keysAt(at), rows);
      } else if (d instanceof DataMap<?> map) {
        add(rows, path, d, variable(map.entriesAt(at)));
        collect(map.entryKeys(), map.entriesAt(at), rows);
      } else {
        add(rows, path, d, variable(path));
      }
    }
  }

  private static void add(Map<String, Row> rows, KeyPath path, Declaration d, String variable) {
    rows.put(
        path.toString(),
        new Row(path.toString(), d.typeText(), d.defaultText(), variable, d.doc()));
  }

  private static String variable(KeyPath path) {
    return "`" + EnvOverrides.variableFor(path) + "`";
  }

  /** The rows of the tables of the section "Keys" of the documentation, by path. */
  private static Map<String, Row> documented() throws IOException {
    Map<String, Row> rows = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    String heading = null;
    boolean inKeys = false;
    for (String line : Files.readAllLines(DOCS)) {
      if (line.startsWith("## ")) {
        inKeys = line.equals("## Keys");
        continue;
      }
      if (!inKeys) {
        continue;
      }
      Matcher h = HEADING.matcher(line);
      if (line.startsWith("### ")) {
        heading = h.matches() ? h.group(1) : null;
        if (heading == null) {
          problems.add("a heading without a key path in backquotes: " + line);
        }
      } else if (line.startsWith("|") && heading != null) {
        String[] cells = cells(line);
        if (cells.length != 5) {
          problems.add("a row of " + cells.length + " columns, not 5: " + line);
        } else if (!cells[0].equals("key") && !cells[0].startsWith("---")) {
          String path = heading + "." + cells[0].replace("`", "");
          Row row = new Row(path, cells[1], cells[2], cells[3], cells[4]);
          if (rows.put(path, row) != null) {
            problems.add("documented twice: " + path);
          }
        }
      }
    }
    assertThat(problems).as("the tables of docs/configuration.md").isEmpty();
    return rows;
  }

  private static String[] cells(String line) {
    String inner = line.trim();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    String[] cells = inner.split("\\|", -1);
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cells[i].trim();
    }
    return cells;
  }
}
