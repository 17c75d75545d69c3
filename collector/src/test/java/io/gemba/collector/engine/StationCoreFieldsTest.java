package io.gemba.collector.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.ShiftCalendar;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.CounterReading;
import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.Topic;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every field of {@link StationCore} survives its copy (a replay starts from one) and its
 * checkpoint: a field added to the core but forgotten in {@code copy}, {@code toState} or {@code
 * fromState} fails here, by name. Each field is set to a value unlike a new core's, by reflection,
 * so that the test needs no change when a field is added.
 */
class StationCoreFieldsTest {

  /**
   * Fields that are not copied or saved, and why: orders waiting for the station's next message are
   * kept events after the clock, which a replay (or a restore) applies again.
   */
  private static final Set<String> NOT_KEPT = Set.of("deferredOrders");

  private static final MinuteSlicer SLICER =
      new MinuteSlicer(
          new ShiftCalendar(
              ZoneOffset.UTC, List.of(EngineFixtures.morningShift(LocalTime.of(9, 0))), Set.of()));

  @Test
  void copy_keepsEveryField() throws Exception {
    StationCore core = everyFieldSet();
    StationCore copy = core.copy();
    for (Field field : fields()) {
      if (!NOT_KEPT.contains(field.getName())) {
        assertThat(same(field.get(core), field.get(copy)))
            .as("StationCore.copy() forgets " + field.getName())
            .isTrue();
      }
    }
    assertThat(copy.counters).isNotSameAs(core.counters);
    assertThat(copy.minuteCount).isNotSameAs(core.minuteCount);
    assertThat(copy.openSilences).isNotSameAs(core.openSilences);
  }

  @Test
  void checkpoint_keepsEveryField() throws Exception {
    StationCore core = everyFieldSet();
    StationCore restored = StationCore.fromState(core.toState(), SLICER);
    for (Field field : fields()) {
      if (!NOT_KEPT.contains(field.getName())) {
        assertThat(same(field.get(core), field.get(restored)))
            .as("StationCore.toState()/fromState() forget " + field.getName())
            .isTrue();
      }
    }
  }

  @Test
  void everyFieldSet_isUnlikeANewCore() throws Exception {
    StationCore core = everyFieldSet();
    StationCore fresh = new StationCore();
    for (Field field : fields()) {
      assertThat(same(field.get(core), field.get(fresh)))
          .as("the test sets " + field.getName())
          .isFalse();
    }
  }

  private static List<Field> fields() {
    List<Field> fields = new ArrayList<>();
    for (Field field : StationCore.class.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        field.setAccessible(true);
        fields.add(field);
      }
    }
    return fields;
  }

  /** A core whose every field differs from a new core's. */
  private static StationCore everyFieldSet() throws Exception {
    StationCore core = new StationCore();
    long n = 1_000;
    for (Field field : fields()) {
      Class<?> type = field.getType();
      n += 1_000;
      if (type == long.class) {
        field.setLong(core, n);
      } else if (type == boolean.class) {
        field.setBoolean(core, true);
      } else if (type == String.class) {
        field.set(core, "x-" + field.getName());
      } else if (type == Integer.class) {
        field.set(core, (int) n);
      } else if (type.isEnum()) {
        Object[] constants = type.getEnumConstants();
        Object current = field.get(core);
        field.set(core, constants[current == constants[0] ? 1 : 0]);
      } else if (type == Shift.class) {
        field.set(core, SLICER.shiftAt(Instant.parse("2026-11-26T08:00:00Z").toEpochMilli()));
      } else if (type == long[].class) {
        field.set(core, new long[] {n, n + 1});
      } else if (type == CounterTracker.class) {
        Envelope envelope =
            new Envelope(new Topic("s", "a", "l", "st", Channel.COUNT), Instant.EPOCH, false, 1);
        core.counters.accept(new CounterReading(envelope, 120, 110L, null));
      } else if (type == MinuteCount.class) {
        core.minuteCount.add(n, n + 5, "WO-1", "P1", 45_000.0, true, 3, 2);
      } else if (NOT_KEPT.contains(field.getName())) {
        core.deferOrder(n, null);
      } else {
        throw new AssertionError(
            "StationCoreFieldsTest does not know how to set " + type + " " + field.getName());
      }
    }
    return core;
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof long[] x && b instanceof long[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof MinuteCount x && b instanceof MinuteCount y) {
      return Objects.equals(x.state(), y.state());
    }
    if (a instanceof CounterTracker x && b instanceof CounterTracker y) {
      return Objects.equals(x.state(), y.state());
    }
    if (a instanceof java.util.ArrayDeque<?> x && b instanceof java.util.ArrayDeque<?> y) {
      return Arrays.equals(x.toArray(), y.toArray());
    }
    return Objects.equals(a, b);
  }
}
