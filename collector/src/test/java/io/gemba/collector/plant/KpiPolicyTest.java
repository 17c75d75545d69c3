package io.gemba.collector.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.gemba.collector.kpi.MicroStopPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KpiPolicyTest {

  private static final Duration TWO_MIN = Duration.ofMinutes(2);
  private static final Duration FIVE_MIN = Duration.ofMinutes(5);

  @Test
  void defaults_areTpmTwoMinutesOee85LocalContent60Lateness5Minutes() {
    assertThat(KpiPolicy.defaults())
        .isEqualTo(
            new KpiPolicy(
                MicroStopPolicy.TPM, TWO_MIN, 0.85, 0.60, FIVE_MIN, Duration.ofMinutes(10)));
  }

  @Test
  void microStopPolicy_wireNames_areTheTagValuesAndRoundTrip() {
    assertThat(MicroStopPolicy.TPM.wireName()).isEqualTo("tpm");
    assertThat(MicroStopPolicy.ISO22400.wireName()).isEqualTo("iso22400");
    for (MicroStopPolicy policy : MicroStopPolicy.values()) {
      assertThat(MicroStopPolicy.fromWireName(policy.wireName())).contains(policy);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TPM", "iso-22400", "", "oee"})
  void microStopPolicy_unknownWireName_isEmpty(String name) {
    assertThat(MicroStopPolicy.fromWireName(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void constructor_thresholdNotPositive_isRejected(long seconds) {
    Duration threshold = Duration.ofSeconds(seconds);
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new KpiPolicy(
                    MicroStopPolicy.TPM, threshold, 0.85, 0.6, FIVE_MIN, Duration.ofMinutes(10)))
        .withMessageContaining("microStopThreshold must be positive: " + threshold);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.1, 1.01, Double.NaN})
  void constructor_targetOutsideZeroToOne_isRejectedNamingIt(double target) {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new KpiPolicy(
                    MicroStopPolicy.TPM, TWO_MIN, target, 0.6, FIVE_MIN, Duration.ofMinutes(10)))
        .withMessageContaining("oeeTarget must be in (0, 1]: " + target);
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new KpiPolicy(
                    MicroStopPolicy.TPM, TWO_MIN, 0.85, target, FIVE_MIN, Duration.ofMinutes(10)))
        .withMessageContaining("localContentTarget must be in (0, 1]: " + target);
  }

  @Test
  void constructor_negativeLateness_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new KpiPolicy(
                    MicroStopPolicy.ISO22400,
                    TWO_MIN,
                    0.85,
                    0.6,
                    Duration.ofSeconds(-1),
                    Duration.ZERO))
        .withMessageContaining("allowedLateness must not be negative: PT-1S");
  }

  @Test
  void constructor_negativeStartupWindow_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new KpiPolicy(
                    MicroStopPolicy.TPM, TWO_MIN, 0.85, 0.6, FIVE_MIN, Duration.ofMinutes(-1)))
        .withMessageContaining("startupAfterChangeover must not be negative: PT-1M");
  }

  @Test
  void constructor_edgeValues_areAccepted() {
    // Targets of exactly 100%, no lateness at all, a 1 ms threshold, no startup scrap.
    KpiPolicy policy =
        new KpiPolicy(
            MicroStopPolicy.ISO22400, Duration.ofMillis(1), 1.0, 1.0, Duration.ZERO, Duration.ZERO);

    assertThat(policy.allowedLateness()).isZero();
    assertThat(policy.oeeTarget()).isEqualTo(1.0);
  }

  private static KpiPolicy withBackfill(int shifts, Duration horizon) {
    return new KpiPolicy(
        MicroStopPolicy.TPM,
        TWO_MIN,
        0.85,
        0.6,
        FIVE_MIN,
        Duration.ZERO,
        KpiPolicy.DEFAULT_SILENCE_TIMEOUT,
        shifts,
        horizon);
  }

  @Test
  void backfill_defaultsToThePreviousShift_atMostADay() {
    assertThat(KpiPolicy.defaults().backfillShifts()).isEqualTo(1);
    assertThat(KpiPolicy.defaults().backfillHorizon()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void backfill_outOfRange_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> withBackfill(-1, Duration.ofHours(24)))
        .withMessageContaining("backfillShifts must not be negative: -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> withBackfill(1, Duration.ofDays(7).plusSeconds(1)))
        .withMessageContaining("backfillHorizon must be between 0 and 7 days: PT168H1S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> withBackfill(1, Duration.ofSeconds(-1)))
        .withMessageContaining("backfillHorizon must be between 0 and 7 days: PT-1S");
  }

  @Test
  void backfill_edgeValues_areAccepted() {
    // Only the current shift, no further back than the lateness; or a week back.
    assertThat(withBackfill(0, Duration.ZERO).backfillHorizon()).isZero();
    assertThat(withBackfill(100, Duration.ofDays(7)).backfillShifts()).isEqualTo(100);
  }
}
