package io.gemba.collector.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimedLogTest {

  private static List<String> all(TimedLog<String> log) {
    return log.itemsFrom(log.first());
  }

  @Test
  void insertsInTimeOrder_andFindsBoundsByTime() {
    TimedLog<String> log = new TimedLog<>();
    log.add(10, "a");
    log.add(20, "b");
    log.add(20, "c");
    log.add(30, "d");

    // 20 is after "a" and before "d": lower bound at "b", upper bound at "d"
    assertThat(log.get(log.lowerBound(20))).isEqualTo("b");
    assertThat(log.get(log.upperBound(20))).isEqualTo("d");
    assertThat(log.upperBound(30)).isEqualTo(log.end());
    assertThat(log.lowerBound(5)).isEqualTo(log.first());

    log.insert(log.upperBound(15), 15, "late");
    assertThat(all(log)).containsExactly("a", "late", "b", "c", "d");
  }

  @Test
  void manyItems_dropsAndInserts_keepOrderThroughGrowingAndCompacting() {
    TimedLog<String> log = new TimedLog<>();
    List<String> expected = new ArrayList<>();
    for (int t = 0; t < 200; t++) {
      log.add(t * 10L, "e" + t);
      expected.add("e" + t);
      if (t % 7 == 6) {
        // forget what is before t - 3: the first items of a window that moves on
        long keepFrom = (t - 3) * 10L;
        log.dropBefore(keepFrom);
        expected.removeIf(
            item -> Long.parseLong(item.substring(1).replace("x", "")) * 10 < keepFrom);
      }
    }
    // an item between the last two, inserted while the array is full or nearly
    log.insert(log.upperBound(1985), 1985, "x198");
    expected.add(expected.size() - 1, "x198");

    assertThat(all(log)).isEqualTo(expected);
    // the last drop, at t = 195 (195 % 7 == 6), kept from t - 3 = 192
    assertThat(log.time(log.first())).isEqualTo(1920);
  }

  @Test
  void removeFrom_givesTheTailAndLeavesTheRest() {
    TimedLog<String> log = new TimedLog<>();
    log.add(1, "a");
    log.add(2, "b");
    log.add(3, "c");

    assertThat(log.removeFrom(log.lowerBound(2))).containsExactly("b", "c");
    assertThat(all(log)).containsExactly("a");
    log.dropBefore(2);
    assertThat(log.isEmpty()).isTrue();
  }
}
