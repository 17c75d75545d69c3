package io.gemba.collector.engine;

import io.gemba.collector.plant.AreaConfig;
import io.gemba.collector.plant.LineConfig;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.SiteConfig;
import io.gemba.collector.point.PointSink;
import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.DecodeCounters;
import io.gemba.collector.telemetry.Decoded;
import io.gemba.collector.telemetry.DecoderSettings;
import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.OrderEvent;
import io.gemba.collector.telemetry.TelemetryDecoder;
import io.gemba.collector.telemetry.TelemetryEncoder;
import io.gemba.collector.telemetry.TelemetryEncoder.TimeFormat;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.gemba.collector.telemetry.Topic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Function;

/**
 * The streaming KPI engine: telemetry events in, points of the InfluxDB schema out, on event time
 * (ADR 0004, docs/kpis.md).
 *
 * <p>Each station keeps minute buckets of sums from its state timeline, counters or cycles, and
 * work orders. A bucket is emitted when the station's event time passes its end; an event up to the
 * allowed lateness behind the station's latest event is still applied by a replay, an older one
 * within the station's backfill horizon by a rebuild (ADR 0010), and the buckets it changes are
 * emitted again (the same series and time, so InfluxDB overwrites them); an older one is rejected
 * as {@link Outcome#LATE}. The {@code oee} point of the shift, its losses and its reliability are
 * emitted at every minute boundary and at the shift's end, and the order's at every minute boundary
 * and at its end. A line's points are its output station's, under station {@code _line}.
 *
 * <p>The engine never reads the clock: {@link #tick} moves silent stations on. It is not
 * thread-safe: one owner thread applies all events of its stations (one engine per line group).
 */
public final class KpiEngine {

  private record StationKey(String site, String area, String line, String station) {}

  private record LineKey(String site, String area, String line) {}

  private static final Instant EPOCH = Instant.EPOCH;
  private static final int MAX_TOPICS_CACHED = 100_000;

  /** The arrival of events taken to have arrived at their own time. */
  private static final long NO_ARRIVAL = Long.MIN_VALUE;

  /** How many events {@link #acceptAll} warms before it applies them. */
  private static final int LOOKAHEAD = 32;

  private final PlantModel model;
  private final EngineContext ctx;

  /** 5S, kaizen and local content, on the engine's event time. */
  private final Lean lean;

  private final Map<StationKey, StationTracker> stations = new LinkedHashMap<>();

  /** The tracker of each station topic seen (a station has a topic per channel): no key to make. */
  private final Map<Topic, StationTracker> byTopic = new HashMap<>();

  /** The topic objects seen, by their {@link Topic#index()}, and their stations. */
  private Topic[] topicsByIndex = new Topic[64];

  private StationTracker[] stationsByIndex = new StationTracker[64];

  private final Map<LineKey, List<StationTracker>> stationsByLine = new HashMap<>();
  private final Map<LineKey, OrderEvent> lineOrders = new LinkedHashMap<>();
  private final Map<String, MinuteSlicer> slicers = new HashMap<>();
  private final List<StationTracker> toFlush = new ArrayList<>();

  /** Whether a lean event came since the last flush. */
  private boolean leanPending;

  /** A sum of what {@link #warm} read, kept so that the reads are not optimized away. */
  private long warmed;

  private long applied;
  private long late;
  private long duplicates;
  private long ignored;
  private int unconfigured;

  /** The most stations not in the configuration this engine takes. */
  private final int maxUnconfigured;

  /** Stations forgotten after a silence longer than the backfill horizon; see {@link #tick}. */
  private long forgottenStations;

  /** Events refused because their station would have been one unconfigured station too many. */
  private long tooManyStations;

  /** Of {@link #lineOrders}, those of lines the configuration does not name and no station has. */
  private int unconfiguredLineOrders;

  /** The topic of the last event refused so, or null. */
  private Topic lastRefused;

