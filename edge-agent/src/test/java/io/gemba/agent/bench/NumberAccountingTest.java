package io.gemba.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberAccountingTest {

  @Test
  void summary_eachNumberOnce_complete() {
    NumberAccounting accounting = new NumberAccounting(101, 3);
    accounting.record(103);
    accounting.record(101);
    accounting.record(102);

    NumberAccounting.Summary summary = accounting.summary();

    assertThat(summary.complete()).isTrue();
    assertThat(summary.expected()).isEqualTo(3);
    assertThat(summary.records()).isEqualTo(3);
    assertThat(summary.lost()).isZero();
  }

  @Test
  void summary_missingRepeatedAndForeignNumbers_lostDuplicatesAndStraysApart() {
    // expected 101..105; seen 101, 102 three times, 104, 105, and 99 and 106 from elsewhere
    NumberAccounting accounting = new NumberAccounting(101, 5);
    for (long n : new long[] {101, 102, 102, 102, 104, 105, 99, 106}) {
      accounting.record(n);
    }

    NumberAccounting.Summary summary = accounting.summary();

    assertThat(summary.complete()).isFalse();
    assertThat(summary.records()).isEqualTo(8);
    assertThat(summary.lost()).isEqualTo(1);
    assertThat(summary.lostExamples()).containsExactly(103L);
    assertThat(summary.duplicates()).isEqualTo(2); // 102 seen twice more than once
    assertThat(summary.duplicateExamples()).containsExactly(102L);
    assertThat(summary.strays()).isEqualTo(2);
  }

  @Test
  void summary_manyLost_firstFiveAsExamples() {
    NumberAccounting accounting = new NumberAccounting(1, 10);
    accounting.record(2);

    NumberAccounting.Summary summary = accounting.summary();

    assertThat(summary.lost()).isEqualTo(9);
    assertThat(summary.lostExamples()).containsExactly(1L, 3L, 4L, 5L, 6L);
  }

  @Test
  void recordValue_wholeNumberCounts_fractionIsAStray() {
    NumberAccounting accounting = new NumberAccounting(1, 2);
    accounting.recordValue(1.0);
    accounting.recordValue(2.0);
    accounting.recordValue(1.5);

    NumberAccounting.Summary summary = accounting.summary();

    assertThat(summary.lost()).isZero();
    assertThat(summary.duplicates()).isZero();
    assertThat(summary.strays()).isEqualTo(1);
  }

  @Test
  void summary_nothingExpected_completeUntilSomethingComes() {
    NumberAccounting accounting = new NumberAccounting(1, 0);
    assertThat(accounting.summary().complete()).isTrue();

    accounting.record(1);
    assertThat(accounting.summary().strays()).isEqualTo(1);
  }
}
