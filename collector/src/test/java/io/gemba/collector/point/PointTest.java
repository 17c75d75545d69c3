package io.gemba.collector.point;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointTest {

  private static final Instant T = Instant.parse("2026-11-26T01:00:00Z");

  @Test
  void builder_leavesOutNullTagsAndUndefinedFields_inOrder() {
    Point point =
        Point.builder("oee", T)
            .tag("site", "lahore")
            .tag("order", null)
            .tag("line", "pack-1")
            .field("availability", Double.NaN)
            .field("performance", Double.POSITIVE_INFINITY)
            .field("planned_s", 60.0)
            .field("total", 7L)
            .field("first_pass", true)
            .build();

    assertThat(point.tags())
        .containsExactly(Map.entry("site", "lahore"), Map.entry("line", "pack-1"));
    assertThat(point.fields())
        .containsExactly(
            Map.entry("planned_s", 60.0), Map.entry("total", 7L), Map.entry("first_pass", true));
    assertThat(point.series()).isEqualTo("oee,line=pack-1,site=lahore");
  }

  @Test
  void builder_tagsFromArrays_keepTheirOrderAndAreChecked() {
    String[] names = {"site", "line"};
    Point point =
        Point.builder("m", T)
            .tags(names, new String[] {"lahore", "pack-1"})
            .tag("shift", "2026-11-26/A")
            .field("x", 1L)
            .build();

    assertThat(point.tags())
        .containsExactly(
            Map.entry("site", "lahore"),
            Map.entry("line", "pack-1"),
            Map.entry("shift", "2026-11-26/A"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Point.builder("m", T).tags(names, new String[] {"lahore"}))
        .withMessageContaining("differ in number");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Point.builder("m", T).tags(names, new String[] {"lahore", ""}))
        .withMessageContaining("tag must have a value");
  }

  @Test
  void sizedBuilder_growsPastItsSizeAndLeavesUnusedRoomOut() {
    Point grown =
        Point.builder("m", T, 1, 1)
            .tag("a", "1")
            .tag("b", "2")
            .field("x", 1L)
            .field("y", 2L)
            .build();
    Point roomy =
        Point.builder("m", T, 8, 8)
            .tag("a", "1")
            .tag("b", "2")
            .field("x", 1L)
            .field("y", 2L)
            .build();

    assertThat(grown.tags()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThat(grown.fields()).containsExactly(Map.entry("x", 1L), Map.entry("y", 2L));
    assertThat(roomy).isEqualTo(grown);
  }

  @Test
  void builder_rejectsEmptyTagsAndPointsWithoutFields() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Point.builder("m", T).tag("line", ""))
        .withMessageContaining("tag must have a value");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Point.builder("m", T).tag("line", "L1").field("x", Double.NaN).build())
        .withMessageContaining("needs at least one field");
  }

  @Test
  void constructor_checksFieldTypesAndValues() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("x", 1); // an Integer, not a Long
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Point("m", Map.of(), fields, T))
        .withMessageContaining("field 'x' has an unsupported value: 1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Point("m", Map.of(), Map.of("x", Double.NaN), T));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Point("m", Map.of("line", ""), Map.of("x", 1L), T));
  }

  @Test
  void samePoint_isMeasurementTagsAndTime_equalAlsoNeedsTheFields() {
    Point a = Point.builder("m", T).tag("line", "L1").field("x", 1L).build();
    Point b = Point.builder("m", T).tag("line", "L1").field("x", 2L).build();
    Point c = Point.builder("m", T.plusSeconds(60)).tag("line", "L1").field("x", 1L).build();
    Point a2 = new Point("m", Map.of("line", "L1"), Map.of("x", 1L), T);

    assertThat(a.samePointAs(b)).isTrue();
    assertThat(a).isNotEqualTo(b);
    assertThat(a.samePointAs(c)).isFalse();
    assertThat(a).isEqualTo(a2).hasSameHashCodeAs(a2);
  }
}
