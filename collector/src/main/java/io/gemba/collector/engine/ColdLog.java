package io.gemba.collector.engine;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The events of one station that a rebuild may need but no replay within the allowed lateness does
 * (ADR 0010): those from the oldest anchor of its backfill horizon to the oldest copy of its core,
 * in time order, as compact bytes rather than objects. About five bytes an event: times, sequence
 * numbers, counters and a cycle's time as differences from what came before (a cycle's time from
 * the time since the cycle before), a battery test's values as they are, texts (reasons, products,
 * orders, measurement names) once per chunk, and what most events share (no sub-millisecond time,
 * the next sequence number) as bits of the event's first byte. A rebuild decodes them into events
 * equal to those kept.
 */
final class ColdLog {

  /** Events per chunk: what a duplicate check or an insertion decodes. */
  static final int CHUNK_EVENTS = 256;

  private static final int STATE = 0;
  private static final int COUNT = 1;
  private static final int CYCLE = 2;
  private static final int ORDER = 3;
  private static final int HEARTBEAT = 4;
  private static final int BATTERY = 5;
  // An event's first byte: its kind, its sequence number, whether a byte of rare flags follows,
  // and two flags of its kind.
  private static final int HAS_SEQ = 1 << 3;
  private static final int SEQ_NEXT = 1 << 4; // the sequence number after the one before
  private static final int RARE = 1 << 5;
  private static final int FLAG_A = 1 << 6;
  private static final int FLAG_B = 1 << 7;
  // A reading: its bad count (total less good), or its scrap, as in the reading before.
  private static final int BAD_AS_BEFORE = FLAG_A;
  private static final int SCRAP_AS_BEFORE = FLAG_B;
  // A cycle: its result and product as the cycle before's, without a serial; its time the time
  // since the cycle before.
  private static final int AS_BEFORE = FLAG_A;
  private static final int GAP = FLAG_B;
  // The rare flags.
  private static final int TS_MISSING = 1;
  private static final int OTHER_TOPIC = 1 << 1;
  private static final int SUB_MILLIS = 1 << 2;

  private static final MachineState[] STATES = MachineState.values();
  private static final CycleCompleted.Result[] RESULTS = CycleCompleted.Result.values();
  private static final OrderEvent.Kind[] KINDS = OrderEvent.Kind.values();

  private final String site;
  private final String area;
  private final String line;
  private final String station;
  private final Topic[] topics = new Topic[Channel.values().length];
  private final List<Chunk> chunks = new ArrayList<>();
  // The last kept message of the station (all but orders) and counter reading, for compaction.
  private long lastPresenceMs = StationCore.NONE;
  private CounterReading lastReading;

  ColdLog(String site, String area, String line, String station) {
    this.site = site;
    this.area = area;
    this.line = line;
    this.station = station;
  }

  /**
   * A run of events, encoded. Only appended to while it is the last and not full; an insertion
   * replaces it. Its bytes up to {@link #length} and its texts up to their size never change.
   */
  private static final class Chunk {
    final long firstMs;
    byte[] bytes = new byte[256];
    int length;
    int count;
    long lastMs;
    final List<String> texts = new ArrayList<>();
    final Map<String, Integer> textIds = new HashMap<>();
    final Previous previous;

    Chunk(long firstMs) {
      this.firstMs = firstMs;
      this.previous = new Previous(firstMs);
    }
  }

  /** What the next event of a chunk is encoded against, as writing and reading it go on. */
  private static final class Previous {
    long ms;
    long seq;
    long total;
    long bad;
    long scrap;
    long cycleAtMs = StationCore.NONE;
    long cyclePacked = -1;

    Previous(long firstMs) {
      this.ms = firstMs;
    }

    void copyTo(Previous copy) {
      copy.ms = ms;
      copy.seq = seq;
      copy.total = total;
      copy.bad = bad;
      copy.scrap = scrap;
      copy.cycleAtMs = cycleAtMs;
      copy.cyclePacked = cyclePacked;
    }

    /** The time since the cycle before in the chunk, or 0 for the first. */
    long sinceCycle(long ts) {
      return cycleAtMs == StationCore.NONE ? 0 : ts - cycleAtMs;
    }
  }

