package io.gemba.collector.proptest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrawTest {

  private final Draw draw = new Draw(1);

  @Test
  void numbersStayInTheirRange_andReachItsEdges() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      long n = draw.longBetween(-5_000, 7_000_000);
      assertThat(n).isBetween(-5_000L, 7_000_000L);
      seen.add(n);
    }

    assertThat(seen).contains(-5_000L, -4_999L, -1L, 0L, 1L, 6_999_999L, 7_000_000L);
  }

  @Test
  void theWholeLongRange_andItsEdges() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      seen.add(draw.anyLong());
    }

    assertThat(seen).contains(Long.MIN_VALUE, Long.MAX_VALUE, 0L);
    assertThat(seen.stream().filter(n -> n < -1L << 60 || n > 1L << 60)).isNotEmpty();
  }

  @Test
  void doubles_inTheirRange_withTheirBounds_andScale() {
    Set<Double> seen = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      double x = draw.doubleBetween(-Double.MAX_VALUE, Double.MAX_VALUE);
      assertThat(x).isBetween(-Double.MAX_VALUE, Double.MAX_VALUE);
      seen.add(x);
      double scaled = draw.doubleBetween(1e-6, 1e9, 6);
      assertThat(scaled).isBetween(1e-6, 1e9);
      assertThat(scaled * 1e6)
          .isCloseTo(Math.rint(scaled * 1e6), offset(1e-3 * Math.max(1, scaled)));
    }

    assertThat(seen).contains(-Double.MAX_VALUE, Double.MAX_VALUE, 0.0);
  }

  @Test
  void strings_ofTheirCharacters_emptyAndLongestIncluded() {
    Chars chars = Chars.ranges('a', 'c').with('_');
    Set<Integer> lengths = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      String s = draw.string(0, 300, chars);
      assertThat(s).matches("[abc_]*");
      lengths.add(s.length());
    }

    assertThat(lengths).contains(0, 300);
  }

  @Test
  void anyCharacter_isNeitherASurrogateNorPrivateNorANoncharacter() {
    String s = draw.string(5_000, 5_000, Chars.any());

    assertThat(s.chars())
        .noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)
        .noneMatch(c -> c >= 0xE000 && c <= 0xF8FF)
        .noneMatch(c -> c == 0xFFFE || c == 0xFFFF);
  }

  @Test
  void maps_haveDistinctKeys_andTheirSize() {
    for (int i = 0; i < 200; i++) {
      var map = draw.mapOf(1, 10, d -> d.intBetween(0, 20), d -> "v");
      assertThat(map.size()).isBetween(1, 10);
    }
  }
}