  /** The default of {@link #KpiEngine(PlantModel, PointSink, int)}'s bound. */
  public static final int DEFAULT_MAX_UNCONFIGURED_STATIONS = 5_000;

  /**
   * An engine for a plant.
   *
   * @param model the plant model and KPI policy
   * @param sink where the points go, in the order they are made
   */
  public KpiEngine(PlantModel model, PointSink sink) {
    this(model, sink, DEFAULT_MAX_UNCONFIGURED_STATIONS);
  }

  /**
   * An engine for a plant that takes at most {@code maxUnconfiguredStations} stations that the
   * configuration does not name (and as many lines with a whole-line order and no station): the
   * events of a further one are refused as {@link Outcome#TOO_MANY_STATIONS}, so that a gateway
   * that makes up station ids cannot fill the heap. Configured stations are always taken.
   */
  public KpiEngine(PlantModel model, PointSink sink, int maxUnconfiguredStations) {
    if (maxUnconfiguredStations < 0) {
      throw new IllegalArgumentException(
          "maxUnconfiguredStations must not be negative: " + maxUnconfiguredStations);
    }
    this.model = Objects.requireNonNull(model, "model");
    this.lean = new Lean(model, this::slicer);
    this.ctx = new EngineContext(model, sink, lean::observe);
    this.maxUnconfigured = maxUnconfiguredStations;
  }

  /**
   * Applies one event, taken to have arrived at its own time, and emits what it completes or
   * corrects.
   */
  public Outcome accept(TelemetryEvent event) {
    Outcome outcome = route(event, event.envelope().ts().toEpochMilli());
    flush();
    return outcome;
  }

  /**
   * Applies events in order, each taken to have arrived at its own time; see {@link
   * #acceptAll(Iterable, Instant)}.
   */
  public void acceptAll(Iterable<? extends TelemetryEvent> events) {
    acceptAll(events, null);
  }

  /**
   * Applies events in order, then emits what they complete or correct. The points stored in the end
   * are the same as with one {@link #accept} per event; fewer corrections are written. A {@link
   * RandomAccess} list is applied in runs of {@value #LOOKAHEAD}, each warmed first (see {@link
   * #warm}): the faster way to hand over what a poll of the broker brings.
   *
   * @param arrival when the events arrived by the wall clock (what {@link #tick} compares to find
   *     silent stations), or {@code null} for each at its own time
   */
  public void acceptAll(Iterable<? extends TelemetryEvent> events, Instant arrival) {
    long arrivalMs = arrival == null ? NO_ARRIVAL : arrival.toEpochMilli();
    if (events instanceof List<?> && events instanceof RandomAccess) {
      List<? extends TelemetryEvent> list = (List<? extends TelemetryEvent>) events;
      for (int from = 0; from < list.size(); from += LOOKAHEAD) {
        int to = Math.min(list.size(), from + LOOKAHEAD);
        for (int i = from; i < to; i++) {
          warm(list.get(i));
        }
        for (int i = from; i < to; i++) {
          route(list.get(i), arrivalMs);
        }
      }
    } else {
      for (TelemetryEvent event : events) {
        route(event, arrivalMs);
      }
    }
    flush();
  }

  /**
   * Counts {@code event}, dropped before the engine as a redelivery (its topic carried its {@code
   * seq} before, as {@link io.gemba.collector.telemetry.DuplicateFilter} finds), among the engine's
   * duplicates and, if its station is known, in the station's {@code dataQuality.duplicates}. It
   * applies nothing and emits nothing.
   */
  public void redelivered(TelemetryEvent event) {
    duplicates++;
    Topic topic = event.envelope().topic();
    if (!topic.isWholeLine()) {
      StationTracker tracker = known(topic);
      if (tracker != null) {
        tracker.duplicates++;
      }
    }
  }

  /**
   * Reads what applying {@code event} will read first, of a station already seen: most of an
   * event's time is spent waiting for its station's state to come from memory, and these reads,
   * independent of each other, wait together for a run of events instead of one after the other.
   * Only reads: a station is made, if it is new, when its event is applied.
   */
  private void warm(TelemetryEvent event) {
    StationTracker tracker = known(event.envelope().topic());
    if (tracker != null) {
      warmed += tracker.warm();
    }
  }