  /** A chunk as a checkpoint keeps it. */
  record Saved(long firstMs, int count, List<String> texts, byte[] bytes) {}

  boolean isEmpty() {
    return chunks.isEmpty();
  }

  /** The number of events kept. */
  int size() {
    int size = 0;
    for (Chunk chunk : chunks) {
      size += chunk.count;
    }
    return size;
  }

  /** The time of the last event, or {@link StationCore#NONE}. */
  long lastMs() {
    return chunks.isEmpty() ? StationCore.NONE : chunks.get(chunks.size() - 1).lastMs;
  }

  /** The time of the last message of the station's own (any event but an order), or NONE. */
  long lastPresenceMs() {
    return lastPresenceMs;
  }

  /** The last counter reading, or {@code null}. */
  CounterReading lastReading() {
    return lastReading;
  }

  /** Adds an event at the end; its time must not be before the last one's. */
  void append(long ts, TelemetryEvent event) {
    Chunk last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
    if (last != null && ts < last.lastMs) {
      throw new IllegalArgumentException("out of order: " + ts + " after " + last.lastMs);
    }
    if (last == null || last.count >= CHUNK_EVENTS) {
      last = new Chunk(ts);
      chunks.add(last);
    }
    encode(last, ts, event);
    if (!(event instanceof OrderEvent)) {
      lastPresenceMs = ts;
    }
    if (event instanceof CounterReading reading) {
      lastReading = reading;
    }
  }

  /** Finds the last message and reading again, from the last chunk back, after events left. */
  private void findLast() {
    lastPresenceMs = StationCore.NONE;
    lastReading = null;
    for (int c = chunks.size() - 1; c >= 0; c--) {
      List<TelemetryEvent> events = decode(chunks.get(c));
      for (int i = events.size() - 1; i >= 0; i--) {
        TelemetryEvent event = events.get(i);
        if (lastPresenceMs == StationCore.NONE && !(event instanceof OrderEvent)) {
          lastPresenceMs = tsOf(event);
        }
        if (lastReading == null && event instanceof CounterReading reading) {
          lastReading = reading;
        }
        if (lastPresenceMs != StationCore.NONE && lastReading != null) {
          return;
        }
      }
    }
  }

  /** Forgets the chunks whose events are all before {@code ms}. */
  void dropBefore(long ms) {
    int drop = 0;
    while (drop < chunks.size() && chunks.get(drop).lastMs < ms) {
      drop++;
    }
    chunks.subList(0, drop).clear();
    if (chunks.isEmpty()) {
      lastPresenceMs = StationCore.NONE;
      lastReading = null;
    }
  }

  /** The events at {@code ms} or later, decoded, in order. */
  List<TelemetryEvent> from(long ms) {
    List<TelemetryEvent> events = new ArrayList<>();
    for (Chunk chunk : chunks) {
      if (chunk.lastMs >= ms) {
        for (TelemetryEvent event : decode(chunk)) {
          if (event.envelope().ts().toEpochMilli() >= ms) {
            events.add(event);
          }
        }
      }
    }
    return events;
  }

  /** The events at exactly {@code ms}, decoded. */
  List<TelemetryEvent> at(long ms) {
    List<TelemetryEvent> events = new ArrayList<>();
    for (Chunk chunk : chunks) {
      if (chunk.firstMs <= ms && chunk.lastMs >= ms) {
        for (TelemetryEvent event : decode(chunk)) {
          if (event.envelope().ts().toEpochMilli() == ms) {
            events.add(event);
          }
        }
      }
    }
    return events;
  }

