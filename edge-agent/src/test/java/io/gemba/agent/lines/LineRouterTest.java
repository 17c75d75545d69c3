package io.gemba.agent.lines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gemba.agent.testkit.TestPlant;
import org.junit.jupiter.api.Test;

class LineRouterTest {

  private final LineRouter router = new LineRouter(TestPlant.model(), 2);

  @Test
  void configuredLines_areDealtOutInTurn() {
    // pack-1 -> 0, pack-2 -> 1, pack-3 -> 0: in the order of the configuration
    assertThat(router.instanceOf("tlx", "battery", "pack-1")).isZero();
    assertThat(router.instanceOf("tlx", "battery", "pack-2")).isEqualTo(1);
    assertThat(router.instanceOf("tlx", "battery", "pack-3")).isZero();
  }

  @Test
  void everyTopicOfALine_goesToItsInstance() {
    assertThat(router.instanceOf("gemba/v1/tlx/battery/pack-2/st10/state")).isEqualTo(1);
    assertThat(router.instanceOf("gemba/v1/tlx/battery/pack-2/eol/count")).isEqualTo(1);
    assertThat(router.instanceOf("gemba/v1/tlx/battery/pack-2/_/order")).isEqualTo(1);
    assertThat(router.instanceOf("gemba/v1/tlx/battery/pack-3/st10/state")).isZero();
  }

  @Test
  void unconfiguredLine_goesByTheHashOfItsName_forAllItsTopics() {
    // "tlx/paint/line-9".hashCode() is what decides; every topic of the line agrees
    int expected = Math.floorMod("tlx/paint/line-9".hashCode(), 2);
    assertThat(router.instanceOf("gemba/v1/tlx/paint/line-9/st1/state")).isEqualTo(expected);
    assertThat(router.instanceOf("gemba/v1/tlx/paint/line-9/st2/cycle")).isEqualTo(expected);
    assertThat(router.instanceOf("tlx", "paint", "line-9")).isEqualTo(expected);
  }

  @Test
  void topicsThatNameNoLine_stillGetAnInstance() {
    assertThat(router.instanceOf(null)).isZero();
    assertThat(router.instanceOf("other/topic")).isBetween(0, 1);
    assertThat(router.instanceOf("gemba/v1/tlx")).isBetween(0, 1);
    assertThat(router.instanceOf("gemba/v1/")).isBetween(0, 1);
  }

  @Test
  void noInstances_isRefused() {
    assertThatThrownBy(() -> new LineRouter(TestPlant.model(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
  }
}
