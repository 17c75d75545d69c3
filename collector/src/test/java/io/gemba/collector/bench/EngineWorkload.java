package io.gemba.collector.bench;

import io.gemba.collector.plant.AreaConfig;
import io.gemba.collector.plant.BreakDefinition;
import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.Interval;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.LineConfig;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.ShiftCalendar;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.plant.SiteConfig;
import io.gemba.collector.plant.SpecLimits;
import io.gemba.collector.plant.StationConfig;
import io.gemba.collector.plant.StationDefaults;
import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.CounterReading;
import io.gemba.collector.telemetry.CycleCompleted;
import io.gemba.collector.telemetry.DecodeCounters;
import io.gemba.collector.telemetry.DecoderSettings;
import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.Heartbeat;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.OrderEvent;
import io.gemba.collector.telemetry.StateChange;
import io.gemba.collector.telemetry.StateCodeTable;
import io.gemba.collector.telemetry.TelemetryDecoder;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.gemba.collector.telemetry.Topic;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The plant and the telemetry stream of {@link KpiEngineBenchmark}: one site in Asia/Karachi with
 * three 8-hour shifts every day (each with a tea and a meal break), four areas of 25 lines, each
 * line with ten stations, 1,000 stations in all, every one configured with ideal cycle times per
 * product.
 *
 * <p>The stream is simulated per station in event time and then interleaved across stations by
 * delivery time, as a broker delivers it:
 *
 * <ul>
 *   <li>Counter stations (8 of 10 per line) publish their cumulative counters every 5 s (±250 ms),
 *       whether or not they make parts: the counters grow by what the station made while running
 *       outside breaks, at 85–97% of the ideal rate, with 1.5% scrap.
 *   <li>Cycle stations ({@code st-04} and {@code st-08} of each line) send no counters but one
 *       {@code cycle} message per unit (1.5% NOK), 1.03–1.30 times the ideal cycle time apart;
 *       {@code st-08} is the line's end-of-line battery tester, with an ideal cycle time of 37.5–90
 *       s, and sends a {@code battery} test of seven measurements per pack instead (limits ±4σ, a
 *       failed pack tested again): about 0.5% of the events, as on a real pack line.
 *   <li>Every station sends a {@code heartbeat} every 30 s and changes state: it runs for an
 *       exponentially distributed time (mean 10 min, at least 30 s), then stops: {@code DOWN} (45%;
 *       60% of them 20–110 s, the rest 2–10 min), {@code IDLE} (40%; 70% of them 10–110 s, the rest
 *       2–6 min), {@code CHANGEOVER} (10%, 5–12 min) or {@code PLANNED_STOP} (5%, 5–15 min).
 *   <li>Every station starts with {@code RUNNING} and an order {@code START}; a changeover ends the
 *       order ({@code END} 200 ms after it starts) and starts the next one, with the next of the
 *       line's three products, 1 s before the station runs again.
 * </ul>
 *
 * <p>1% of the events (not the first of a station) are delivered 2–30 s after their event time,
 * that is after some later events of their station: well within the 5-minute lateness, so none is
 * rejected, but each makes the engine correct its station by replay.
 */
final class EngineWorkload {

  static final String SITE = "lahore";
  static final ZoneId ZONE = ZoneId.of("Asia/Karachi");
  static final String[] AREAS = {"body", "paint", "battery", "assembly"};
  static final int LINES = 100;
  static final int STATIONS_PER_LINE = 10;
  static final int STATIONS = LINES * STATIONS_PER_LINE;
  static final String[] PRODUCTS = {"HEV-PACK-1", "HEV-PACK-2", "PHEV-PACK-1"};
  private static final double[] PRODUCT_FACTOR = {1.0, 1.15, 0.9};

  /**
   * The first event time: Thursday 2026-11-26, 04:55 local, in night shift C five minutes before
   * its tea break; a million events reach into morning shift A (06:00).
   */
  static final Instant START = LocalDateTime.of(2026, 11, 26, 4, 55).atZone(ZONE).toInstant();

