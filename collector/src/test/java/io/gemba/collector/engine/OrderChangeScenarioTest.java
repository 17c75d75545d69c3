package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.DOWN;
import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.point.Point;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two work orders in one morning shift: O1 makes P1, whose ideal cycle time (30 s) is configured
 * per product; O2 makes P2, whose ideal cycle time (45 s) the order itself gives (the station's
 * default, 60 s, must not be used). O1 ends and O2 starts at 10:00:30, in the middle of a minute.
 */
class OrderChangeScenarioTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final double EPS = 1e-9;
  private static final String D = "2026-11-26T"; // a Thursday

  static EngineHarness h;

  @BeforeAll
  static void runShift() {
    h = run();
  }

  /** Thursday's shift A at the press. */
  static EngineHarness run() {
    EngineHarness harness =
        new EngineHarness(
            BERLIN,
            List.of(CounterResetScenarioTest.shiftA()), // 06:00–14:00, no break
            EngineFixtures.onChangeOnly(KpiPolicy.defaults()),
            EngineHarness.station(
                "press",
                new IdealCycleTimes(Duration.ofSeconds(60), Map.of("P1", Duration.ofSeconds(30)))));
    EngineHarness x = harness;
    x.feed(
        x.state("press", D + "06:00", RUNNING),
        x.orderStart("press", D + "06:00", "O1", "P1"),
        x.count("press", D + "06:00", 0, 0), // baseline
        x.state("press", D + "07:00", DOWN, "JAM"),
        x.state("press", D + "07:10", RUNNING), // 10 min failure in O1
        x.count("press", D + "10:00:30", 400, 390), // +400, 390 good, for O1
        x.orderEnd("press", D + "10:00:30", "O1"),
        x.orderStart("press", D + "10:00:30", "O2", "P2", 45_000),
        x.state("press", D + "12:00", DOWN, "JAM"),
        x.state("press", D + "12:05", RUNNING), // 5 min failure in O2
        x.count("press", D + "13:59", 600, 580), // +200, 190 good, for O2
        x.orderEnd("press", D + "14:00", "O2"));
    x.timeMovesOn(D + "14:10");
    return harness;
  }

  @Test
  void orderO1_configuredIdealPerProduct_finalPointAtItsLastInstant() {
    // O1: 06:00–10:00:30 = 240.5 min = 14,430 s planned; 600 s down; run 13,830 s.
    // 400 units x 30 s = 12,000 s ideal; 390 good.
    Map<String, Object> o1 =
        h.point("oee", D + "10:00:30", "station", "press", "window", "order", "order", "O1");
    assertThat(o1)
        .containsEntry("planned_s", 14_430.0)
        .containsEntry("stop_s", 600.0)
        .containsEntry("run_s", 13_830.0)
        .containsEntry("total", 400L)
        .containsEntry("good", 390L);
    assertThat((double) o1.get("availability")).isCloseTo(13_830.0 / 14_430, within(EPS));
    assertThat((double) o1.get("performance")).isCloseTo(12_000.0 / 13_830, within(EPS));
    assertThat((double) o1.get("quality")).isCloseTo(390.0 / 400, within(EPS));
    // OEE: 390 x 30 s / 14,430 s.
    assertThat((double) o1.get("oee")).isCloseTo(11_700.0 / 14_430, within(EPS));
  }

  @Test
  void orderO2_idealFromTheOrder() {
    // O2: 10:00:30–14:00 = 239.5 min = 14,370 s planned; 300 s down; run 14,070 s.
    // 200 units x 45 s (the order's, not the 60 s default) = 9,000 s ideal; 190 good.
    Map<String, Object> o2 =
        h.point("oee", D + "14:00", "station", "press", "window", "order", "order", "O2");
    assertThat(o2)
        .containsEntry("planned_s", 14_370.0)
        .containsEntry("stop_s", 300.0)
        .containsEntry("run_s", 14_070.0)
        .containsEntry("total", 200L)
        .containsEntry("good", 190L);
    assertThat((double) o2.get("performance")).isCloseTo(9_000.0 / 14_070, within(EPS));
    assertThat((double) o2.get("quality")).isCloseTo(190.0 / 200, within(EPS));
    // OEE: 190 x 45 s / 14,370 s.
    assertThat((double) o2.get("oee")).isCloseTo(8_550.0 / 14_370, within(EPS));
  }

  @Test
  void orderPoints_tagTheOrder_andNoShift() {
    List<Point> orderPoints = h.points("oee", "station", "press", "window", "order");
    assertThat(orderPoints)
        .allSatisfy(
            p -> {
              assertThat(p.tags()).containsKey("order").doesNotContainKey("shift");
              assertThat(p.tags().get("order")).isIn("O1", "O2");
            });
    // O1 has a point at each minute boundary 06:01 ... 10:00 (240) and at 10:00:30: 241.
    assertThat(h.points("oee", "station", "press", "window", "order", "order", "O1")).hasSize(241);
    // O2 at 10:01 ... 14:00: 240.
    assertThat(h.points("oee", "station", "press", "window", "order", "order", "O2")).hasSize(240);
    // The line's order points are the output station's.
    assertThat(h.point("oee", D + "10:00:30", "station", "_line", "window", "order", "order", "O1"))
        .isEqualTo(
            h.point("oee", D + "10:00:30", "station", "press", "window", "order", "order", "O1"));
  }

  @Test
  void theOrderChange_splitsTheMinuteIntoTwoSegments() {
    // The 10:00 minute: 30 s of O1 (with the 400 units of the 10:00:30 reading) and 30 s of O2.
    Map<String, Object> first =
        h.point(
            "oee",
            D + "10:00",
            "station",
            "press",
            "window",
            "1m",
            "order",
            "O1",
            "shift",
            "2026-11-26/A");
    assertThat(first)
        .containsEntry("planned_s", 30.0)
        .containsEntry("run_s", 30.0)
        .containsEntry("total", 400L)
        .containsEntry("good", 390L);
    Map<String, Object> second =
        h.point("oee", D + "10:00", "station", "press", "window", "1m", "order", "O2");
    assertThat(second)
        .containsEntry("planned_s", 30.0)
        .containsEntry("run_s", 30.0)
        .containsEntry("total", 0L)
        .doesNotContainKey("quality");
    assertThat(h.points("oee", "station", "press", "window", "1m"))
        .filteredOn(p -> p.time().equals(h.at(D + "10:00")))
        .hasSize(2);
    // The minute's production is all P1.
    assertThat(h.points("production", "station", "press"))
        .filteredOn(p -> p.time().equals(h.at(D + "10:00")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.tags()).containsEntry("product", "P1");
              assertThat(p.fields()).containsEntry("total", 400L).containsEntry("good", 390L);
            });
    assertThat(h.point("production", D + "13:59", "station", "press"))
        .containsEntry("total", 200L)
        .containsEntry("good", 190L);
  }

  @Test
  void shift_sumsBothOrders() {
    // Planned 480 min = 28,800 s; stops 600 + 300 = 900 s; run 27,900 s.
    // Ideal: 400 x 30 + 200 x 45 = 12,000 + 9,000 = 21,000 s. Units 600, good 580.
    Map<String, Object> shift = h.point("oee", D + "14:00", "station", "press", "window", "shift");
    assertThat(shift)
        .containsEntry("planned_s", 28_800.0)
        .containsEntry("stop_s", 900.0)
        .containsEntry("run_s", 27_900.0)
        .containsEntry("total", 600L)
        .containsEntry("good", 580L);
    assertThat((double) shift.get("availability")).isCloseTo(27_900.0 / 28_800, within(EPS));
    assertThat((double) shift.get("performance")).isCloseTo(21_000.0 / 27_900, within(EPS));
    assertThat((double) shift.get("quality")).isCloseTo(580.0 / 600, within(EPS));

    // Losses: equipment failure 900 s; reduced speed 27,900 - 21,000 = 6,900 s;
    // process defects: scrap ideal 10 x 30 + 10 x 45 = 750 s. They add up to
    // 8,550 s = 28,800 - fully productive 20,250 s (390 x 30 + 190 x 45).
    assertThat(loss("equipment_failure")).isEqualTo(900.0);
    assertThat(loss("reduced_speed")).isEqualTo(6_900.0);
    assertThat(loss("process_defects")).isEqualTo(750.0);
    assertThat(loss("setup_adjustments")).isEqualTo(0.0);
    assertThat(loss("idling_minor_stops")).isEqualTo(0.0);

    // Two failures: MTBF 27,900 / 2 = 13,950 s, MTTR 900 / 2 = 450 s.
    assertThat(h.point("reliability", D + "14:00", "station", "press"))
        .containsEntry("failures", 2L)
        .containsEntry("mtbf_s", 13_950.0)
        .containsEntry("mttr_s", 450.0);
  }

  @Test
  void orderEnd_clearsTheOrderButKeepsTheProduct() {
    StationSnapshot press = h.engine.stations().get(0);
    assertThat(press.order()).isNull();
    assertThat(press.product()).isEqualTo("P2");
  }

  @Test
  void endOfAnotherOrder_isIgnored() {
    EngineHarness other = run();
    other.feed(
        other.orderStart("press", "2026-11-27T06:00", "O3", "P1"),
        other.orderEnd("press", "2026-11-27T06:01", "O9")); // not the current order
    StationSnapshot press = other.engine.stations().get(0);
    assertThat(press.order()).isEqualTo("O3");
    assertThat(press.product()).isEqualTo("P1");
  }

  private static double loss(String loss) {
    return (double) h.point("losses", D + "14:00", "station", "press", "loss", loss).get("seconds");
  }
}
