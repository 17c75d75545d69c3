package io.gemba.collector.plant;

import static io.gemba.collector.plant.PlantFixtures.CELL_STACK_TIMES;
import static io.gemba.collector.plant.PlantFixtures.PRESS_CODES;
import static io.gemba.collector.plant.PlantFixtures.lahore;
import static io.gemba.collector.plant.PlantFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.DecodeCounters;
import io.gemba.collector.telemetry.Decoded;
import io.gemba.collector.telemetry.DecoderSettings;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.Reject;
import io.gemba.collector.telemetry.RejectReason;
import io.gemba.collector.telemetry.StateChange;
import io.gemba.collector.telemetry.StateCodeTable;
import io.gemba.collector.telemetry.TelemetryDecoder;
import io.gemba.collector.telemetry.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlantModelTest {

  private final PlantModel model = model();

  @Test
  void station_configured_returnsItsConfiguration() {
    StationConfig press = model.station("lahore", "battery", "pack-1", "press-2");

    assertThat(model.isConfigured("lahore", "battery", "pack-1", "press-2")).isTrue();
    assertThat(press.id()).isEqualTo("press-2");
    assertThat(press.stateCodes()).isSameAs(PRESS_CODES);
  }

  @Test
  void station_unconfigured_getsTheDefaultsUnderItsOwnId() {
    // Unknown station of a configured line, unknown line, unknown site.
    List<List<String>> paths =
        List.of(
            List.of("lahore", "battery", "pack-1", "leak-test"),
            List.of("lahore", "battery", "pack-9", "eol"),
            List.of("karachi", "battery", "pack-1", "eol"));
    for (List<String> p : paths) {
      StationConfig config = model.station(p.get(0), p.get(1), p.get(2), p.get(3));

      assertThat(model.isConfigured(p.get(0), p.get(1), p.get(2), p.get(3))).isFalse();
      assertThat(config)
          .isEqualTo(
              new StationConfig(p.get(3), IdealCycleTimes.unknown(), StateCodeTable.packMl()));
    }
  }

  @Test
  void station_unconfiguredWithBadName_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> model.station("lahore", "battery", "pack-1", "_"))
        .withMessageContaining("station id '_'");
  }

  @Test
  void station_customDefaults_applyToUnconfiguredStationsOnly() {
    StationDefaults defaults =
        new StationDefaults(IdealCycleTimes.of(Duration.ofSeconds(30)), PRESS_CODES);
    PlantModel custom = new PlantModel(List.of(lahore()), KpiPolicy.defaults(), defaults);

    assertThat(custom.station("lahore", "battery", "pack-1", "leak-test"))
        .isEqualTo(
            new StationConfig(
                "leak-test", IdealCycleTimes.of(Duration.ofSeconds(30)), PRESS_CODES));
    assertThat(custom.station("lahore", "battery", "pack-1", "cell-stack").stateCodes())
        .isSameAs(StateCodeTable.packMl());
  }

  @Test
  void idealCycleTime_productSpecificOrDefaultOrUnknown() {
    IdealCycleTimes cellStack =
        model.station("lahore", "battery", "pack-1", "cell-stack").idealCycleTimes();
    IdealCycleTimes unconfigured =
        model.station("lahore", "battery", "pack-1", "leak-test").idealCycleTimes();

    assertThat(cellStack).isEqualTo(CELL_STACK_TIMES);
    assertThat(cellStack.forProduct("HEV-PACK-L")).contains(Duration.ofSeconds(60));
    assertThat(cellStack.forProduct("HEV-PACK-S")).contains(Duration.ofSeconds(45));
    assertThat(unconfigured.forProduct("HEV-PACK-L")).isEmpty();
  }

  @Test
  void siteAndLine_lookups() {
    assertThat(model.site("lahore"))
        .hasValueSatisfying(s -> assertThat(s.country()).isEqualTo("PK"));
    assertThat(model.site("karachi")).isEmpty();
    assertThat(model.line("lahore", "battery", "pack-1")).contains(PlantFixtures.pack1());
    assertThat(model.line("lahore", "body", "pack-1")).isEmpty();
    assertThat(model.outputStation("lahore", "battery", "pack-1")).contains("eol");
    assertThat(model.outputStation("lahore", "battery", "pack-2")).isEmpty();
    assertThat(model.policy()).isEqualTo(KpiPolicy.defaults());
    // ShiftCalendar has no equals, so sites compare by id here.
    assertThat(model.sites()).extracting(SiteConfig::id).containsExactly("lahore");
  }

  @Test
  void stateCodes_perTopic_stationTableOrDefault() {
    Topic press = new Topic("lahore", "battery", "pack-1", "press-2", Channel.STATE);
    Topic unconfigured = new Topic("lahore", "battery", "pack-1", "leak-test", Channel.STATE);
    Topic wholeLine = new Topic("lahore", "battery", "pack-1", "_", Channel.ORDER);
    Topic wholeArea = new Topic("lahore", "battery", "_", "_", Channel.AUDIT5S);

    assertThat(model.stateCodes(press)).isSameAs(PRESS_CODES);
    assertThat(model.stateCodes(unconfigured)).isSameAs(StateCodeTable.packMl());
    assertThat(model.stateCodes(wholeLine)).isSameAs(StateCodeTable.packMl());
    assertThat(model.stateCodes(wholeArea)).isSameAs(StateCodeTable.packMl());
  }

  @Test
  void stateCodes_asDecoderSettings_decodesStationSpecificCodes() {
    TelemetryDecoder decoder =
        new TelemetryDecoder(
            new DecoderSettings(65536, 1000, model::stateCodes), DecodeCounters.NONE);
    Instant arrival = Instant.parse("2026-11-26T01:30:00Z");
    String press = "gemba/v1/lahore/battery/pack-1/press-2/state";
    String cellStack = "gemba/v1/lahore/battery/pack-1/cell-stack/state";

    // 200 is the press's own code for a hydraulics failure; 6 is PackML execute, not the press's.
    List<Decoded> pressDown = decoder.decode(press, bytes("{\"code\":200}"), arrival);
    List<Decoded> pressPackMl = decoder.decode(press, bytes("{\"code\":6}"), arrival);
    List<Decoded> cellStackRunning = decoder.decode(cellStack, bytes("{\"code\":6}"), arrival);

    assertThat(pressDown)
        .singleElement()
        .extracting(d -> ((StateChange) d).state(), d -> ((StateChange) d).reason())
        .containsExactly(MachineState.DOWN, "HYDRAULICS");
    assertThat(pressPackMl)
        .singleElement()
        .extracting(d -> ((Reject) d).reason())
        .isEqualTo(RejectReason.UNKNOWN_STATE_CODE);
    assertThat(cellStackRunning)
        .singleElement()
        .extracting(d -> ((StateChange) d).state())
        .isEqualTo(MachineState.RUNNING);
  }

  @Test
  void model_emptyPlant_treatsEveryStationAsUnconfigured() {
    PlantModel empty = new PlantModel(List.of(), KpiPolicy.defaults(), StationDefaults.standard());

    assertThat(empty.site("lahore")).isEmpty();
    assertThat(empty.isConfigured("lahore", "battery", "pack-1", "eol")).isFalse();
    assertThat(empty.station("lahore", "battery", "pack-1", "eol").idealCycleTimes())
        .isEqualTo(new IdealCycleTimes(null, Map.of()));
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
