package io.gemba.collector.engine;

import static io.gemba.collector.engine.MinuteBucket.MINUTE_MS;
import static io.gemba.collector.engine.MinuteBucket.floorMinute;
import static io.gemba.collector.engine.StationCore.NONE;

import io.gemba.collector.plant.Shift;
import io.gemba.collector.telemetry.CounterReading;
import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.Heartbeat;
import io.gemba.collector.telemetry.OrderEvent;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The events a station keeps, in time order, and which of them are repeats (ADR 0004, ADR 0010):
 * those a replay within the allowed lateness reads (from the oldest copy of the station's core on),
 * as objects; those before, back to the oldest anchor of the backfill horizon, which only a rebuild
 * reads, compact ({@link ColdLog}); and those older than the watermark but within the horizon, kept
 * aside until the next rebuild applies them. Of each minute it keeps only the messages that a
 * replay or a rebuild needs, so that what it holds grows with the minutes, not with the messages.
 */
final class StationLog {

  private final long silenceMs;

  /** The events from the oldest copy of the core on, by time. */
  private final TimedLog<TelemetryEvent> hot = new TimedLog<>();

  /** The events before those, from the oldest anchor on, compact: only a rebuild reads them. */
  private final ColdLog cold;

  /** Events older than the watermark but within the horizon, until the next rebuild. */
  private final TimedLog<TelemetryEvent> backfill = new TimedLog<>();

  StationLog(String site, String area, String line, String station, long silenceMs) {
    this.silenceMs = silenceMs;
    this.cold = new ColdLog(site, area, line, station);
  }

  /** The events a replay within the lateness reads. */
  TimedLog<TelemetryEvent> hot() {
    return hot;
  }

  /** Whether an event says that its station is there: all but orders, which come from the MES. */
  static boolean isPresence(TelemetryEvent event) {
    return !(event instanceof OrderEvent);
  }

  // ---- events within the lateness --------------------------------------------------------

  /** What {@link #keep} did with an event. */
  enum Kept {
    /** Not kept: it repeats one kept. */
    REPEAT,
    /** Kept before the latest event. */
    BEFORE_LATEST,
    /** Kept as the latest event, at the end. */
    LATEST
  }

  /**
   * Keeps {@code event} at its time, after the events kept at that time, unless it repeats one of
   * them; {@code latestTs} is the latest time kept so far (or NONE).
   */
  Kept keep(TelemetryEvent event, long ts, long latestTs) {
    // The kept events are sorted and the last has the latest time: a newer event goes at the end
    // and cannot repeat one, without reading any kept event.
    int at = hot.end();
    if (latestTs != NONE && ts <= latestTs) {
      if (ts < latestTs) {
        at = hot.upperBound(ts);
      }
      if (repeats(hot, at, event, ts)) {
        return Kept.REPEAT;
      }
    }
    boolean latest = at == hot.end();
    hot.insert(at, ts, event); // which may move the positions of all
    return latest ? Kept.LATEST : Kept.BEFORE_LATEST;
  }

  /**
   * After the event at {@code position}, the latest, was applied: forgets the reading or heartbeat
   * before it in its minute if no replay needs it (ADR 0010). Kept of each minute: the first and
   * the last reading (and the readings before and after the counters went down), the first and the
   * last message, and any message without which two messages would be more than the silence timeout
   * apart; states, orders and cycles are all kept. Replaying the rest gives the same: the counters'
   * increments add up to the same per minute (a minute's units count at its end, {@link
   * MinuteCount}), and a heartbeat only moves time on.
   */
  boolean compact(int position) {
    TelemetryEvent event = hot.get(position);
    boolean reading = event instanceof CounterReading;
    if (!reading && !(event instanceof Heartbeat)) {
      return false;
    }
    long minuteStart = floorMinute(hot.time(position));
    int first = hot.first();
    int before = position - 1; // the message of the same kind before, in the same minute
    while (before >= first
        && hot.time(before) >= minuteStart
        && hot.get(before).getClass() != event.getClass()) {
      before--;
    }
    if (before < first || hot.time(before) < minuteStart) {
      return false;
    }
    // The station's messages around it: one before it in its minute, and the next after it.
    int earlier = before - 1;
    while (earlier >= first && !isPresence(hot.get(earlier))) {
      earlier--;
    }
    if (earlier < first || hot.time(earlier) < minuteStart) {
      return false; // the first message of its minute
    }
    int later = before + 1;
    while (!isPresence(hot.get(later))) {
      later++;
    }
    if (hot.time(later) - hot.time(earlier) > silenceMs) {
      return false; // without it, a silence that was none
    }
    if (reading) {
      CounterReading previous = (CounterReading) hot.get(before);
      CounterReading next = (CounterReading) event;
      if (!countsOn(previous, next)) {
        return false; // the counters went down after it: the highest of the minute
      }
      int readingBefore = before - 1;
      while (readingBefore >= first
          && hot.time(readingBefore) >= minuteStart
          && !(hot.get(readingBefore) instanceof CounterReading)) {
        readingBefore--;
      }
      if (readingBefore < first || hot.time(readingBefore) < minuteStart) {
        return false; // the first reading of its minute (maybe a baseline)
      }
      if (!countsOn((CounterReading) hot.get(readingBefore), previous)) {
        return false; // the first reading after a reset: what it counts is counted from zero
      }
    }
    hot.remove(before);
    return true;
  }

  /**
   * After {@code event}, kept before the latest at {@code ts}, was applied: compacts around it as
   * {@link #compact} does at the end, so that the messages that come out of order are not all kept:
   * the message of its kind before it in its minute, and it itself against the next of its kind in
   * the minute.
   */
  void compactInserted(TelemetryEvent event, long ts) {
    if (!(event instanceof CounterReading) && !(event instanceof Heartbeat)) {
      return;
    }
    int position = hot.upperBound(ts) - 1;
    while (position >= hot.first() && hot.time(position) == ts && hot.get(position) != event) {
      position--;
    }
    if (position < hot.first() || hot.get(position) != event) {
      return;
    }
    long minuteEnd = floorMinute(ts) + MINUTE_MS;
    int next = position + 1;
    while (next < hot.end()
        && hot.time(next) < minuteEnd
        && hot.get(next).getClass() != event.getClass()) {
      next++;
    }
    boolean hasNext = next < hot.end() && hot.time(next) < minuteEnd;
    if (compact(position)) {
      next--; // the one before it went
    }
    if (hasNext) {
      compact(next);
    }
  }

  /** Whether no counter went down from {@code previous} to {@code next}. */
  private static boolean countsOn(CounterReading previous, CounterReading next) {
    return next.total() >= previous.total()
        && next.goodCount() >= previous.goodCount()
        && next.scrapCount() >= previous.scrapCount();
  }

  // ---- past the lateness -----------------------------------------------------------------

  /**
   * Moves the events before {@code keepFrom} (no replay within the lateness needs them) to the cold
   * log if a rebuild from an anchor at {@code horizonFromMs} or later may need them, and forgets
   * those before it.
   */
  void cool(long keepFrom, long horizonFromMs, LongFunction<Shift> shiftAt) {
    for (int i = hot.first(); i < hot.end() && hot.time(i) < keepFrom; i++) {
      if (hot.time(i) >= horizonFromMs && !redundantCold(i, shiftAt)) {
        cold.append(hot.time(i), hot.get(i));
      }
    }
    hot.dropBefore(keepFrom);
    cold.dropBefore(horizonFromMs);
  }

  /**
   * Whether the heartbeat or reading at {@code position}, on its way to the cold log, changes
   * nothing that a rebuild computes (ADR 0010). No replay comes between the events around it any
   * more, only a rebuild that inserts backfilled ones. A heartbeat only moves time on, which
   * matters only where it ends a gap longer than the silence timeout, and inserted messages can
   * only shorten a gap: so of each minute the cold log keeps the last message, and a heartbeat
   * before it only where the messages around it would be more than the silence timeout apart, or
   * where it is the station's first. A reading counts what the counters did since the reading
   * before, and a backfilled reading inserted before it may show a reset: so a reading is left out
   * only where it reads what the reading kept before it and the reading after it read, in the same
   * shift (an idle station), which counts nothing whatever comes between, and unless it is the last
   * reading of a minute with a reading kept before it: the units of a minute count under the status
   * of its last reading ({@link MinuteCount}).
   */
  private boolean redundantCold(int position, LongFunction<Shift> shiftAt) {
    TelemetryEvent event = hot.get(position);
    boolean reading = event instanceof CounterReading;
    if (!reading && !(event instanceof Heartbeat)) {
      return false;
    }
    long before = cold.lastPresenceMs();
    if (before == NONE) {
      return false;
    }
    long ts = hot.time(position);
    int next = position + 1;
    while (next < hot.end() && !isPresence(hot.get(next))) {
      next++;
    }
    if (next == hot.end() || hot.time(next) - before > silenceMs) {
      return false; // without it, a silence that was none
    }
    if (!reading) {
      return hot.time(next) < floorMinute(ts) + MINUTE_MS; // not the last message of its minute
    }
    CounterReading read = (CounterReading) event;
    CounterReading previous = cold.lastReading();
    if (previous == null || !sameCounts(previous, read)) {
      return false;
    }
    int nextReading = next;
    while (nextReading < hot.end() && !(hot.get(nextReading) instanceof CounterReading)) {
      nextReading++;
    }
    if (nextReading == hot.end() || !sameCounts(read, (CounterReading) hot.get(nextReading))) {
      return false;
    }
    long minuteStart = floorMinute(ts);
    if (previous.envelope().ts().toEpochMilli() >= minuteStart
        && hot.time(nextReading) >= minuteStart + MINUTE_MS) {
      return false; // the last reading of a minute read before: its units count under its status
    }
    Shift shift = shiftAt.apply(ts);
    return Objects.equals(shift, shiftAt.apply(previous.envelope().ts().toEpochMilli()))
        && Objects.equals(shift, shiftAt.apply(hot.time(nextReading)));
  }

  private static boolean sameCounts(CounterReading a, CounterReading b) {
    return a.total() == b.total()
        && a.goodCount() == b.goodCount()
        && a.scrapCount() == b.scrapCount();
  }

  /** The cold events at {@code ms} or later, decoded, in order. */
  List<TelemetryEvent> coldFrom(long ms) {
    return cold.from(ms);
  }

  // ---- older than the watermark ----------------------------------------------------------

  /**
   * Keeps aside an event older than the watermark until the next rebuild, unless it repeats one
   * kept.
   *
   * @return whether it was kept (not a repeat)
   */
  boolean keepAside(TelemetryEvent event, long ts) {
    if (repeats(hot, hot.upperBound(ts), event, ts)
        || repeats(backfill, backfill.upperBound(ts), event, ts)
        || repeatsCold(event, ts)) {
      return false;
    }
    backfill.insert(backfill.upperBound(ts), ts, event);
    return true;
  }

  boolean hasKeptAside() {
    return !backfill.isEmpty();
  }

  /** The time of the oldest event kept aside; there must be one. */
  long oldestAsideMs() {
    return backfill.time(backfill.first());
  }

  /** Forgets the events kept aside that are older than {@code ms}; returns how many. */
  int forgetAsideBefore(long ms) {
    int forgotten = 0;
    while (!backfill.isEmpty() && backfill.time(backfill.first()) < ms) {
      backfill.remove(backfill.first());
      forgotten++;
    }
    return forgotten;
  }

  /**
   * Takes the events kept aside for a rebuild, each into {@code applied}: those newer than the cold
   * log's last event go among the events within the lateness; the others are returned, in time
   * order, for the rebuild to apply among the cold events and then {@link #keepAmongCold} them.
   */
  List<TelemetryEvent> takeAside(Set<TelemetryEvent> applied) {
    List<TelemetryEvent> amongCold = new ArrayList<>();
    long coldUntil = cold.lastMs();
    for (int i = backfill.first(); i < backfill.end(); i++) {
      long ts = backfill.time(i);
      if (coldUntil != NONE && ts < coldUntil) {
        amongCold.add(backfill.get(i));
      } else {
        hot.insert(hot.upperBound(ts), ts, backfill.get(i));
      }
      applied.add(backfill.get(i));
    }
    backfill.truncate(backfill.first());
    return amongCold;
  }

  /**
   * After a rebuild: keeps {@code amongCold} in the cold log, and takes back out of it the events
   * from {@code hotFromMs} on (the oldest copy of the rebuilt core, which may have settled less far
   * than before: a replay within the lateness reads them).
   */
  void keepAmongCold(List<TelemetryEvent> amongCold, long hotFromMs) {
    cold.insertAll(amongCold);
    List<TelemetryEvent> needed = cold.removeFrom(hotFromMs);
    for (int i = needed.size() - 1; i >= 0; i--) {
      hot.insert(hot.first(), tsOf(needed.get(i)), needed.get(i));
    }
  }

  // ---- repeats ---------------------------------------------------------------------------

  /** Whether an event of the cold log at {@code ts} is {@code event} again. */
  private boolean repeatsCold(TelemetryEvent event, long ts) {
    if (cold.isEmpty() || ts > cold.lastMs()) {
      return false;
    }
    for (TelemetryEvent kept : cold.at(ts)) {
      if (isDuplicate(kept, event)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an event at {@code ts} before {@code position} in {@code log} is {@code event} again.
   */
  private static boolean repeats(
      TimedLog<TelemetryEvent> log, int position, TelemetryEvent event, long ts) {
    for (int i = position - 1; i >= log.first() && log.time(i) == ts; i--) {
      if (isDuplicate(log.get(i), event)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDuplicate(TelemetryEvent seen, TelemetryEvent event) {
    Envelope a = seen.envelope();
    Envelope b = event.envelope();
    if (!a.topic().equals(b.topic())) {
      return false;
    }
    if (a.seq() != Envelope.NO_SEQ || b.seq() != Envelope.NO_SEQ) {
      return a.seq() == b.seq();
    }
    return seen.equals(event);
  }

  static long tsOf(TelemetryEvent event) {
    return event.envelope().ts().toEpochMilli();
  }

  // ---- checkpoints -----------------------------------------------------------------------

  /** The events kept aside, in time order, as they are now. */
  TimedLog<TelemetryEvent> aside() {
    return backfill;
  }

  List<ColdLog.Saved> saveCold() {
    return cold.save();
  }

  /** Takes over a checkpoint's events. */
  void restore(
      List<TelemetryEvent> kept, List<TelemetryEvent> keptAside, List<ColdLog.Saved> savedCold) {
    for (TelemetryEvent event : kept) {
      hot.add(tsOf(event), event);
    }
    for (TelemetryEvent event : keptAside) {
      backfill.add(tsOf(event), event);
    }
    if (savedCold != null) {
      cold.restore(savedCold);
    }
  }
}