  /**
   * Tells the engine the wall-clock time. A station's event time is its own (its latest event less
   * the allowed lateness is its watermark); only a station that sent nothing for the silence
   * timeout, by the wall clock, is moved on: it is silent, its time from its last message counts as
   * {@code OFFLINE} (to the end of that message's shift) and its buckets and shift close.
   */
  public void tick(Instant now) {
    long nowMs = now.toEpochMilli();
    List<StationTracker> forgotten = null;
    for (StationTracker tracker : stations.values()) {
      tracker.tick(nowMs);
      tracker.flush();
      if (!tracker.configured && tracker.settledSilence(nowMs)) {
        if (forgotten == null) {
          forgotten = new ArrayList<>();
        }
        forgotten.add(tracker);
      }
    }
    if (forgotten != null) {
      forget(forgotten);
    }
  }

  /**
   * Forgets stations the configuration does not name that have been silent for longer than the
   * backfill horizon: their points are written and no late event could change them, and they no
   * longer count against the bound. One that speaks again starts anew, as a new station.
   */
  private void forget(List<StationTracker> forgotten) {
    Set<StationTracker> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    gone.addAll(forgotten);
    stations.values().removeIf(gone::contains);
    byTopic.values().removeIf(gone::contains);
    for (int i = 0; i < stationsByIndex.length; i++) {
      if (stationsByIndex[i] != null && gone.contains(stationsByIndex[i])) {
        stationsByIndex[i] = null;
        topicsByIndex[i] = null;
      }
    }
    for (StationTracker tracker : forgotten) {
      LineKey line = new LineKey(tracker.site, tracker.area, tracker.line);
      List<StationTracker> ofLine = stationsByLine.get(line);
      ofLine.remove(tracker);
      if (ofLine.isEmpty()) {
        stationsByLine.remove(line);
        if (orderAlone(line)) {
          unconfiguredLineOrders++; // the line's order counts on its own again
        }
      }
    }
    unconfigured -= forgotten.size();
    forgottenStations += forgotten.size();
  }

  private Outcome route(TelemetryEvent event, long arrivalMs) {
    Envelope envelope = event.envelope();
    Topic topic = envelope.topic();
    long ts = envelope.ts().toEpochMilli();
    Outcome outcome;
    if (event.channel().isLean()) {
      outcome = lean.accept(event, productAt(topic));
      leanPending = true;
    } else if (!computesOn(event, topic)) {
      outcome = Outcome.IGNORED;
    } else if (topic.isWholeLine()) {
      outcome = lineOrder((OrderEvent) event);
    } else {
      StationTracker tracker = station(topic);
      if (tracker == null) {
        outcome = refuse(topic);
      } else {
        lean.see(ts);
        outcome = tracker.accept(event, ts, arrivalMs == NO_ARRIVAL ? ts : arrivalMs);
        if (outcome == Outcome.APPLIED && event instanceof BatteryTest test) {
          tracker.test(test, ts);
        }
        scheduleFlush(tracker);
      }
    }
    count(outcome);
    return outcome;
  }

  /**
   * Station states, counts, cycles, battery tests, heartbeats and orders; orders also for a whole
   * line.
   */
  private static boolean computesOn(TelemetryEvent event, Topic topic) {
    return switch (event.channel()) {
      case STATE, COUNT, CYCLE, BATTERY, HEARTBEAT -> !topic.isWholeLine();
      case ORDER -> !topic.isWholeArea();
      default -> false;
    };
  }

  private void count(Outcome outcome) {
    switch (outcome) {
      case APPLIED -> applied++;
      case LATE -> late++;
      case DUPLICATE -> duplicates++;
      case IGNORED -> ignored++;
      case TOO_MANY_STATIONS -> tooManyStations++;
    }
  }

