package io.gemba.agent.simulate;

import io.gemba.agent.simulate.WorkingTime.Status;
import io.gemba.collector.plant.Shift;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.CounterReading;
import io.gemba.collector.telemetry.CycleCompleted;
import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.Heartbeat;
import io.gemba.collector.telemetry.KaizenUpdate;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.StateChange;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.gemba.collector.telemetry.Topic;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * One station in event time: its state machine, the units it makes and what it publishes.
 *
 * <p>While the shift calendar says work, the station runs, and stops now and then: a failure after
 * an exponential running time of mean MTBF, repaired in an exponential time of mean MTTR; a
 * micro-stop (a short wait or jam of 10–110 s) after an exponential running time of mean 20 min; a
 * changeover of 6–14 min when the line's order changes. A stop runs to its end even into a break
 * (the maintenance crew stays); the station then waits in {@code PLANNED_STOP} until work resumes.
 * A running station goes to {@code PLANNED_STOP} at a break or the end of the shift. The failure
 * and micro-stop clocks run only while the station runs.
 *
 * <p>Only a running station makes units: counter stations at 1.02–1.15 times the ideal cycle time
 * (drawn again each time they start running) and publish their cumulative counters every {@code
 * countEvery} within shifts, reset now and then at a shift start; cycle and test stations publish
 * each unit. Every {@value PartCatalog#LOT_UNITS} units a station consumes a lot of each of its
 * parts. A station silent for {@code heartbeatEvery} sends a heartbeat.
 *
 * <p>A kaizen card implemented for the station or its line ({@link #improve}) changes it from then
 * on ({@link Improvements}): it fails less often, its cycles come closer to the ideal one, it
 * scraps less.
 */
final class StationSim {

  private static final long MICRO_STOP_MEAN_MS = 20 * 60_000L;
  private static final double COUNTER_RESET_SHARE = 0.25;
  private static final double SLOW_CYCLE_SHARE = 0.05;
  private static final double JAM_SHARE = 0.3;

  private final SimulatedStation spec;
  private final Random random;
  private final WorkingTime calendar;
  private final Emitter out;
  private final SimulationOptions options;
  private final Topic stateTopic;
  private final Topic unitTopic;
  private final Topic heartbeatTopic;
  private final String gateway;
  private final String serialPrefix;
  private final PartSupply parts;
  private final BatteryTester tester;
  private final Improvements improvements = new Improvements();

  private MachineState state;
  private String reason;
  private long stopEndMs = Long.MAX_VALUE;
  private Status status;
  private Shift shift;
  private long calendarChangeMs;
  private long lastMs;
  private long failureLeftMs;
  private long microLeftMs;
  private double speed;
  private Product product;
  private boolean changeoverPending;

  private long total;
  private long scrap;
  private double madeFraction;
  private long nextCountMs = Long.MAX_VALUE;
  private long cycleStartMs;
  private long cycleDueMs = Long.MAX_VALUE;
  private long units;
  private long goodUnits;
  private long lastPublishMs;

  StationSim(
      SimulatedStation spec,
      Random random,
      WorkingTime calendar,
      Emitter out,
      SimulationOptions options,
      WornContact contact) {
    this.spec = spec;
    this.random = random;
    this.calendar = calendar;
    this.out = out;
    this.options = options;
    this.stateTopic = topic(Channel.STATE);
    this.unitTopic =
        topic(
            switch (spec.kind()) {
              case COUNTER -> Channel.COUNT;
              case CYCLE -> Channel.CYCLE;
              case BATTERY_TEST -> Channel.BATTERY;
            });
    this.heartbeatTopic = topic(Channel.HEARTBEAT);
    this.gateway = "plc-gw-" + spec.line();
    this.serialPrefix = "P" + spec.line().substring(spec.line().indexOf('-') + 1);
    this.parts = new PartSupply(spec.id(), topic(Channel.PART), random, options.localShare());
    this.tester =
        spec.kind() == SimulatedStation.Kind.BATTERY_TEST
            ? new BatteryTester(random, "HVB-" + serialPrefix, contact)
            : null;
  }

  private Topic topic(Channel channel) {
    return new Topic(SimulatedPlant.SITE, SimulatedPlant.AREA, spec.line(), spec.id(), channel);
  }

  /** Units that passed, since the start: a test station's good packs. */
  long goodUnits() {
    return goodUnits;
  }

  /** Starts the station at {@code ms} making {@code product}, as the calendar says. */
  void start(long ms, Product first) {
    product = first;
    lastMs = ms;
    lastPublishMs = ms;
    failureLeftMs = exponential(mtbfMs());
    microLeftMs = exponential(MICRO_STOP_MEAN_MS);
    total = random.nextInt(5_000);
    scrap = Math.round(total * spec.scrapRate());
    status = calendar.statusAt(ms);
    shift = calendar.shiftAt(ms);
    calendarChangeMs = calendar.nextChangeAfter(ms);
    resume(ms);
    if (isCounter() && status != Status.OFF_SHIFT) {
      nextCountMs = ms + random.nextInt((int) options.countEvery().toMillis());
    }
  }

  /** The next time something happens at the station. */
  long next() {
    long next = Math.min(Math.min(calendarChangeMs, stopEndMs), nextCountMs);
    if (state == MachineState.RUNNING) {
      next = Math.min(next, Math.min(cycleDueMs, lastMs + Math.min(failureLeftMs, microLeftMs)));
    }
    return Math.min(next, lastPublishMs + options.heartbeatEvery().toMillis());
  }

  /** Does what is due at {@code ms}, which is {@link #next()}. */
  void step(long ms) {
    advance(ms);
    if (ms >= calendarChangeMs) {
      calendarChanges(ms);
    }
    if (ms >= stopEndMs) {
      stopEndMs = Long.MAX_VALUE;
      resume(ms);
    }
    if (state == MachineState.RUNNING && failureLeftMs <= 0) {
      fail(ms);
    } else if (state == MachineState.RUNNING && microLeftMs <= 0) {
      microStop(ms);
    }
    if (state == MachineState.RUNNING && ms >= cycleDueMs) {
      completeCycle(ms);
    }
    if (ms >= nextCountMs) {
      publishCount(ms);
    }
    if (ms >= lastPublishMs + options.heartbeatEvery().toMillis()) {
      out.emit(heartbeatTopic, ms, envelope -> new Heartbeat(envelope, gateway));
      lastPublishMs = ms;
    }
  }

  /**
   * The line's order changed at {@code ms}: the station sets up for {@code next}, now if it runs,
   * else when its stop ends and work resumes.
   */
  void changeOver(long ms, Product next) {
    advance(ms);
    product = next;
    if (state == MachineState.RUNNING) {
      stop(ms, MachineState.CHANGEOVER, StopReasons.PRODUCT_CHANGE, changeoverMs());
    } else {
      changeoverPending = true;
    }
  }

  /**
   * A kaizen card for {@code target} was implemented at {@code ms}, for this station or its line.
   * The time to the next failure stretches as the failure rate falls: exponential times have no
   * memory, so the stretched time is the one a station with the new rate would have left.
   */
  void improve(long ms, KaizenUpdate.TargetKpi target) {
    advance(ms);
    double before = improvements.failures();
    improvements.apply(target);
    if (failureLeftMs > 0) {
      failureLeftMs = Math.max(1, Math.round(failureLeftMs * before / improvements.failures()));
    }
  }

  /** Accounts for the time up to {@code ms}: running time and, at counter stations, units. */
  private void advance(long ms) {
    if (ms <= lastMs) {
      return;
    }
    if (state == MachineState.RUNNING) {
      long elapsed = ms - lastMs;
      failureLeftMs -= elapsed;
      microLeftMs -= elapsed;
      if (isCounter()) {
        madeFraction += elapsed / (spec.idealCycleMs(product) * speed);
        for (; madeFraction >= 1; madeFraction -= 1) {
          unitMade(ms, random.nextDouble() >= scrapRate());
        }
      }
    }
    lastMs = ms;
  }

  private void calendarChanges(long ms) {
    Status before = status;
    Shift shiftBefore = shift;
    status = calendar.statusAt(ms);
    shift = calendar.shiftAt(ms);
    calendarChangeMs = calendar.nextChangeAfter(ms);
    if (shift != null && !shift.equals(shiftBefore) && random.nextDouble() < COUNTER_RESET_SHARE) {
      total = 0; // the PLC's counters were reset for the new shift
      scrap = 0;
      madeFraction = 0;
    }
    if (state == MachineState.RUNNING && status != Status.WORKING) {
      cycleDueMs = Long.MAX_VALUE;
      setState(ms, MachineState.PLANNED_STOP, plannedStopReason());
    } else if (state == MachineState.PLANNED_STOP) {
      resume(ms);
    }
    if (isCounter() && (status != Status.OFF_SHIFT || before != Status.OFF_SHIFT)) {
      publishCount(ms); // the counters at a break, at the end and at the start of a shift
      if (status == Status.OFF_SHIFT) {
        nextCountMs = Long.MAX_VALUE;
      }
    }
  }

  /** Out of a stop or a planned stop: what the calendar and the line's order say comes next. */
  private void resume(long ms) {
    if (status != Status.WORKING) {
      setState(ms, MachineState.PLANNED_STOP, plannedStopReason());
    } else if (changeoverPending) {
      changeoverPending = false;
      stop(ms, MachineState.CHANGEOVER, StopReasons.PRODUCT_CHANGE, changeoverMs());
    } else if (failureLeftMs <= 0) {
      fail(ms); // it was due when work stopped at the same millisecond
    } else {
      if (microLeftMs <= 0) {
        microLeftMs = exponential(MICRO_STOP_MEAN_MS);
      }
      speed = 1 + (0.02 + 0.13 * random.nextDouble()) * improvements.slack();
      setState(ms, MachineState.RUNNING, null);
      startCycle(ms);
    }
  }

  private String plannedStopReason() {
    return status == Status.BREAK ? StopReasons.BREAK : StopReasons.NO_SHIFT;
  }

  private void fail(long ms) {
    failureLeftMs = exponential(mtbfMs());
    if (microLeftMs <= 0) {
      microLeftMs = exponential(MICRO_STOP_MEAN_MS);
    }
    String failure = StopReasons.pick(StopReasons.FAILURES, random);
    stop(ms, MachineState.DOWN, failure, Math.max(1_000, exponential(spec.mttr().toMillis())));
  }

  private void microStop(long ms) {
    microLeftMs = exponential(MICRO_STOP_MEAN_MS);
    long length = 10_000 + random.nextInt(100_000);
    if (random.nextDouble() < JAM_SHARE) {
      stop(ms, MachineState.DOWN, StopReasons.JAM, length);
    } else {
      stop(ms, MachineState.IDLE, StopReasons.pick(StopReasons.WAITS, random), length);
    }
  }

  private void stop(long ms, MachineState stop, String why, long lengthMs) {
    cycleDueMs = Long.MAX_VALUE;
    stopEndMs = ms + lengthMs;
    setState(ms, stop, why);
  }

  private void setState(long ms, MachineState next, String why) {
    if (next == state && Objects.equals(why, reason)) {
      return;
    }
    state = next;
    reason = why;
    emit(stateTopic, ms, envelope -> new StateChange(envelope, next, why, null));
  }

  private void startCycle(long ms) {
    if (isCounter()) {
      return;
    }
    double factor = 1.02 + 0.18 * random.nextDouble();
    if (random.nextDouble() < SLOW_CYCLE_SHARE) {
      factor = 1.3 + 0.4 * random.nextDouble();
    }
    factor = 1 + (factor - 1) * improvements.slack();
    cycleStartMs = ms;
    cycleDueMs = ms + Math.round(spec.idealCycleMs(product) * factor);
  }

  private void completeCycle(long ms) {
    Product made = product;
    if (tester != null) {
      // The tester reports the test, and the test is the unit it finished, as the contract says
      // (no cycle besides, which would count the pack twice): a pack that failed its test is not
      // a good unit of the line.
      BatteryTester.Outcome test = tester.test(ms, made);
      emit(unitTopic, ms, envelope -> test.event(envelope, made));
      unitMade(ms, test.pass());
    } else {
      boolean ok = random.nextDouble() >= scrapRate();
      long cycleMs = ms - cycleStartMs;
      String serial = String.format("%s-%07d", serialPrefix, units + 1);
      emit(
          unitTopic,
          ms,
          envelope ->
              new CycleCompleted(
                  envelope,
                  cycleMs,
                  ok ? CycleCompleted.Result.OK : CycleCompleted.Result.NOK,
                  made.name(),
                  serial));
      unitMade(ms, ok);
    }
    startCycle(ms);
  }

  /** A unit is made at {@code ms}; every lot of units uses up a lot of each part. */
  private void unitMade(long ms, boolean good) {
    units++;
    total++;
    if (good) {
      goodUnits++;
    } else {
      scrap++;
    }
    parts.unitMade(ms, product, this::emit);
  }

  private void publishCount(long ms) {
    emit(unitTopic, ms, envelope -> new CounterReading(envelope, total, null, scrap));
    long jitter = random.nextInt(201) - 100;
    nextCountMs = ms + Math.max(1, options.countEvery().toMillis() + jitter);
  }

  private void emit(Topic topic, long ms, Function<Envelope, TelemetryEvent> make) {
    out.emit(topic, ms, make);
    lastPublishMs = ms;
  }

  /** The mean running time between failures, with what kaizens changed. */
  private long mtbfMs() {
    return Math.round(spec.mtbf().toMillis() / improvements.failures());
  }

  private double scrapRate() {
    return spec.scrapRate() * improvements.scrap();
  }

  private boolean isCounter() {
    return spec.kind() == SimulatedStation.Kind.COUNTER;
  }

  private long changeoverMs() {
    return 6 * 60_000L + random.nextInt(8 * 60_000);
  }

  /** An exponential draw of mean {@code meanMs}, at least 1 ms. */
  private long exponential(long meanMs) {
    return Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanMs));
  }
}
