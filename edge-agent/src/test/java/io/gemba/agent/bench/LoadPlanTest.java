package io.gemba.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoadPlanTest {

  private final LoadPlan plan = LoadPlan.standard();

  @Test
  void stationOf_numbersGoRoundTheHundredStations() {
    assertThat(plan.stations()).isEqualTo(100);
    assertThat(plan.stationOf(1)).isZero();
    assertThat(plan.stationOf(100)).isEqualTo(99);
    assertThat(plan.stationOf(101)).isZero();
    assertThat(plan.stationOf(258)).isEqualTo(57);
  }

  @Test
  void topic_stationsNumberedFromOneOnTheirLine() {
    // station 57: line 5 (the sixth), place 7 on it (the eighth)
    assertThat(plan.lineOf(57)).isEqualTo(5);
    assertThat(plan.topic(57)).isEqualTo("gemba/v1/bench/assembly/line-06/st-08/cycle");
    assertThat(plan.topic(0)).isEqualTo("gemba/v1/bench/assembly/line-01/st-01/cycle");
    assertThat(plan.topic(99)).isEqualTo("gemba/v1/bench/assembly/line-10/st-10/cycle");
  }

  @Test
  void payload_numberIsSeqAndCycleTime() {
    assertThat(new String(LoadPlan.payload(1_795_654_860_123L, 42), StandardCharsets.UTF_8))
        .isEqualTo("{\"ts\":1795654860123,\"seq\":42,\"cycleMs\":42,\"result\":\"OK\"}");
  }

  @Test
  void stationClock_sameOrEarlierMillisecond_oneAfterTheStationsLast() {
    StationClock clock = new StationClock(2);

    assertThat(clock.stamp(0, 1_000)).isEqualTo(1_000);
    assertThat(clock.stamp(0, 1_000)).isEqualTo(1_001);
    assertThat(clock.stamp(0, 1_001)).isEqualTo(1_002);
    assertThat(clock.stamp(0, 990)).isEqualTo(1_003); // the wall clock went back
    assertThat(clock.stamp(0, 2_000)).isEqualTo(2_000);
    assertThat(clock.stamp(1, 1_000)).isEqualTo(1_000); // each station on its own
  }
}
