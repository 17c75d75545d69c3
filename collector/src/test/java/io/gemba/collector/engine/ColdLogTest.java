package io.gemba.collector.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.CounterReading;
import io.gemba.collector.telemetry.CycleCompleted;
import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.Heartbeat;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.OrderEvent;
import io.gemba.collector.telemetry.StateChange;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.gemba.collector.telemetry.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cold log gives back the very events it was given, in order, across chunks and a restore. */
class ColdLogTest {

  private static final Instant T0 = Instant.parse("2026-11-26T05:00:00Z");

  private static List<TelemetryEvent> cellEvents() {
    // The property tests' line, one station, in time order; plus edge cases of every field.
    List<TelemetryEvent> events = new ArrayList<>();
    for (TelemetryEvent event : RandomPlantStream.generate(7, T0, 1_800, 0, 0)) {
      if (event.envelope().topic().station().equals("eol") && !events.contains(event)) {
        events.add(event);
      }
    }
    Topic state = RandomPlantStream.topic("eol", Channel.STATE);
    Topic lineOrder = RandomPlantStream.topic(Topic.WHOLE, Channel.ORDER);
    Instant late = T0.plusSeconds(1_801 * 60);
    events.add(
        new StateChange(
            new Envelope(state, late.plusNanos(123_456_789), true, Envelope.NO_SEQ),
            MachineState.DOWN,
            "Störung ⚙",
            -7));
    events.add(
        new CounterReading(
            new Envelope(
                RandomPlantStream.topic("eol", Channel.COUNT), late.plusSeconds(1), false, 0),
            Long.MAX_VALUE / 2,
            null,
            0L));
    events.add(
        new CounterReading(
            new Envelope(
                RandomPlantStream.topic("eol", Channel.COUNT), late.plusSeconds(2), false, 1),
            3,
            2L,
            1L));
    events.add(
        new CycleCompleted(
            new Envelope(
                RandomPlantStream.topic("eol", Channel.CYCLE), late.plusSeconds(3), false, 9),
            55_000,
            CycleCompleted.Result.NOK,
            null,
            "SN-0001"));
    events.add(
        new OrderEvent(
            new Envelope(lineOrder, late.plusSeconds(4), false, 4),
            OrderEvent.Kind.START,
            "WO-9",
            "P9",
            120L,
            61_000L));
    events.add(
        new Heartbeat(
            new Envelope(
                RandomPlantStream.topic("eol", Channel.HEARTBEAT), late.plusSeconds(5), false, 5),
            "gw-1"));
    Topic cycle = RandomPlantStream.topic("eol", Channel.CYCLE);
    events.add(
        new CycleCompleted(
            new Envelope(cycle, late.plusSeconds(6), false, 3),
            1_000,
            CycleCompleted.Result.OK,
            "P9",
            "SN-0002"));
    events.add(
        new CycleCompleted(
            new Envelope(cycle, late.plusSeconds(7).plusNanos(1), false, 4),
            999,
            CycleCompleted.Result.NOK,
            null,
            null));
    events.add(
        new CounterReading(
            new Envelope(
                RandomPlantStream.topic("eol", Channel.COUNT), late.plusSeconds(8), false, 12),
            9,
            7L,
            2L));
    Topic battery = RandomPlantStream.topic("eol", Channel.BATTERY);
    events.add(
        new BatteryTest(
            new Envelope(battery, late.plusSeconds(9), false, 13),
            "HVB-0001",
            "P9",
            true,
            BatteryTest.Verdict.FAIL,
            Map.of("ocv_v", 201.6, "temp_c", -0.0, "leak_pa_min", 1.2e-7)));
    events.add(
        new BatteryTest(
            new Envelope(battery, late.plusSeconds(10), true, Envelope.NO_SEQ),
            "HVB-0002",
            "P9",
            false,
            null,
            Map.of("dcir_mohm", 85.2)));
    events.sort(Comparator.comparing(e -> e.envelope().ts()));
    return events;
  }

  private static ColdLog log() {
    return new ColdLog(EngineHarness.SITE, EngineHarness.AREA, EngineHarness.LINE, "eol");
  }