  static final long COUNT_EVERY_MS = 5_000;
  static final long HEARTBEAT_EVERY_MS = 30_000;
  static final double DELAYED_SHARE = 0.01;

  private static final String[] DOWN_REASONS = {"JAM-12", "TOOL-BREAK", "E-STOP", "SENSOR-4"};
  private static final String[] IDLE_REASONS = {"STARVED", "BLOCKED"};
  private static final String[] PLANNED_REASONS = {"PM", "MEETING"};

  /** A configured station and how it behaves. */
  record StationSpec(
      int index,
      String area,
      String line,
      String station,
      boolean cycles,
      boolean tester,
      long idealMs) {

    long idealMs(int product) {
      return Math.round(idealMs * PRODUCT_FACTOR[product]);
    }

    StationConfig config() {
      Map<String, Duration> byProduct = new HashMap<>();
      for (int p = 0; p < PRODUCTS.length; p++) {
        byProduct.put(PRODUCTS[p], Duration.ofMillis(idealMs(p)));
      }
      return new StationConfig(
          station,
          new IdealCycleTimes(Duration.ofMillis(idealMs), byProduct),
          StateCodeTable.packMl());
    }
  }

  /**
   * The stream in delivery order, and what it is made of.
   *
   * @param events the events, in delivery order
   * @param byChannel how many events of each channel
   * @param byState how many state changes to each state
   * @param microStops stops shorter than 2 minutes
   * @param delayed events delivered after a later event of their station
   * @param first the earliest event time
   * @param last the latest event time
   */
  record Stream(
      TelemetryEvent[] events,
      Map<Channel, Integer> byChannel,
      Map<MachineState, Integer> byState,
      int microStops,
      int delayed,
      Instant first,
      Instant last) {}

  final List<StationSpec> stations;
  final PlantModel model;
  private final long countEveryMs;
  private final ShiftCalendar calendar;
  private final long[][] breaks;

  EngineWorkload(long seed) {
    this(seed, COUNT_EVERY_MS);
  }

  /** The same plant, its counter stations reading their counters every {@code countEveryMs}. */
  EngineWorkload(long seed, long countEveryMs) {
    this(seed, countEveryMs, KpiPolicy.defaults());
  }

  /** The same, under {@code policy}. */
  EngineWorkload(long seed, long countEveryMs, KpiPolicy policy) {
    this.countEveryMs = countEveryMs;
    Random random = new Random(seed);
    List<StationSpec> specs = new ArrayList<>(STATIONS);
    for (int i = 0; i < STATIONS; i++) {
      int line = i / STATIONS_PER_LINE;
      int position = i % STATIONS_PER_LINE;
      specs.add(
          new StationSpec(
              i,
              AREAS[line * AREAS.length / LINES],
              String.format("line-%03d", line + 1),
              String.format("st-%02d", position + 1),
              position == 3 || position == 7,
              position == 7,
              (2_500 + 500L * random.nextInt(8)) * (position == 7 ? 15 : 1)));
    }
    this.stations = List.copyOf(specs);
    this.calendar = calendar();
    this.model = model(stations, calendar, policy);
    this.breaks = breaks(calendar, START);
  }

  /** Shift A 06–14, B 14–22, C 22–06, every day, each with a 15-minute tea and a 30-minute meal. */
  static ShiftCalendar calendar() {
    Set<DayOfWeek> everyDay = EnumSet.allOf(DayOfWeek.class);
    return new ShiftCalendar(
        ZONE,
        List.of(
            shift("A", 6, everyDay, LocalTime.of(8, 0), LocalTime.of(10, 30)),
            shift("B", 14, everyDay, LocalTime.of(16, 0), LocalTime.of(18, 30)),
            shift("C", 22, everyDay, LocalTime.of(5, 0), LocalTime.of(2, 0))),
        Set.of());
  }

  private static ShiftDefinition shift(
      String name, int startHour, Set<DayOfWeek> days, LocalTime tea, LocalTime meal) {
    return new ShiftDefinition(
        name,
        LocalTime.of(startHour, 0),
        LocalTime.of((startHour + 8) % 24, 0),
        List.of(
            new BreakDefinition("tea", tea, tea.plusMinutes(15)),
            new BreakDefinition("meal", meal, meal.plusMinutes(30))),
        days);
  }

