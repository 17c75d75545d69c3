package io.gemba.collector.plant;

import static io.gemba.collector.plant.PlantFixtures.karachiCalendar;
import static io.gemba.collector.plant.PlantFixtures.lahore;
import static io.gemba.collector.plant.PlantFixtures.pack1;
import static io.gemba.collector.plant.PlantFixtures.site;
import static io.gemba.collector.plant.PlantFixtures.station;
import static io.gemba.collector.plant.ShiftFixtures.BERLIN;
import static io.gemba.collector.plant.ShiftFixtures.KARACHI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlantConfigValidationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "press 2",
        "press/2",
        "Presse-ä",
        "x2345678901234567890123456789012345678901234567890123456789012345"
      })
  void station_badId_isRejectedQuotingIt(String id) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> station(id))
        .withMessageContaining("station id must be 1 to 64 characters")
        .withMessageContaining("'" + id + "'");
  }

  @Test
  void station_wholeLineId_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> station("_"))
        .withMessage("station id '_' is reserved: in a topic it means the whole line");
  }

  @Test
  void line_wholeAreaOrBadId_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LineConfig("_", List.of(station("eol")), "eol"))
        .withMessage("line id '_' is reserved: in a topic it means the whole area");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LineConfig("pack 1", List.of(station("eol")), "eol"))
        .withMessageContaining("line id must be 1 to 64 characters")
        .withMessageContaining("'pack 1'");
  }

  @Test
  void line_noStations_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LineConfig("pack-1", List.of(), "eol"))
        .withMessage("line 'pack-1' must have at least one station");
  }

  @Test
  void line_sameStationTwice_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new LineConfig(
                    "pack-1", List.of(station("eol"), station("press-2"), station("eol")), "eol"))
        .withMessage("line 'pack-1': station 'eol' appears more than once");
  }

  @Test
  void line_outputStationNotAmongItsStations_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new LineConfig("pack-1", List.of(station("cell-stack"), station("press-2")), "eol"))
        .withMessage("line 'pack-1': output station 'eol' is not one of its stations");
  }

  @Test
  void line_station_findsByIdAndCopiesTheList() {
    List<StationConfig> stations = new ArrayList<>(List.of(station("press-2"), station("eol")));
    LineConfig line = new LineConfig("pack-1", stations, "eol");

    stations.clear();

    assertThat(line.stations()).extracting(StationConfig::id).containsExactly("press-2", "eol");
    assertThat(line.station("press-2")).contains(station("press-2"));
    assertThat(line.station("cell-stack")).isEmpty();
  }

  @Test
  void area_sameLineTwiceOrBadId_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AreaConfig("battery", List.of(pack1(), pack1())))
        .withMessage("area 'battery': line 'pack-1' appears more than once");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AreaConfig("battery/2", List.of()))
        .withMessageContaining("area id must be 1 to 64 characters")
        .withMessageContaining("'battery/2'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"XX", "pk", "PAK", "", "P"})
  void site_countryNotIso3166Alpha2_isRejectedNamingIt(String country) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SiteConfig("lahore", country, KARACHI, karachiCalendar(), List.of()))
        .withMessageContaining("site 'lahore': country '" + country + "' is not an ISO 3166-1");
  }

  @Test
  void site_knownCountries_areAccepted() {
    for (String country : List.of("PK", "DE", "JP", "TH")) {
      assertThat(new SiteConfig("s", country, KARACHI, karachiCalendar(), List.of()).country())
          .isEqualTo(country);
    }
  }

  @Test
  void site_calendarInAnotherZone_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SiteConfig("lahore", "PK", BERLIN, karachiCalendar(), List.of()))
        .withMessage(
            "site 'lahore': the shift calendar's zone 'Asia/Karachi' is not the site's zone"
                + " 'Europe/Berlin'");
  }

  @Test
  void site_sameAreaTwiceOrBadId_isRejected() {
    AreaConfig battery = new AreaConfig("battery", List.of());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> site("lahore", List.of(battery, battery)))
        .withMessage("site 'lahore': area 'battery' appears more than once");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> site("la hore", List.of()))
        .withMessageContaining("site id must be 1 to 64 characters")
        .withMessageContaining("'la hore'");
  }

  @Test
  void plant_sameSiteTwice_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new PlantModel(
                    List.of(lahore(), site("lahore", List.of())),
                    KpiPolicy.defaults(),
                    StationDefaults.standard()))
        .withMessage("plant: site 'lahore' appears more than once");
  }

  @Test
  void plant_sameLineNameInTwoAreas_isAccepted() {
    // Line and station names are unique only within their area and line: keys are full paths.
    SiteConfig site =
        site(
            "lahore",
            List.of(
                new AreaConfig("battery", List.of(pack1())),
                new AreaConfig("body", List.of(pack1()))));

    PlantModel model =
        new PlantModel(List.of(site), KpiPolicy.defaults(), StationDefaults.standard());

    assertThat(model.isConfigured("lahore", "body", "pack-1", "eol")).isTrue();
    assertThat(model.isConfigured("lahore", "battery", "pack-1", "eol")).isTrue();
  }
}
