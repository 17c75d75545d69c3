package io.gemba.collector.point;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  private static final Point.Layout OEE =
      Point.layout("oee")
          .tags("site", "order", "line")
          .doubleFields("availability", "performance", "planned_s")
          .longFields("total")
          .booleanFields("first_pass")
          .stringFields("note")
          .build();

  @Test
  void layoutPoint_leavesOutGaps_andEqualsTheSamePointBuiltByNames() {
    Point byLayout =
        OEE.point(T.toEpochMilli())
            .tags(new String[] {"lahore"})
            .tag(null)
            .tag("pack-1")
            .field(Double.NaN)
            .skip()
            .field(60.0)
            .field(7L)
            .field(true)
            .skip()
            .build();
    Point byNames =
        Point.builder("oee", T)
            .tag("site", "lahore")
            .tag("line", "pack-1")
            .field("planned_s", 60.0)
            .field("total", 7L)
            .field("first_pass", true)
            .build();

    assertThat(byLayout.tags())
        .containsExactly(Map.entry("site", "lahore"), Map.entry("line", "pack-1"));
    assertThat(byLayout.fields())
        .containsExactly(
            Map.entry("planned_s", 60.0), Map.entry("total", 7L), Map.entry("first_pass", true));
    assertThat(byLayout.time()).isEqualTo(T);
    assertThat(byLayout).isEqualTo(byNames).hasSameHashCodeAs(byNames);
    assertThat(byNames).isEqualTo(byLayout);
    assertThat(byLayout.pointHash()).isEqualTo(byNames.pointHash());
  }

  @Test
  void layoutPoints_comparedByTagsAndFields_withGapsInOtherPlaces() {
    Point a = full("L1", 0.5, 1L);
    Point sameOtherTotal = full("L1", 0.5, 2L);
    Point otherLine = full("L2", 0.5, 1L);
    Point withoutAvailability = full("L1", Double.NaN, 1L);

    assertThat(a.samePointAs(sameOtherTotal)).isTrue();
    assertThat(a.sameFieldsAs(sameOtherTotal)).isFalse();
    assertThat(a.samePointAs(otherLine)).isFalse();
    assertThat(a.sameFieldsAs(withoutAvailability)).isFalse();
    assertThat(withoutAvailability.fields()).doesNotContainKey("availability");
    assertThat(a).isEqualTo(full("L1", 0.5, 1L)).hasSameHashCodeAs(full("L1", 0.5, 1L));
  }

  private static Point full(String line, double availability, long total) {
    return OEE.point(T.toEpochMilli())
        .tag("lahore")
        .tag("WO-1")
        .tag(line)
        .field(availability)
        .field(0.9)
        .field(60.0)
        .field(total)
        .field(false)
        .field("ok")
        .build();
  }

  @Test
  void layoutPoint_timeIsTheMillisecondGiven_alsoBeforeTheEpoch() {
    Point before =
        OEE.point(-1)
            .tag("a")
            .tag(null)
            .tag(null)
            .skip()
            .skip()
            .skip()
            .field(1L)
            .skip()
            .skip()
            .build();

    assertThat(before.time()).isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
  }

  @Test
  void layoutValues_mustMatchTheLayout() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OEE.point(0).tag("a").tag(null).tag(null).field(1L))
        .withMessageContaining("field 'availability' has another type");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OEE.point(0).tag("a").tag(null).tag(null).field(0.5).build())
        .withMessageContaining("3 of 3 tags and 1 of 6 fields given");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OEE.point(0).tag(""))
        .withMessageContaining("tag must have a value");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OEE.point(0).tags(new String[] {"lahore", ""}))
        .withMessageContaining("tag must have a value");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                OEE.point(0)
                    .tag("a")
                    .tag(null)
                    .tag(null)
                    .field(Double.NaN)
                    .skip()
                    .skip()
                    .skip()
                    .skip()
                    .skip()
                    .build())
        .withMessageContaining("needs at least one field");
  }

  @Test
  void layoutsAndBuilders_refuseANameTwice() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Point.layout("m").tags("line", "line").longFields("x").build())
        .withMessageContaining("a tag name twice");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Point.layout("m").tags("line").build())
        .withMessageContaining("1 to 64 fields, not 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Point.builder("m", T).tag("line", "L1").tag("line", "L2"))
        .withMessageContaining("tag 'line' twice");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Point.builder("m", T).field("x", 1L).field("x", 2.0))
        .withMessageContaining("field 'x' twice");
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

  @Test
  void accept_handsOnTagsThenFields_eachInNameOrder_withoutGaps() {
    Point point =
        OEE.point(T.toEpochMilli() + 250)
            .tag("lahore")
            .tag(null)
            .tag("pack-1")
            .field(0.5)
            .skip()
            .field(60.0)
            .field(7L)
            .field(false)
            .field("a \"note\"")
            .build();
    List<String> seen = new ArrayList<>();
    point.accept(
        new Point.Visitor() {
          @Override
          public void tag(String name, String value) {
            seen.add("tag " + name + "=" + value);
          }

          @Override
          public void field(String name, long value) {
            seen.add("long " + name + "=" + value);
          }

          @Override
          public void field(String name, double value) {
            seen.add("double " + name + "=" + value);
          }

          @Override
          public void field(String name, boolean value) {
            seen.add("boolean " + name + "=" + value);
          }

          @Override
          public void field(String name, String value) {
            seen.add("string " + name + "=" + value);
          }
        });

    // Tags by name: line, site (order left out); fields by name: availability, first_pass, note,
    // planned_s, total (performance left out).
    assertThat(seen)
        .containsExactly(
            "tag line=pack-1",
            "tag site=lahore",
            "double availability=0.5",
            "boolean first_pass=false",
            "string note=a \"note\"",
            "double planned_s=60.0",
            "long total=7");
    assertThat(point.epochMilli()).isEqualTo(T.toEpochMilli() + 250);
  }
}
