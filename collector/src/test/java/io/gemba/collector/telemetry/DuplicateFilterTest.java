package io.gemba.collector.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {

  private static final Topic PRESS =
      new Topic("lahore", "battery", "pack-1", "module-press", Channel.COUNT);
  private static final Topic STACKER =
      new Topic("lahore", "battery", "pack-1", "cell-stack", Channel.COUNT);
  private static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");

  private static CounterReading count(Topic topic, long seq, Instant ts) {
    return new CounterReading(new Envelope(topic, ts, false, seq), seq, seq, null);
  }

  @Test
  void redelivery_sameTopicSeqAndTs_isDuplicate() {
    DuplicateFilter filter = new DuplicateFilter();

    assertThat(filter.isDuplicate(count(PRESS, 7, T0))).isFalse();
    assertThat(filter.isDuplicate(count(PRESS, 7, T0))).isTrue();
    assertThat(filter.isDuplicate(count(PRESS, 7, T0))).isTrue();
  }

  @Test
  void sameSeq_otherTopic_isNotDuplicate() {
    DuplicateFilter filter = new DuplicateFilter();
    filter.isDuplicate(count(PRESS, 7, T0));

    assertThat(filter.isDuplicate(count(STACKER, 7, T0))).isFalse();
  }

  @Test
  void sameSeq_otherTs_isPublisherRestartNotDuplicate() {
    DuplicateFilter filter = new DuplicateFilter();
    filter.isDuplicate(count(PRESS, 0, T0));

    assertThat(filter.isDuplicate(count(PRESS, 0, T0.plusSeconds(600)))).isFalse();
    // and the new message is what is remembered now
    assertThat(filter.isDuplicate(count(PRESS, 0, T0.plusSeconds(600)))).isTrue();
  }

  @Test
  void noSeq_isNeverDuplicate() {
    DuplicateFilter filter = new DuplicateFilter();
    CounterReading noSeq = new CounterReading(Envelope.of(PRESS, T0), 1, 1L, null);

    assertThat(filter.isDuplicate(noSeq)).isFalse();
    assertThat(filter.isDuplicate(noSeq)).isFalse();
    assertThat(filter.topics()).isZero();
  }

  @Test
  void missingTs_comparesSeqOnly() {
    DuplicateFilter filter = new DuplicateFilter();
    // a redelivered message without ts arrives later, so its arrival-time ts differs
    CounterReading first = new CounterReading(new Envelope(PRESS, T0, true, 5), 1, 1L, null);
    CounterReading again =
        new CounterReading(new Envelope(PRESS, T0.plusMillis(250), true, 5), 1, 1L, null);

    assertThat(filter.isDuplicate(first)).isFalse();
    assertThat(filter.isDuplicate(again)).isTrue();
  }

  @Test
  void window_remembersTheLastWindowSeqs() {
    DuplicateFilter filter = new DuplicateFilter(4, 10);
    for (long seq = 0; seq < 6; seq++) {
      filter.isDuplicate(count(PRESS, seq, T0.plusSeconds(seq)));
    }

    // 2..5 are the last four: remembered; 0 and 1 were overwritten by 4 and 5
    assertThat(filter.isDuplicate(count(PRESS, 5, T0.plusSeconds(5)))).isTrue();
    assertThat(filter.isDuplicate(count(PRESS, 2, T0.plusSeconds(2)))).isTrue();
    assertThat(filter.isDuplicate(count(PRESS, 1, T0.plusSeconds(1)))).isFalse();
  }

  @Test
  void topics_areBounded_leastRecentlySeenForgottenFirst() {
    DuplicateFilter filter = new DuplicateFilter(4, 2);
    Topic third = new Topic("lahore", "battery", "pack-1", "eol-test", Channel.COUNT);
    filter.isDuplicate(count(PRESS, 1, T0));
    filter.isDuplicate(count(STACKER, 1, T0));
    filter.isDuplicate(count(PRESS, 2, T0)); // press seen again: stacker is now the oldest
    filter.isDuplicate(count(third, 1, T0));

    assertThat(filter.topics()).isEqualTo(2);
    assertThat(filter.forgottenTopics()).isEqualTo(1);
    assertThat(filter.isDuplicate(count(PRESS, 1, T0))).isTrue();
    assertThat(filter.isDuplicate(count(STACKER, 1, T0))).isFalse();
  }

  @Test
  void settings_mustBePositive() {
    assertThatIllegalArgumentException().isThrownBy(() -> new DuplicateFilter(0, 10));
    assertThatIllegalArgumentException().isThrownBy(() -> new DuplicateFilter(10, 0));
  }
}