  private static PlantModel model(
      List<StationSpec> stations, ShiftCalendar calendar, KpiPolicy policy) {
    Map<String, List<LineConfig>> linesByArea = new HashMap<>();
    for (int line = 0; line < LINES; line++) {
      List<StationConfig> configs = new ArrayList<>();
      StationSpec first = stations.get(line * STATIONS_PER_LINE);
      for (int s = 0; s < STATIONS_PER_LINE; s++) {
        configs.add(stations.get(line * STATIONS_PER_LINE + s).config());
      }
      linesByArea
          .computeIfAbsent(first.area(), k -> new ArrayList<>())
          .add(new LineConfig(first.line(), configs, configs.get(configs.size() - 1).id()));
    }
    List<AreaConfig> areas = new ArrayList<>();
    for (String area : AREAS) {
      areas.add(new AreaConfig(area, linesByArea.get(area)));
    }
    SiteConfig site = new SiteConfig(SITE, "PK", ZONE, calendar, areas);
    return new PlantModel(
        List.of(site), policy, StationDefaults.standard(), quality(), LeanPolicy.defaults());
  }

  /** The breaks of the shifts around {@code start}, as [start, end) in epoch milliseconds. */
  private static long[][] breaks(ShiftCalendar calendar, Instant start) {
    Set<Interval> found = new LinkedHashSet<>();
    for (long h = -24; h <= 24 * 8; h++) {
      calendar.shiftAt(start.plus(Duration.ofHours(h))).map(Shift::breaks).ifPresent(found::addAll);
    }
    return found.stream()
        .map(b -> new long[] {b.start().toEpochMilli(), b.end().toEpochMilli()})
        .toArray(long[][]::new);
  }

  /** Milliseconds of {@code [from, to)} outside breaks. */
  private long outsideBreaks(long from, long to) {
    long ms = to - from;
    for (long[] b : breaks) {
      ms -= Math.max(0, Math.min(to, b[1]) - Math.max(from, b[0]));
    }
    return ms;
  }

  /** The end of the break {@code t} is in, or {@code t} if it is in none. */
  private long breakEndAt(long t) {
    for (long[] b : breaks) {
      if (t >= b[0] && t < b[1]) {
        return b[1];
      }
    }
    return t;
  }

  /** The first {@code count} events in delivery order of a stream that starts at {@link #START}. */
  Stream generate(long seed, int count) {
    // Stations make about 14 events a minute (counters every 5 s): counter readings, a dozen cycles
    // at cycle stations, heartbeats and state changes; simulate 25% longer than needed, then cut.
    double perStationMinute = 0.8 * 60_000.0 / countEveryMs + 0.2 * 16 + 2.5;
    return generate(seed, count, stations, perStationMinute / 1.25, event -> true);
  }

  /**
   * The first {@code count} battery tests in delivery order of the stream that starts at {@link
   * #START}: the tests of every line's tester, without the other events. A tester tests about 0.6
   * packs a minute while it runs; it runs about 80% of the time.
   */
  Stream batteryTests(long seed, int count) {
    List<StationSpec> testers = stations.stream().filter(StationSpec::tester).toList();
    return generate(seed, count, testers, 0.3, BatteryTest.class::isInstance);
  }