  private static long ms(TelemetryEvent event) {
    return event.envelope().ts().toEpochMilli();
  }

  @Test
  void appended_comeBackEqual_inOrder_acrossChunks() {
    List<TelemetryEvent> events = cellEvents();
    assertThat(events.size()).isGreaterThan(2 * ColdLog.CHUNK_EVENTS);
    ColdLog log = log();
    events.forEach(e -> log.append(ms(e), e));

    assertThat(log.from(StationCore.NONE)).isEqualTo(events);
    assertThat(log.size()).isEqualTo(events.size());
    assertThat(log.lastMs()).isEqualTo(ms(events.get(events.size() - 1)));
    TelemetryEvent middle = events.get(events.size() / 2);
    assertThat(log.at(ms(middle))).contains(middle);
    assertThat(log.from(ms(middle)))
        .isEqualTo(events.stream().filter(e -> ms(e) >= ms(middle)).toList());
  }

  @Test
  void insertAll_putsEachAfterTheEventsAtItsTime() {
    List<TelemetryEvent> events = cellEvents();
    List<TelemetryEvent> kept = new ArrayList<>();
    List<TelemetryEvent> inserted = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      (i % 7 == 3 ? inserted : kept).add(events.get(i));
    }
    ColdLog log = log();
    kept.forEach(e -> log.append(ms(e), e));

    log.insertAll(inserted);

    List<TelemetryEvent> expected = new ArrayList<>(kept);
    for (TelemetryEvent event : inserted) {
      int at = 0;
      while (at < expected.size() && ms(expected.get(at)) <= ms(event)) {
        at++;
      }
      expected.add(at, event);
    }
    assertThat(log.from(StationCore.NONE)).isEqualTo(expected);
  }

  @Test
  void savedAndRestored_isTheSame_andGoesOnTheSame() {
    List<TelemetryEvent> events = cellEvents();
    int half = events.size() / 2 + 5;
    ColdLog log = log();
    events.subList(0, half).forEach(e -> log.append(ms(e), e));

    ColdLog restored = log();
    restored.restore(log.save());
    events.subList(half, events.size()).forEach(e -> restored.append(ms(e), e));

    assertThat(restored.from(StationCore.NONE)).isEqualTo(events);
  }

  @Test
  void removeFrom_givesBackTheNewerEvents_andKeepsTheOlder() {
    List<TelemetryEvent> events = cellEvents();
    ColdLog log = log();
    events.forEach(e -> log.append(ms(e), e));
    TelemetryEvent middle = events.get(ColdLog.CHUNK_EVENTS + 10);

    List<TelemetryEvent> removed = log.removeFrom(ms(middle));

    assertThat(removed).isEqualTo(events.stream().filter(e -> ms(e) >= ms(middle)).toList());
    assertThat(log.from(StationCore.NONE))
        .isEqualTo(events.stream().filter(e -> ms(e) < ms(middle)).toList());
  }

  @Test
  void dropBefore_forgetsWholeChunksOnly() {
    List<TelemetryEvent> events = cellEvents();
    ColdLog log = log();
    events.forEach(e -> log.append(ms(e), e));
    // The first event of the third chunk: the first two chunks go, nothing after.
    TelemetryEvent third = events.get(2 * ColdLog.CHUNK_EVENTS);

    log.dropBefore(ms(third));

    assertThat(log.size()).isEqualTo(events.size() - 2 * ColdLog.CHUNK_EVENTS);
    assertThat(log.from(StationCore.NONE).get(0)).isEqualTo(third);
  }

  @Test
  void anEvent_takesAboutSixBytes() {
    // The stream's events, most of them readings and states: a first byte (kind, flags), the time
    // since the event before (2 bytes for up to 16 s), and for a reading its counters' increments
    // (a byte each, none for a bad or scrap count as before), for a cycle nothing more when its
    // time is the time since the cycle before and its result and product are those before.
    List<TelemetryEvent> events = cellEvents();
    ColdLog log = log();
    events.forEach(e -> log.append(ms(e), e));
    long bytes = log.save().stream().mapToLong(s -> s.bytes().length).sum();
    assertThat((double) bytes / events.size()).isLessThan(7.0);
  }
}