  private Outcome refuse(Topic topic) {
    lastRefused = topic;
    return Outcome.TOO_MANY_STATIONS;
  }

  /** Whether a new station or line that the configuration does not name would be one too many. */
  private boolean atTheBound() {
    return unconfigured + unconfiguredLineOrders >= maxUnconfigured;
  }

  /** Whether {@code line} is neither in the configuration nor has a station seen. */
  private boolean unknownLine(LineKey line) {
    return !stationsByLine.containsKey(line)
        && model.line(line.site, line.area, line.line).isEmpty();
  }

  /**
   * Whether {@code line} has a whole-line order and is otherwise unknown: the order counts alone.
   */
  private boolean orderAlone(LineKey line) {
    return lineOrders.containsKey(line) && unknownLine(line);
  }

  /**
   * An order for a whole line goes to every station of the line seen so far, and to the stations
   * that appear later while it runs.
   */
  private Outcome lineOrder(OrderEvent order) {
    Topic topic = order.envelope().topic();
    LineKey key = new LineKey(topic.site(), topic.area(), topic.line());
    boolean unknownLine = unknownLine(key);
    if (order.event() == OrderEvent.Kind.START) {
      if (unknownLine && !lineOrders.containsKey(key)) {
        if (atTheBound()) {
          return refuse(topic);
        }
        unconfiguredLineOrders++;
      }
      lineOrders.put(key, order);
    } else if (lineOrders.containsKey(key) && lineOrders.get(key).order().equals(order.order())) {
      lineOrders.remove(key);
      if (unknownLine) {
        unconfiguredLineOrders--;
      }
    }
    for (StationTracker tracker : stationsByLine.getOrDefault(key, List.of())) {
      long ts = order.envelope().ts().toEpochMilli();
      tracker.accept(order, ts, ts);
      scheduleFlush(tracker);
    }
    return Outcome.APPLIED;
  }

  private void scheduleFlush(StationTracker tracker) {
    if (!tracker.flushPending) {
      tracker.flushPending = true;
      toFlush.add(tracker);
    }
  }

  private void flush() {
    for (StationTracker tracker : toFlush) {
      tracker.flush();
    }
    if (!toFlush.isEmpty() || leanPending) {
      leanPending = false;
      lean.flush(ctx::emit);
    }
    toFlush.clear();
  }

  /**
   * The product a part consumed on {@code topic} is for: its station's (its order's, or its last
   * unit's), or for a line topic the line's order's; null if none is known.
   */
  private String productAt(Topic topic) {
    if (topic.isWholeArea()) {
      return null;
    }
    if (topic.isWholeLine()) {
      OrderEvent order = lineOrders.get(new LineKey(topic.site(), topic.area(), topic.line()));
      return order == null ? null : order.product();
    }
    StationTracker tracker = known(topic);
    if (tracker == null) {
      tracker =
          stations.get(new StationKey(topic.site(), topic.area(), topic.line(), topic.station()));
    }
    return tracker == null ? null : tracker.product();
  }

  /**
   * The station of {@code topic} if this engine has seen it: by the topic's {@link Topic#index()}
   * when this engine saw that very topic object there (one array read instead of the map's table
   * and node, for most events), else from the map.
   */
  private StationTracker known(Topic topic) {
    int index = topic.index();
    if (index >= 0 && index < topicsByIndex.length && topicsByIndex[index] == topic) {
      return stationsByIndex[index];
    }
    StationTracker known = byTopic.get(topic);
    if (known != null) {
      remember(topic, known);
    }
    return known;
  }

  private void remember(Topic topic, StationTracker tracker) {
    int index = topic.index();
    if (index < 0 || index >= MAX_TOPICS_CACHED) {
      return;
    }
    if (index >= topicsByIndex.length) {
      int length = Math.min(MAX_TOPICS_CACHED, Math.max(index + 1, topicsByIndex.length * 2));
      topicsByIndex = Arrays.copyOf(topicsByIndex, length);
      stationsByIndex = Arrays.copyOf(stationsByIndex, length);
    }
    topicsByIndex[index] = topic;
    stationsByIndex[index] = tracker;
  }