  /**
   * Inserts events in time order, each after the events kept at its time: the chunks from the first
   * one it touches on are encoded again.
   */
  void insertAll(List<TelemetryEvent> sorted) {
    if (sorted.isEmpty()) {
      return;
    }
    long first = sorted.get(0).envelope().ts().toEpochMilli();
    int from = 0;
    while (from < chunks.size() && chunks.get(from).lastMs <= first) {
      from++;
    }
    List<TelemetryEvent> kept = new ArrayList<>();
    for (Chunk chunk : chunks.subList(from, chunks.size())) {
      kept.addAll(decode(chunk));
    }
    chunks.subList(from, chunks.size()).clear();
    int k = 0;
    int s = 0;
    // The first inserted event is not before any chunk left alone: appending stays in order.
    while (k < kept.size() || s < sorted.size()) {
      boolean takeKept =
          s == sorted.size() || (k < kept.size() && tsOf(kept.get(k)) <= tsOf(sorted.get(s)));
      TelemetryEvent next = takeKept ? kept.get(k++) : sorted.get(s++);
      append(tsOf(next), next);
    }
  }

  /** Takes out the events at {@code ms} or later and returns them, in order. */
  List<TelemetryEvent> removeFrom(long ms) {
    int from = 0;
    while (from < chunks.size() && chunks.get(from).lastMs < ms) {
      from++;
    }
    List<TelemetryEvent> kept = new ArrayList<>();
    List<TelemetryEvent> removed = new ArrayList<>();
    for (Chunk chunk : chunks.subList(from, chunks.size())) {
      for (TelemetryEvent event : decode(chunk)) {
        (tsOf(event) < ms ? kept : removed).add(event);
      }
    }
    chunks.subList(from, chunks.size()).clear();
    for (TelemetryEvent event : kept) {
      append(tsOf(event), event);
    }
    findLast();
    return removed;
  }

  /** The chunks as they are now, for a checkpoint: immutable copies, cheap to take. */
  List<Saved> save() {
    List<Saved> saved = new ArrayList<>(chunks.size());
    for (Chunk chunk : chunks) {
      saved.add(
          new Saved(
              chunk.firstMs,
              chunk.count,
              List.copyOf(chunk.texts),
              Arrays.copyOf(chunk.bytes, chunk.length)));
    }
    return saved;
  }

  /** Takes over the chunks of a checkpoint. */
  void restore(List<Saved> saved) {
    chunks.clear();
    for (Saved each : saved) {
      Chunk chunk = new Chunk(each.firstMs());
      chunk.bytes = each.bytes().clone();
      chunk.length = chunk.bytes.length;
      chunk.count = each.count();
      for (String text : each.texts()) {
        chunk.textIds.put(text, chunk.texts.size());
        chunk.texts.add(text);
      }
      // Reading it through gives what appending goes on from.
      Reader reader = new Reader(chunk);
      for (int i = 0; i < chunk.count; i++) {
        reader.event(this);
      }
      reader.previous.copyTo(chunk.previous);
      chunk.lastMs = chunk.previous.ms;
      chunks.add(chunk);
    }
    findLast();
  }

  private static long tsOf(TelemetryEvent event) {
    return event.envelope().ts().toEpochMilli();
  }

  // ---- encoding --------------------------------------------------------------------------

