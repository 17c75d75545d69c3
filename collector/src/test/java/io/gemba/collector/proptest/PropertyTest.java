package io.gemba.collector.proptest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PropertyTest {

  record Pair(int number, byte[] bytes) {}

  @Test
  void runsEveryTry_edgeCasesFirst() {
    List<Integer> seen = new ArrayList<>();

    Property.run(7, "", 5, List.of(-1, -2), d -> d.intBetween(0, 9), seen::add);

    assertThat(seen).hasSize(5).startsWith(-1, -2);
    assertThat(seen.subList(2, 5)).allSatisfy(n -> assertThat(n).isBetween(0, 9));
  }

  @Test
  void aFailure_reportsTheTry_theSeed_andTheExample() {
    assertThatThrownBy(
            () ->
                Property.run(
                    42,
                    "",
                    100,
                    List.of(),
                    d -> new Pair(d.intBetween(0, 1000), new byte[] {1, 2}),
                    p -> assertThat(p.number()).isLessThan(500)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("seed 42")
        .hasMessageContaining("-Dgemba.property.seed=42")
        .hasMessageMatching("(?s)Property failed on try \\d+ of 100, .*")
        .hasMessageContaining("Example: Pair[number=")
        .hasMessageContaining("bytes=[1, 2]]")
        .hasCauseInstanceOf(AssertionError.class);
  }

  @Test
  void theSameSeed_makesTheSameExamples() {
    List<Long> first = new ArrayList<>();
    List<Long> second = new ArrayList<>();

    Property.run(-3, "", 50, List.of(), Draw::anyLong, first::add);
    Property.run(-3, "", 50, List.of(), Draw::anyLong, second::add);

    assertThat(first).isEqualTo(second).doesNotHaveDuplicates();
  }

  @Test
  void anExceptionOfTheGenerator_isReportedWithTheSeed() {
    assertThatThrownBy(
            () ->
                Property.run(
                    5,
                    "",
                    3,
                    List.of(),
                    d -> {
                      throw new IllegalStateException("broken generator");
                    },
                    x -> {}))
        .hasMessageContaining("seed 5")
        .hasMessageContaining("not made")
        .hasRootCauseMessage("broken generator");
  }
}