  /** The station of {@code topic}, made if new; null if it would be one unconfigured too many. */
  private StationTracker station(Topic topic) {
    StationTracker known = known(topic);
    if (known != null) {
      return known;
    }
    StationTracker tracker = stationByKey(topic);
    if (tracker == null) {
      return null;
    }
    if (byTopic.size() < MAX_TOPICS_CACHED) {
      byTopic.put(topic, tracker);
    }
    remember(topic, tracker);
    return tracker;
  }

  private StationTracker stationByKey(Topic topic) {
    StationKey key = new StationKey(topic.site(), topic.area(), topic.line(), topic.station());
    StationTracker tracker = stations.get(key);
    if (tracker == null) {
      LineKey line = new LineKey(key.site, key.area, key.line);
      if (atTheBound()
          && !model.isConfigured(key.site, key.area, key.line, key.station)
          && !orderAlone(line)) {
        return null; // one too many; the first station of a line with an order takes its place
      }
      StationCore initial = new StationCore();
      OrderEvent lineOrder = lineOrders.get(line);
      if (lineOrder != null) {
        initial.order = lineOrder.order();
        initial.product = lineOrder.product();
        initial.orderIdealMs = lineOrder.idealCycleMs() == null ? 0 : lineOrder.idealCycleMs();
      }
      tracker = newTracker(key, initial, StationCore.NONE);
    }
    return tracker;
  }

  private StationTracker newTracker(StationKey key, StationCore initial, long initialKeyMs) {
    boolean configured = model.isConfigured(key.site, key.area, key.line, key.station);
    boolean output =
        model.outputStation(key.site, key.area, key.line).map(key.station::equals).orElse(false);
    StationTracker tracker =
        new StationTracker(
            key.site,
            key.area,
            key.line,
            key.station,
            model.station(key.site, key.area, key.line, key.station),
            configured,
            output,
            slicer(key.site),
            ctx,
            initial,
            initialKeyMs);
    stations.put(key, tracker);
    LineKey line = new LineKey(key.site, key.area, key.line);
    if (orderAlone(line)) {
      unconfiguredLineOrders--; // the line's order now counts with its station
    }
    stationsByLine.computeIfAbsent(line, k -> new ArrayList<>()).add(tracker);
    if (!configured) {
      unconfigured++;
    }
    return tracker;
  }

  private MinuteSlicer slicer(String site) {
    return slicers.computeIfAbsent(
        site,
        id ->
            model
                .site(id)
                .map(config -> new MinuteSlicer(config.shifts()))
                .orElseGet(MinuteSlicer::withoutShifts));
  }

