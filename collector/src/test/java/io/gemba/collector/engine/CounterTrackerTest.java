package io.gemba.collector.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.CounterReading;
import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.Topic;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CounterTrackerTest {

  /** What one reading added, as the tracker reports it. */
  private record Made(long total, long good, long scrap, boolean reset) {}

  private static Made made(CounterTracker tracker, CounterReading reading) {
    assertThat(tracker.accept(reading)).as("counted after the baseline").isTrue();
    return new Made(
        tracker.madeTotal(), tracker.madeGood(), tracker.madeScrap(), tracker.wasReset());
  }

  private static final Topic PRESS =
      new Topic("lahore", "battery", "pack-1", "module-press", Channel.COUNT);
  private static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");

  private static CounterReading scrapCounter(long total, long scrap) {
    return new CounterReading(Envelope.of(PRESS, T0), total, null, scrap);
  }

  private static CounterReading goodCounter(long total, long good) {
    return new CounterReading(Envelope.of(PRESS, T0), total, good, null);
  }

  @Test
  void firstReading_isOnlyTheBaseline() {
    CounterTracker tracker = new CounterTracker();

    assertThat(tracker.accept(scrapCounter(1234, 12))).isFalse();
    assertThat(tracker.hasBaseline()).isTrue();
    assertThat(new long[] {tracker.madeTotal(), tracker.madeGood(), tracker.madeScrap()})
        .containsOnly(0);
  }

  @Test
  void laterReadings_giveTheDifference() {
    CounterTracker tracker = new CounterTracker();
    tracker.accept(scrapCounter(1234, 12));

    // 1240 − 1234 = 6 made, 13 − 12 = 1 scrap, so 5 good
    assertThat(made(tracker, scrapCounter(1240, 13))).isEqualTo(new Made(6, 5, 1, false));
    // a lost message loses nothing: 1250 − 1240 = 10, all good
    assertThat(made(tracker, scrapCounter(1250, 13))).isEqualTo(new Made(10, 10, 0, false));
  }

  @Test
  void counterGoingDown_isAResetAndCountsFromZero() {
    CounterTracker tracker = new CounterTracker();
    tracker.accept(goodCounter(1250, 1237));

    // the PLC reset, then made 20 (19 good) before this reading
    assertThat(made(tracker, goodCounter(20, 19))).isEqualTo(new Made(20, 19, 1, true));
    assertThat(made(tracker, goodCounter(25, 24))).isEqualTo(new Made(5, 5, 0, false));
  }

  @Test
  void onlyScrapCounterGoingDown_isAReset() {
    CounterTracker tracker = new CounterTracker();
    tracker.accept(scrapCounter(100, 10));

    // total went up (100 → 103) but scrap went down (10 → 2): the PLC reset both
    assertThat(made(tracker, scrapCounter(103, 2))).isEqualTo(new Made(103, 101, 2, true));
  }

  @Test
  void repeatedReading_isNoProduction() {
    CounterTracker tracker = new CounterTracker();
    tracker.accept(scrapCounter(500, 5));

    assertThat(made(tracker, scrapCounter(500, 5))).isEqualTo(new Made(0, 0, 0, false));
  }

  @Test
  void restoredFromCheckpoint_continuesWhereItStopped() {
    CounterTracker before = new CounterTracker();
    before.accept(scrapCounter(1234, 12));
    before.accept(scrapCounter(1240, 13));

    CounterTracker after = new CounterTracker(before.state());

    assertThat(made(after, scrapCounter(1245, 13))).isEqualTo(new Made(5, 5, 0, false));
  }
}
