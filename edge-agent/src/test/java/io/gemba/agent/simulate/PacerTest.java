package io.gemba.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PacerTest {

  private static final long START = 1_000_000_000_000L;
  private static final Instant FIRST = Instant.parse("2026-11-23T12:50:00Z");

  @Test
  void pacer_realTime_dueAsMuchLaterAsTheEventTime() {
    Pacer pacer = Pacer.byEventTime(START, FIRST, 1, null);

    assertThat(pacer.dueNanos(0, FIRST)).isEqualTo(START);
    assertThat(pacer.dueNanos(7, FIRST.plusMillis(1_500))).isEqualTo(START + 1_500_000_000L);
  }

  @Test
  void pacer_speedUp60_aMinuteOfPlantPerSecond() {
    Pacer pacer = Pacer.byEventTime(START, FIRST, 60, null);

    // 90 s of event time at 60x: 1.5 s of wall time; 1 ms of event time: 16,667 ns.
    assertThat(pacer.dueNanos(1, FIRST.plusSeconds(90))).isEqualTo(START + 1_500_000_000L);
    assertThat(pacer.dueNanos(2, FIRST.plusMillis(1))).isEqualTo(START + 16_667);
  }

  @Test
  void pacer_liveFrom_historyDueAtTheStart_theRestAtTheSpeedUpFromThere() {
    Instant liveFrom = FIRST.plus(Duration.ofDays(21));
    Pacer pacer = Pacer.byEventTime(START, liveFrom, 60, null);

    // 21 days of history before the live instant: all due at once, whatever their event time.
    assertThat(pacer.dueNanos(0, FIRST)).isEqualTo(START);
    assertThat(pacer.dueNanos(1, liveFrom.minusMillis(1))).isEqualTo(START);
    assertThat(pacer.dueNanos(2, liveFrom)).isEqualTo(START);
    // After it, (event time - live from) / speed-up: 90 s of plant at 60x is 1.5 s.
    assertThat(pacer.dueNanos(3, liveFrom.plusSeconds(90))).isEqualTo(START + 1_500_000_000L);
    assertThat(pacer.dueNanos(4, liveFrom.plusMillis(1))).isEqualTo(START + 16_667);
  }

  @Test
  void pacer_liveFromTheFirstMessage_asWithoutHistory() {
    Pacer live = Pacer.byEventTime(START, FIRST, 60, null);

    assertThat(live.dueNanos(0, FIRST)).isEqualTo(START);
    assertThat(live.dueNanos(1, FIRST.plusSeconds(60))).isEqualTo(START + 1_000_000_000L);
  }

  @Test
  void pacer_atRate_dueEveryOneOverRateWhateverTheEventTime() {
    Pacer pacer = Pacer.atRate(START, 4_000, null);

    // 4,000 a second: one every 250 us.
    assertThat(pacer.dueNanos(0, FIRST.plusSeconds(3_600))).isEqualTo(START);
    assertThat(pacer.dueNanos(1, FIRST)).isEqualTo(START + 250_000);
    assertThat(pacer.dueNanos(4_000, FIRST)).isEqualTo(START + 1_000_000_000L);
  }

  @Test
  void pacer_atFractionalRate_roundsEachDueTimeFromTheStart() {
    Pacer pacer = Pacer.atRate(START, 3, null);

    // 1/3 s apart, each rounded on its own so that no error piles up.
    assertThat(pacer.dueNanos(1, FIRST)).isEqualTo(START + 333_333_333L);
    assertThat(pacer.dueNanos(2, FIRST)).isEqualTo(START + 666_666_667L);
    // Three million messages later: a million seconds, exactly.
    assertThat(pacer.dueNanos(3_000_000, FIRST)).isEqualTo(START + 1_000_000_000_000_000L);
  }

  @Test
  void pacer_wait_zeroWhenDueOrLate() {
    assertThat(Pacer.waitNanos(START + 10, START)).isEqualTo(10);
    assertThat(Pacer.waitNanos(START, START)).isZero();
    assertThat(Pacer.waitNanos(START, START + 5_000_000)).isZero();
  }

  @Test
  void pacer_duration_endsWhatIsDueAtOrAfterIt() {
    Pacer pacer = Pacer.atRate(START, 10, Duration.ofSeconds(1));

    // 10 a second for 1 s: messages 0 to 9, due at 0 to 0.9 s; message 10 is due at the end.
    assertThat(pacer.isAfterEnd(pacer.dueNanos(9, FIRST))).isFalse();
    assertThat(pacer.isAfterEnd(pacer.dueNanos(10, FIRST))).isTrue();
    assertThat(Pacer.byEventTime(START, FIRST, 1, null).isAfterEnd(Long.MAX_VALUE - 1)).isFalse();
  }

  @Test
  void pacer_badRates_refused() {
    assertThatThrownBy(() -> Pacer.atRate(START, 0, null))
        .hasMessageStartingWith("messagesPerSecond");
    assertThatThrownBy(() -> Pacer.byEventTime(START, FIRST, Double.NaN, null))
        .hasMessageStartingWith("speedUp");
    assertThatThrownBy(() -> Pacer.byEventTime(START, null, 60, null))
        .hasMessageStartingWith("liveFrom");
  }
}