  private void encode(Chunk chunk, long ts, TelemetryEvent event) {
    Envelope envelope = event.envelope();
    Topic topic = envelope.topic();
    boolean own = isOwn(topic);
    int kind;
    if (event instanceof StateChange) {
      kind = STATE;
    } else if (event instanceof CounterReading) {
      kind = COUNT;
    } else if (event instanceof CycleCompleted) {
      kind = CYCLE;
    } else if (event instanceof OrderEvent) {
      kind = ORDER;
    } else if (event instanceof Heartbeat) {
      kind = HEARTBEAT;
    } else if (event instanceof BatteryTest) {
      kind = BATTERY;
    } else {
      throw new IllegalArgumentException("not kept cold: " + event);
    }
    Previous previous = chunk.previous;
    long seq = envelope.seq();
    int subMillisNanos = Math.floorMod(envelope.ts().getNano(), 1_000_000);
    int rare =
        (envelope.tsMissing() ? TS_MISSING : 0)
            | (own ? 0 : OTHER_TOPIC)
            | (subMillisNanos != 0 ? SUB_MILLIS : 0);
    Writer out = new Writer(chunk);
    int flags = 0;
    long packed = 0;
    if (event instanceof CounterReading e) {
      if (e.good() != null && e.total() - e.good() == previous.bad) {
        flags |= BAD_AS_BEFORE;
      }
      if (e.scrap() != null && e.scrap() == previous.scrap) {
        flags |= SCRAP_AS_BEFORE;
      }
    } else if (event instanceof CycleCompleted e) {
      packed =
          (out.textId(e.product()) * 2 + (e.serial() != null ? 1 : 0)) * RESULTS.length
              + e.result().ordinal();
      if (e.serial() == null && packed == previous.cyclePacked) {
        flags |= AS_BEFORE;
      }
      if (previous.cycleAtMs != StationCore.NONE && e.cycleMs() == ts - previous.cycleAtMs) {
        flags |= GAP;
      }
    }
    out.write(
        kind
            | (seq != Envelope.NO_SEQ ? HAS_SEQ : 0)
            | (seq != Envelope.NO_SEQ && seq == previous.seq + 1 ? SEQ_NEXT : 0)
            | (rare != 0 ? RARE : 0)
            | flags);
    if (rare != 0) {
      out.write(rare);
    }
    out.unsigned(ts - previous.ms); // in time order
    previous.ms = ts;
    if (subMillisNanos != 0) {
      out.unsigned(subMillisNanos);
    }
    if (seq != Envelope.NO_SEQ) {
      if (seq != previous.seq + 1) {
        out.signed(seq - previous.seq);
      }
      previous.seq = seq;
    }
    if (!own) {
      out.text(topic.site());
      out.text(topic.area());
      out.text(topic.line());
      out.text(topic.station());
      out.unsigned(topic.channel().ordinal());
    }
    if (event instanceof StateChange e) {
      out.unsigned(e.state().ordinal());
      out.text(e.reason());
      out.optional(e.code() == null ? null : e.code().longValue());
    } else if (event instanceof CounterReading e) {
      out.signed(e.total() - previous.total);
      previous.total = e.total();
      if ((flags & BAD_AS_BEFORE) == 0) {
        if (e.good() == null) {
          out.unsigned(0);
        } else {
          long bad = e.total() - e.good();
          out.optional(bad - previous.bad);
          previous.bad = bad;
        }
      }
      if ((flags & SCRAP_AS_BEFORE) == 0) {
        if (e.scrap() == null) {
          out.unsigned(0);
        } else {
          out.optional(e.scrap() - previous.scrap);
          previous.scrap = e.scrap();
        }
      }
    } else if (event instanceof CycleCompleted e) {
      if ((flags & GAP) == 0) {
        // Else still about the time since the cycle before: their difference is small.
        out.signed(e.cycleMs() - previous.sinceCycle(ts));
      }
      previous.cycleAtMs = ts;
      if ((flags & AS_BEFORE) == 0) {
        out.unsigned(packed);
        previous.cyclePacked = packed;
      }
      if (e.serial() != null) {
        out.inline(e.serial());
      }
    } else if (event instanceof OrderEvent e) {
      out.unsigned(e.event().ordinal());
      out.text(e.order());
      out.text(e.product());
      out.optional(e.plannedQty());
      out.optional(e.idealCycleMs());
    } else if (event instanceof BatteryTest e) {
      out.text(e.product());
      out.inline(e.serial());
      out.unsigned((e.retest() ? 1 : 0) | (e.result() == null ? 0 : e.result().ordinal() + 1) << 1);
      // By name, so that the same test is the same bytes.
      Map<String, Double> sorted = new TreeMap<>(e.measurements());
      out.unsigned(sorted.size());
      for (Map.Entry<String, Double> measurement : sorted.entrySet()) {
        out.text(measurement.getKey());
        out.fixed(Double.doubleToRawLongBits(measurement.getValue()));
      }
    } else {
      out.text(((Heartbeat) event).gateway());
    }
    chunk.count++;
    chunk.lastMs = ts;
  }

