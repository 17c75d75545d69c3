package io.gemba.collector.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTest {

  @Test
  void toString_isTheMqttTopic() {
    Topic topic = new Topic("lahore", "battery", "pack-1", "eol-test", Channel.BATTERY);

    assertThat(topic).hasToString("gemba/v1/lahore/battery/pack-1/eol-test/battery");
  }

  @Test
  void levels_wholeLineAndWholeArea() {
    Topic station = new Topic("s", "a", "l", "st", Channel.KAIZEN);
    Topic line = new Topic("s", "a", "l", "_", Channel.KAIZEN);
    Topic area = new Topic("s", "a", "_", "_", Channel.KAIZEN);

    assertThat(station.isWholeLine()).isFalse();
    assertThat(line.isWholeLine()).isTrue();
    assertThat(line.isWholeArea()).isFalse();
    assertThat(area.isWholeArea()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "A-Z_0-9",
        "_",
        "x234567890123456789012345678901234567890123456789012345678901234"
      })
  void isValidName_accepted(String name) {
    assertThat(Topic.isValidName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "pack 1",
        "pack/1",
        "pack.1",
        "#",
        "+",
        "ü",
        "x2345678901234567890123456789012345678901234567890123456789012345"
      })
  void isValidName_rejected(String name) {
    assertThat(Topic.isValidName(name)).isFalse();
  }

  @Test
  void constructor_rejectsWhatTheContractForbids() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Topic("s", "a", "l", "st 1", Channel.STATE))
        .withMessageContaining("station must be 1 to 64 characters");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Topic("s", "a", "_", "st", Channel.KAIZEN))
        .withMessageContaining("area-level topic");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Topic("s", "a", "l", "_", Channel.CYCLE))
        .withMessageContaining("channel cycle needs a station");
  }
}