  /**
   * The engine's state as bytes, for the agent to keep: restored with {@link #restore}, the engine
   * goes on as if it had not stopped. Per station one core, the events of the last minutes (the
   * allowed lateness plus the micro-stop threshold; about 200 bytes each), the anchors of its
   * backfill horizon and the events since the oldest (about 10 bytes each), and the sums of its
   * current shift and orders; written compressed (gzip).
   */
  public byte[] checkpoint() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      checkpoint(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Writes the {@link #checkpoint} to {@code out}, which stays open: {@link #capture} written at
   * once.
   */
  public void checkpoint(OutputStream out) throws IOException {
    capture().writeTo(out);
  }

  /** The engine's state taken at one moment, to be written later; see {@link #capture}. */
  @FunctionalInterface
  public interface Captured {
    /** Writes the {@link #checkpoint} as it was when captured to {@code out}, which stays open. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * The engine's state as it is now, for a {@link #checkpoint} written later, on another thread if
   * need be (one at a time), while the engine goes on. Taking it costs a copy of each station's
   * sums and of its references to the events it keeps (immutable); writing it, their encoding, one
   * station at a time.
   */
  public Captured capture() {
    TelemetryEncoder encoder = new TelemetryEncoder(TimeFormat.RFC_3339, ZoneOffset.UTC);
    Function<TelemetryEvent, EngineCheckpoint.LoggedEvent> encode =
        event ->
            new EngineCheckpoint.LoggedEvent(
                event.envelope().topic().toString(),
                new String(encoder.encode(event), StandardCharsets.UTF_8));
    List<EngineCheckpoint.LoggedEvent> orders = new ArrayList<>();
    for (OrderEvent order : lineOrders.values()) {
      orders.add(encode.apply(order));
    }
    List<EngineCheckpoint.StationState> saved = new ArrayList<>(stations.size());
    for (StationTracker tracker : stations.values()) {
      saved.add(tracker.toState(encode));
    }
    EngineCheckpoint.EngineState state =
        new EngineCheckpoint.EngineState(
            EngineCheckpoint.FORMAT,
            EngineCheckpoint.VERSION,
            applied,
            late + ctx.lateAtRebuild,
            duplicates,
            ignored,
            orders,
            saved,
            lean.save(encode));
    return out -> EngineCheckpoint.write(state, out);
  }

  /**
   * An engine restored from a {@link #checkpoint}. It replays the events the checkpoint kept, which
   * emits their points to {@code sink} again: the same series and times, so InfluxDB stores the
   * same values. A kept event that no longer decodes (the configuration changed its state table) is
   * dropped and counted as ignored.
   *
   * @throws IllegalArgumentException if {@code checkpoint} is not a checkpoint this version reads
   */
  public static KpiEngine restore(PlantModel model, PointSink sink, byte[] checkpoint) {
    return restore(model, sink, checkpoint, DEFAULT_MAX_UNCONFIGURED_STATIONS);
  }

  /**
   * An engine restored from a {@link #checkpoint}, as {@link #restore(PlantModel, PointSink,
   * byte[])}, with a bound on unconfigured stations (those it holds are all kept).
   */
  public static KpiEngine restore(
      PlantModel model, PointSink sink, byte[] checkpoint, int maxUnconfiguredStations) {
    EngineCheckpoint.EngineState saved = EngineCheckpoint.read(checkpoint);
    KpiEngine engine = new KpiEngine(model, sink, maxUnconfiguredStations);
    TelemetryDecoder decoder =
        new TelemetryDecoder(
            new DecoderSettings(
                DecoderSettings.MAX_PAYLOAD_BYTES_CEILING,
                DecoderSettings.DEFAULT_MAX_BATCH_ELEMENTS,
                model::stateCodes),
            DecodeCounters.NONE);
    engine.applied = saved.applied();
    engine.late = saved.late();
    engine.duplicates = saved.duplicates();
    engine.ignored = saved.ignored();
    for (EngineCheckpoint.LoggedEvent order : saved.lineOrders()) {
      for (TelemetryEvent event : engine.decode(decoder, order)) {
        Topic topic = event.envelope().topic();
        engine.lineOrders.put(
            new LineKey(topic.site(), topic.area(), topic.line()), (OrderEvent) event);
      }
    }
    for (EngineCheckpoint.StationState station : saved.stations()) {
      StationKey key =
          new StationKey(station.site(), station.area(), station.line(), station.station());
      StationCore core = StationCore.fromState(station.core(), engine.slicer(key.site));
      StationTracker tracker =
          engine.newTracker(key, core, EngineCheckpoint.orNone(station.restoreKeyMs()));
      List<TelemetryEvent> events = new ArrayList<>(station.events().size());
      for (EngineCheckpoint.LoggedEvent event : station.events()) {
        events.addAll(engine.decode(decoder, event));
      }
      List<TelemetryEvent> keptAside = new ArrayList<>();
      if (station.backfill() != null) {
        for (EngineCheckpoint.LoggedEvent event : station.backfill()) {
          keptAside.addAll(engine.decode(decoder, event));
        }
      }
      List<BatteryTest> tests = new ArrayList<>();
      if (station.batteryTests() != null) {
        for (EngineCheckpoint.LoggedEvent event : station.batteryTests()) {
          for (TelemetryEvent decoded : engine.decode(decoder, event)) {
            tests.add((BatteryTest) decoded);
          }
        }
      }
      tracker.restore(station, events, keptAside, tests, engine.slicer(key.site));
      tracker.flush();
    }
    if (saved.lean() != null) {
      engine.lean.restore(saved.lean(), event -> engine.decode(decoder, event));
    }
    engine.unconfiguredLineOrders = 0; // the stations made above counted from the orders
    for (LineKey line : engine.lineOrders.keySet()) {
      if (engine.orderAlone(line)) {
        engine.unconfiguredLineOrders++;
      }
    }
    return engine;
  }

  private List<TelemetryEvent> decode(
      TelemetryDecoder decoder, EngineCheckpoint.LoggedEvent saved) {
    List<TelemetryEvent> events = new ArrayList<>(1);
    for (Decoded decoded :
        decoder.decode(saved.topic(), saved.payload().getBytes(StandardCharsets.UTF_8), EPOCH)) {
      if (decoded instanceof TelemetryEvent event) {
        events.add(event);
      } else {
        ignored++;
      }
    }
    return events;
  }

  /**
   * The counters since the engine started or was restored; cheap enough to read after every run.
   */
  public EngineStats stats() {
    return new EngineStats(
        applied,
        late + ctx.lateAtRebuild,
        duplicates,
        ignored,
        ctx.backwards,
        ctx.corrections,
        stations.size(),
        unconfigured,
        ctx.points,
        tooManyStations,
        forgottenStations);
  }

  /** The topic of the last event refused as {@link Outcome#TOO_MANY_STATIONS}, if any. */
  public Optional<Topic> lastRefusedStation() {
    return Optional.ofNullable(lastRefused);
  }

  /**
   * The battery test quality of every station that has sent a test, in the order they first sent.
   */
  public List<QualitySnapshot> quality() {
    List<QualitySnapshot> list = new ArrayList<>();
    for (StationTracker tracker : stations.values()) {
      QualitySnapshot quality = tracker.quality();
      if (quality != null) {
        list.add(quality);
      }
    }
    return list;
  }

  /** The 5S, kaizen and local content KPIs as they stand. */
  public LeanSnapshot lean() {
    return lean.snapshot();
  }

  /** Every station seen, in the order they first sent. */
  public List<StationSnapshot> stations() {
    List<StationSnapshot> list = new ArrayList<>(stations.size());
    for (StationTracker tracker : stations.values()) {
      list.add(tracker.snapshot());
    }
    return list;
  }

  /** Every configured line, with its output station's KPIs. */
  public List<LineSnapshot> lines() {
    List<LineSnapshot> list = new ArrayList<>();
    for (SiteConfig site : model.sites()) {
      for (AreaConfig area : site.areas()) {
        for (LineConfig line : area.lines()) {
          list.add(line(site.id(), area.id(), line));
        }
      }
    }
    return list;
  }

  private LineSnapshot line(String site, String area, LineConfig line) {
    Map<MachineState, Integer> byState = new EnumMap<>(MachineState.class);
    int unknown = 0;
    for (StationTracker tracker :
        stationsByLine.getOrDefault(new LineKey(site, area, line.id()), List.of())) {
      MachineState state = tracker.knownState();
      if (state != null) {
        byState.merge(state, 1, Integer::sum);
      } else {
        unknown++;
      }
    }
    StationTracker output =
        stations.get(new StationKey(site, area, line.id(), line.outputStation()));
    StationSnapshot snapshot = output == null ? null : output.snapshot();
    return new LineSnapshot(
        site,
        area,
        line.id(),
        line.outputStation(),
        snapshot == null ? null : snapshot.shift(),
        snapshot == null ? null : snapshot.shiftKpis(),
        snapshot == null ? null : snapshot.silentSince(),
        byState,
        unknown);
  }
}