  /** Whether {@code topic} is the station's own; the first own topic of a channel is kept. */
  private boolean isOwn(Topic topic) {
    int channel = topic.channel().ordinal();
    if (topic == topics[channel]) {
      return true; // the decoder's cached topic, as most events have it
    }
    boolean own =
        topic.station().equals(station)
            && topic.line().equals(line)
            && topic.area().equals(area)
            && topic.site().equals(site);
    if (own && topics[channel] == null) {
      topics[channel] = topic;
    }
    return own;
  }

  private Topic topic(Channel channel) {
    Topic topic = topics[channel.ordinal()];
    if (topic == null) {
      topic = new Topic(site, area, line, station, channel);
      topics[channel.ordinal()] = topic;
    }
    return topic;
  }

  private static final Channel[] CHANNELS = Channel.values();

  private static final Channel[] OWN_CHANNELS = {
    Channel.STATE, Channel.COUNT, Channel.CYCLE, Channel.ORDER, Channel.HEARTBEAT, Channel.BATTERY
  };

  private static final BatteryTest.Verdict[] VERDICTS = BatteryTest.Verdict.values();

  private List<TelemetryEvent> decode(Chunk chunk) {
    Reader in = new Reader(chunk);
    List<TelemetryEvent> events = new ArrayList<>(chunk.count);
    for (int i = 0; i < chunk.count; i++) {
      events.add(in.event(this));
    }
    return events;
  }

  /** Appends to a chunk's bytes, growing them. */
  private static final class Writer {
    private final Chunk chunk;

    Writer(Chunk chunk) {
      this.chunk = chunk;
    }

    void write(int b) {
      if (chunk.length == chunk.bytes.length) {
        chunk.bytes = Arrays.copyOf(chunk.bytes, chunk.bytes.length * 2);
      }
      chunk.bytes[chunk.length++] = (byte) b;
    }

    void unsigned(long value) {
      while ((value & ~0x7FL) != 0) {
        write((int) ((value & 0x7F) | 0x80));
        value >>>= 7;
      }
      write((int) value);
    }

    void signed(long value) {
      unsigned((value << 1) ^ (value >> 63));
    }

    /** A number or none: 0 for none, else the zigzag value plus one. */
    void optional(Long value) {
      if (value == null) {
        unsigned(0);
      } else {
        unsigned(((value << 1) ^ (value >> 63)) + 1);
      }
    }

    /** A text of the chunk's table, by number: 0 for none. */
    void text(String text) {
      unsigned(textId(text));
    }

    /** The number of a text in the chunk's table, added if new: 0 for none. */
    long textId(String text) {
      if (text == null) {
        return 0;
      }
      Integer id = chunk.textIds.get(text);
      if (id == null) {
        id = chunk.texts.size();
        chunk.texts.add(text);
        chunk.textIds.put(text, id);
      }
      return id + 1L;
    }

    /** Eight bytes, as they are: a measured value. */
    void fixed(long bits) {
      for (int i = 0; i < 8; i++) {
        write((int) (bits >>> (8 * i)));
      }
    }

    /** A text written where it stands (a serial number, seen once). */
    void inline(String text) {
      if (text == null) {
        unsigned(0);
        return;
      }
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      unsigned(utf8.length + 1L);
      for (byte b : utf8) {
        write(b);
      }
    }
  }

  /** Reads a chunk's events in order. */
  private static final class Reader {
    private final Chunk chunk;
    private int position;
    final Previous previous;

    Reader(Chunk chunk) {
      this.chunk = chunk;
      this.previous = new Previous(chunk.firstMs);
    }

    int read() {
      return chunk.bytes[position++] & 0xFF;
    }