  /**
   * The first {@code count} events that {@code kept} keeps, in delivery order, of {@code sims}
   * simulated for long enough to make {@code perStationMinute} of them a minute each.
   */
  private Stream generate(
      long seed,
      int count,
      List<StationSpec> sims,
      double perStationMinute,
      java.util.function.Predicate<TelemetryEvent> kept) {
    long endMs = START.toEpochMilli() + (long) (count / (sims.size() * perStationMinute) * 60_000);
    Random delays = new Random(seed ^ 0x5DEECE66DL);
    List<Pending> pending = new ArrayList<>(count + count / 3);
    long order = 0;
    for (StationSpec spec : sims) {
      List<TelemetryEvent> events =
          new StationSim(spec, new Random(seed + spec.index()))
              .run(endMs).stream().filter(kept).toList();
      for (int i = 0; i < events.size(); i++) {
        TelemetryEvent event = events.get(i);
        long ts = event.envelope().ts().toEpochMilli();
        boolean delay = i > 0 && delays.nextDouble() < DELAYED_SHARE;
        long delivery = delay ? ts + 2_000 + delays.nextInt(28_001) : ts;
        pending.add(new Pending(delivery, order++, event));
      }
    }
    if (pending.size() < count) {
      throw new IllegalStateException("simulated only " + pending.size() + " events");
    }
    pending.sort(Comparator.comparingLong(Pending::delivery).thenComparingLong(Pending::order));
    TelemetryEvent[] events = new TelemetryEvent[count];
    Map<Channel, Integer> byChannel = new EnumMap<>(Channel.class);
    Map<MachineState, Integer> byState = new EnumMap<>(MachineState.class);
    long[] latest = new long[STATIONS];
    Arrays.fill(latest, Long.MIN_VALUE);
    Map<Topic, Integer> stationOf = new HashMap<>();
    for (StationSpec spec : stations) {
      for (Channel channel : CHANNELS) {
        stationOf.put(topic(spec, channel), spec.index());
      }
    }
    int delayed = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      TelemetryEvent event = inDeliveryOrder(pending.get(i).event());
      events[i] = event;
      byChannel.merge(event.channel(), 1, Integer::sum);
      if (event instanceof StateChange change) {
        byState.merge(change.state(), 1, Integer::sum);
      }
      long ts = event.envelope().ts().toEpochMilli();
      int station = stationOf.get(event.envelope().topic());
      if (ts < latest[station]) {
        delayed++;
      }
      latest[station] = Math.max(latest[station], ts);
      first = Math.min(first, ts);
      last = Math.max(last, ts);
    }
    return new Stream(
        events,
        byChannel,
        byState,
        microStops(events),
        delayed,
        Instant.ofEpochMilli(first),
        Instant.ofEpochMilli(last));
  }

  /**
   * The stream from {@link #START} on, {@code count} events, made and handed to {@code sink} one
   * minute of event time at a time in delivery order (the events delivered late that belong to a
   * later minute's delivery with it), so that a day at 10,000 messages a second needs no more
   * memory than a minute of it. The same plant and behaviour as {@link #generate}, the same events
   * up to the order of events delivered within the same millisecond across a minute's edge.
   */
  void stream(long seed, long count, java.util.function.Consumer<List<TelemetryEvent>> sink) {
    List<StationSim> sims = new ArrayList<>(STATIONS);
    for (StationSpec spec : stations) {
      sims.add(new StationSim(spec, new Random(seed + spec.index())));
    }
    Random delays = new Random(seed ^ 0x5DEECE66DL);
    List<Pending> pending = new ArrayList<>();
    long order = 0;
    long made = 0;
    boolean[] first = new boolean[STATIONS];
    Arrays.fill(first, true);
    for (long windowEnd = START.toEpochMilli() + 60_000; made < count; windowEnd += 60_000) {
      for (StationSim sim : sims) {
        for (TelemetryEvent event : sim.run(windowEnd)) {
          long ts = event.envelope().ts().toEpochMilli();
          boolean delay = !first[sim.spec.index()] && delays.nextDouble() < DELAYED_SHARE;
          first[sim.spec.index()] = false;
          long delivery = delay ? ts + 2_000 + delays.nextInt(28_001) : ts;
          pending.add(new Pending(delivery, order++, event));
        }
      }
      pending.sort(Comparator.comparingLong(Pending::delivery).thenComparingLong(Pending::order));
      int due = 0;
      while (due < pending.size() && pending.get(due).delivery() < windowEnd) {
        due++;
      }
      int take = (int) Math.min(due, count - made);
      List<TelemetryEvent> minute = new ArrayList<>(take);
      for (int i = 0; i < take; i++) {
        minute.add(inDeliveryOrder(pending.get(i).event()));
      }
      pending.subList(0, due).clear();
      made += take;
      sink.accept(minute);
    }
  }

  /**
   * A copy of {@code event}, allocated now: a decoder allocates events in the order they arrive, so
   * the benchmark's events lie in memory in delivery order too, not station by station as
   * simulated.
   */
  private static TelemetryEvent inDeliveryOrder(TelemetryEvent event) {
    Envelope e = event.envelope();
    Envelope envelope =
        new Envelope(e.topic(), Instant.ofEpochMilli(e.ts().toEpochMilli()), false, e.seq());
    if (event instanceof CounterReading c) {
      return new CounterReading(envelope, c.total(), null, Long.valueOf(c.scrap().longValue()));
    } else if (event instanceof StateChange c) {
      return new StateChange(envelope, c.state(), c.reason(), c.code());
    } else if (event instanceof CycleCompleted c) {
      return new CycleCompleted(envelope, c.cycleMs(), c.result(), c.product(), c.serial());
    } else if (event instanceof OrderEvent c) {
      return new OrderEvent(
          envelope, c.event(), c.order(), c.product(), c.plannedQty(), c.idealCycleMs());
    } else if (event instanceof Heartbeat c) {
      return new Heartbeat(envelope, c.gateway());
    } else if (event instanceof BatteryTest c) {
      return new BatteryTest(
          envelope, c.serial(), c.product(), c.retest(), c.result(), Map.copyOf(c.measurements()));
    }
    throw new IllegalArgumentException("not simulated: " + event);
  }

  /** Stops (state changes away from RUNNING) that end, in event time, less than 2 minutes later. */
  private static int microStops(TelemetryEvent[] events) {
    Map<Topic, Long> stopSince = new HashMap<>();
    int micro = 0;
    TelemetryEvent[] inTime = events.clone();
    Arrays.sort(inTime, Comparator.comparing(TelemetryEvent::ts));
    for (TelemetryEvent event : inTime) {
      if (event instanceof StateChange change) {
        Topic topic = change.envelope().topic();
        long ts = change.envelope().ts().toEpochMilli();
        Long since = stopSince.remove(topic);
        if (since != null && ts - since < 120_000) {
          micro++;
        }
        if (change.state() != MachineState.RUNNING) {
          stopSince.put(topic, ts);
        }
      }
    }
    return micro;
  }

  private static final Channel[] CHANNELS = {
    Channel.STATE, Channel.COUNT, Channel.CYCLE, Channel.BATTERY, Channel.ORDER, Channel.HEARTBEAT
  };

  /** A battery test's measurements, their means and sigmas, and their limits (±4σ). */
  static final String[] MEASUREMENTS = {
    "ocv_v",
    "dcir_mohm",
    "capacity_ah",
    "cell_spread_mv",
    "insulation_mohm",
    "leak_pa_min",
    "temp_c"
  };

  private static final double[] MEANS = {201.6, 85, 6.6, 12, 550, 1.2, 27};
  private static final double[] SIGMAS = {0.25, 2.5, 0.06, 3, 60, 0.3, 1.2};
  private static final double[] LOW = new double[MEANS.length];
  private static final double[] HIGH = new double[MEANS.length];

  static {
    for (int m = 0; m < MEANS.length; m++) {
      LOW[m] = MEANS[m] - 4 * SIGMAS[m];
      HIGH[m] = MEANS[m] + 4 * SIGMAS[m];
    }
  }

  /** The limits of every product's measurements: the means ±4σ. */
  static QualityPolicy quality() {
    List<SpecLimits> limits = new ArrayList<>();
    for (String product : PRODUCTS) {
      for (int m = 0; m < MEASUREMENTS.length; m++) {
        limits.add(new SpecLimits(product, MEASUREMENTS[m], LOW[m], HIGH[m], MEANS[m]));
      }
    }
    return new QualityPolicy(
        QualityPolicy.DEFAULT_WINDOW, QualityPolicy.DEFAULT_SPC_MIN_TESTS, limits);
  }

  private record Pending(long delivery, long order, TelemetryEvent event) {}

  private static final TelemetryDecoder DECODER =
      new TelemetryDecoder(DecoderSettings.defaults(), DecodeCounters.NONE);

  /** One topic object per station and channel, as the decoder's topic cache shares them. */
  private static Topic topic(StationSpec spec, Channel channel) {
    return DECODER.topicOf(
        new Topic(SITE, spec.area(), spec.line(), spec.station(), channel).toString());
  }

  /** One station's events in event time. */
  private final class StationSim {

    private final StationSpec spec;
    private final Random random;
    private final List<TelemetryEvent> events = new ArrayList<>();
    private final double speed;
    private long seq;

    private MachineState state = MachineState.RUNNING;
    private int product;
    private int orderNumber;
    private long total;
    private long scrap;
    private double made;
    private long producedUntil;
    private long cycleTimeMs;

    StationSim(StationSpec spec, Random random) {
      this.spec = spec;
      this.random = random;
      this.speed = 0.85 + 0.12 * random.nextDouble();
      this.product = random.nextInt(PRODUCTS.length);
      this.total = 10_000 + random.nextInt(500_000);
      this.scrap = total / 100;
    }

    private boolean started;
    private long nextCount;
    private long nextCycle;
    private long nextHeartbeat;
    private long nextTransition;
    private long pendingOrderStart;

    /**
     * The station's events from where the last call stopped to {@code endMs} (an order end may
     * trail by 200 ms), in event time.
     */
    List<TelemetryEvent> run(long endMs) {
      events.clear();
      if (!started) {
        started = true;
        long now = START.toEpochMilli() + random.nextInt(5_000);
        producedUntil = now;
        state(now, MachineState.RUNNING, null);
        orderStart(now + 150);
        nextCount = spec.cycles() ? Long.MAX_VALUE : now + 200 + random.nextInt(5_000);
        nextCycle = spec.cycles() ? now + cycleMs() : Long.MAX_VALUE;
        nextHeartbeat = now + 300 + random.nextInt((int) HEARTBEAT_EVERY_MS);
        nextTransition = now + runningMs();
        pendingOrderStart = Long.MAX_VALUE;
      }
      while (true) {
        long t =
            Math.min(
                Math.min(nextCount, nextCycle),
                Math.min(Math.min(nextHeartbeat, nextTransition), pendingOrderStart));
        if (t >= endMs) {
          events.sort(Comparator.comparing(TelemetryEvent::ts)); // an order END trails by 200 ms
          return List.copyOf(events);
        }
        if (t == pendingOrderStart) {
          orderStart(t);
          pendingOrderStart = Long.MAX_VALUE;
        } else if (t == nextTransition) {
          produceUntil(t);
          if (state == MachineState.RUNNING) {
            long stopMs = stop(t);
            nextTransition = t + stopMs;
            nextCycle = Long.MAX_VALUE;
            if (state == MachineState.CHANGEOVER) {
              orderEnd(t + 200);
              pendingOrderStart = t + stopMs - 1_000;
            }
          } else {
            state(t, MachineState.RUNNING, null);
            nextTransition = t + runningMs();
            if (spec.cycles()) {
              nextCycle = t + cycleMs();
            }
          }
        } else if (t == nextCount) {
          produceUntil(t);
          add(new CounterReading(envelope(Channel.COUNT, t), total, null, scrap));
          nextCount =
              t + countEveryMs - countEveryMs / 20 + random.nextInt((int) countEveryMs / 10 + 1);
        } else if (t == nextHeartbeat) {
          add(new Heartbeat(envelope(Channel.HEARTBEAT, t), "gw-" + spec.line()));
          nextHeartbeat = t + HEARTBEAT_EVERY_MS - 100 + random.nextInt(201);
        } else {
          long breakEnd = breakEndAt(t);
          if (breakEnd != t) {
            nextCycle = breakEnd + cycleMs(); // no parts in a break
          } else {
            boolean ok = random.nextDouble() >= 0.015;
            if (spec.tester()) {
              add(test(t));
              nextCycle = t + cycleMs();
              continue;
            }
            add(
                new CycleCompleted(
                    envelope(Channel.CYCLE, t),
                    cycleTimeMs,
                    ok ? CycleCompleted.Result.OK : CycleCompleted.Result.NOK,
                    PRODUCTS[product],
                    null));
            nextCycle = t + cycleMs();
          }
        }
      }
    }

    private long packs;
    private String failedSerial;

    /**
     * The end-of-line test of the pack made at {@code t}: seven measurements, normal around the
     * product's means; a pack that fails is tested again, as a retest, next.
     */
    private BatteryTest test(long t) {
      boolean retest = failedSerial != null;
      String serial =
          retest ? failedSerial : "SN-" + spec.line() + "-" + String.format("%07d", ++packs);
      Map<String, Double> values = new HashMap<>();
      boolean pass = true;
      for (int m = 0; m < MEASUREMENTS.length; m++) {
        double value = MEANS[m] + SIGMAS[m] * random.nextGaussian();
        values.put(MEASUREMENTS[m], value);
        pass &= value >= LOW[m] && value <= HIGH[m];
      }
      failedSerial = pass || retest ? null : serial;
      return new BatteryTest(
          envelope(Channel.BATTERY, t),
          serial,
          PRODUCTS[product],
          retest,
          pass ? BatteryTest.Verdict.PASS : BatteryTest.Verdict.FAIL,
          values);
    }

    /** Counter stations: what the station made while running outside breaks, up to {@code t}. */
    private void produceUntil(long t) {
      if (!spec.cycles() && state == MachineState.RUNNING && t > producedUntil) {
        made += outsideBreaks(producedUntil, t) * speed / spec.idealMs(product);
        while (made >= 1) {
          made -= 1;
          total++;
          if (random.nextDouble() < 0.015) {
            scrap++;
          }
        }
      }
      producedUntil = t;
    }

    /** Starts a stop at {@code t}; returns its length. */
    private long stop(long t) {
      double r = random.nextDouble();
      if (r < 0.45) {
        state(t, MachineState.DOWN, pick(DOWN_REASONS));
        return random.nextDouble() < 0.6 ? between(20, 110) : between(120, 600);
      } else if (r < 0.85) {
        state(t, MachineState.IDLE, pick(IDLE_REASONS));
        return random.nextDouble() < 0.7 ? between(10, 110) : between(120, 360);
      } else if (r < 0.95) {
        state(t, MachineState.CHANGEOVER, "CO");
        return between(300, 720);
      } else {
        state(t, MachineState.PLANNED_STOP, pick(PLANNED_REASONS));
        return between(300, 900);
      }
    }

    private long runningMs() {
      return Math.max(30_000, (long) (-Math.log(1 - random.nextDouble()) * 600_000));
    }

    /** The next cycle's time, which is also the next {@code cycle} message's {@code cycleMs}. */
    private long cycleMs() {
      cycleTimeMs = (long) (spec.idealMs(product) * (1.03 + 0.27 * random.nextDouble()));
      return cycleTimeMs;
    }

    private long between(int fromSeconds, int toSeconds) {
      return (fromSeconds + random.nextInt(toSeconds - fromSeconds + 1)) * 1_000L
          + random.nextInt(1_000);
    }

    private String pick(String[] reasons) {
      return reasons[random.nextInt(reasons.length)];
    }

    private void state(long t, MachineState to, String reason) {
      state = to;
      add(new StateChange(envelope(Channel.STATE, t), to, reason, null));
    }

    private void orderStart(long t) {
      orderNumber++;
      if (orderNumber > 1) {
        product = (product + 1) % PRODUCTS.length;
      }
      add(
          new OrderEvent(
              envelope(Channel.ORDER, t),
              OrderEvent.Kind.START,
              orderId(),
              PRODUCTS[product],
              500L,
              null));
    }

    private void orderEnd(long t) {
      add(
          new OrderEvent(
              envelope(Channel.ORDER, t), OrderEvent.Kind.END, orderId(), null, null, null));
    }

    private String orderId() {
      return "WO-" + spec.line() + "-" + spec.station() + "-" + orderNumber;
    }

    private Envelope envelope(Channel channel, long t) {
      return new Envelope(topic(spec, channel), Instant.ofEpochMilli(t), false, seq++);
    }

    private void add(TelemetryEvent event) {
      events.add(event);
    }
  }
}