    long unsigned() {
      long value = 0;
      int shift = 0;
      int b;
      do {
        b = read();
        value |= (long) (b & 0x7F) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      return value;
    }

    long signed() {
      long raw = unsigned();
      return (raw >>> 1) ^ -(raw & 1);
    }

    Long optional() {
      long raw = unsigned();
      if (raw == 0) {
        return null;
      }
      raw--;
      return (raw >>> 1) ^ -(raw & 1);
    }

    String text() {
      return textAt(unsigned());
    }

    long fixed() {
      long bits = 0;
      for (int i = 0; i < 8; i++) {
        bits |= (long) read() << (8 * i);
      }
      return bits;
    }

    String textAt(long id) {
      return id == 0 ? null : chunk.texts.get((int) id - 1);
    }

    String inline() {
      int length = (int) unsigned();
      if (length == 0) {
        return null;
      }
      String text = new String(chunk.bytes, position, length - 1, StandardCharsets.UTF_8);
      position += length - 1;
      return text;
    }

    /** The next event, with the topics of {@code log}'s station. */
    TelemetryEvent event(ColdLog log) {
      int header = read();
      int kind = header & 0x7;
      int rare = (header & RARE) != 0 ? read() : 0;
      long ts = previous.ms + unsigned();
      previous.ms = ts;
      long subMillisNanos = (rare & SUB_MILLIS) != 0 ? unsigned() : 0;
      long seq = Envelope.NO_SEQ;
      if ((header & HAS_SEQ) != 0) {
        seq = (header & SEQ_NEXT) != 0 ? previous.seq + 1 : previous.seq + signed();
        previous.seq = seq;
      }
      Topic topic;
      if ((rare & OTHER_TOPIC) != 0) {
        String site = text();
        String area = text();
        String line = text();
        String station = text();
        Channel channel = CHANNELS[(int) unsigned()];
        topic = new Topic(site, area, line, station, channel);
      } else {
        topic = log.topic(OWN_CHANNELS[kind]);
      }
      Envelope envelope =
          new Envelope(
              topic,
              Instant.ofEpochMilli(ts).plusNanos(subMillisNanos),
              (rare & TS_MISSING) != 0,
              seq);
      switch (kind) {
        case STATE -> {
          MachineState state = STATES[(int) unsigned()];
          String reason = text();
          Long code = optional();
          return new StateChange(envelope, state, reason, code == null ? null : code.intValue());
        }
        case COUNT -> {
          long total = previous.total + signed();
          previous.total = total;
          Long good = null;
          Long badDelta = (header & BAD_AS_BEFORE) != 0 ? Long.valueOf(0) : optional();
          if (badDelta != null) {
            previous.bad += badDelta;
            good = total - previous.bad;
          }
          Long scrap = null;
          Long scrapDelta = (header & SCRAP_AS_BEFORE) != 0 ? Long.valueOf(0) : optional();
          if (scrapDelta != null) {
            previous.scrap += scrapDelta;
            scrap = previous.scrap;
          }
          return new CounterReading(envelope, total, good, scrap);
        }
        case CYCLE -> {
          long cycleMs = previous.sinceCycle(ts) + ((header & GAP) != 0 ? 0 : signed());
          previous.cycleAtMs = ts;
          long packed;
          if ((header & AS_BEFORE) != 0) {
            packed = previous.cyclePacked;
          } else {
            packed = unsigned();
            previous.cyclePacked = packed;
          }
          CycleCompleted.Result result = RESULTS[(int) (packed % RESULTS.length)];
          packed /= RESULTS.length;
          String product = textAt(packed / 2);
          String serial = (packed & 1) != 0 ? inline() : null;
          return new CycleCompleted(envelope, cycleMs, result, product, serial);
        }
        case ORDER -> {
          OrderEvent.Kind event = KINDS[(int) unsigned()];
          String order = text();
          String product = text();
          Long planned = optional();
          Long ideal = optional();
          return new OrderEvent(envelope, event, order, product, planned, ideal);
        }
        case HEARTBEAT -> {
          String gateway = text();
          return new Heartbeat(envelope, gateway);
        }
        case BATTERY -> {
          String product = text();
          String serial = inline();
          int flags = (int) unsigned();
          int result = flags >> 1;
          int count = (int) unsigned();
          Map<String, Double> measurements = new HashMap<>(count * 2);
          for (int i = 0; i < count; i++) {
            String name = text();
            measurements.put(name, Double.longBitsToDouble(fixed()));
          }
          return new BatteryTest(
              envelope,
              serial,
              product,
              (flags & 1) != 0,
              result == 0 ? null : VERDICTS[result - 1],
              measurements);
        }
        default -> throw new IllegalStateException("not an event kind: " + kind);
      }
    }
  }
}
