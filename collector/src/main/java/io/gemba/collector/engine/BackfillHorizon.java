package io.gemba.collector.engine;

import static io.gemba.collector.engine.StationCore.NONE;

import io.gemba.collector.kpi.ProductionSums;
import io.gemba.collector.plant.Shift;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A station's backfill horizon (ADR 0010): a copy of its core at each shift start and every {@value
 * #EVERY_HOURS} hours that settlement has passed, oldest first, with the sums settled before it;
 * the first may be the station's beginning, at {@link StationCore#NONE}. A late event older than
 * the watermark rebuilds the station from the anchor before it; the station keeps its events from
 * the oldest anchor on.
 */
final class BackfillHorizon {

  /**
   * Hours between anchors within a shift: a rebuild replays at most this much of a station's
   * compact events (a few thousand, milliseconds), and each anchor costs a copy of the core and the
   * sums in the heap and the checkpoint.
   */
  static final int EVERY_HOURS = 4;

  private static final long EVERY_MS = EVERY_HOURS * 3_600_000L;

  /**
   * A copy of the station's core at {@code atMs}, before the events at that instant, with the shift
   * and order sums of the minutes before it: a rebuild starts there. All of it is never changed.
   */
  record Anchor(
      long atMs,
      boolean shiftStart,
      StationCore core,
      Map<String, ProductionSums> closedShifts,
      Map<String, ProductionSums> closedOrders) {}

  private final int shifts;
  private final long horizonMs;
  private final ArrayDeque<Anchor> anchors = new ArrayDeque<>();

  BackfillHorizon(int shifts, long horizonMs) {
    this.shifts = shifts;
    this.horizonMs = horizonMs;
  }

  /** The station begins with {@code initial}: the start of its first shift, as far as it goes. */
  void begin(StationCore initial) {
    anchors.add(new Anchor(NONE, true, initial, Map.of(), Map.of()));
  }

  /** The time of the oldest anchor, or {@link Long#MAX_VALUE} if there is none. */
  long fromMs() {
    Anchor oldest = anchors.peekFirst();
    return oldest != null ? oldest.atMs : Long.MAX_VALUE;
  }

  /**
   * Whether an event at {@code ts}, older than the watermark, is still applied: it is not older
   * than the oldest anchor, nor than the backfill horizon before the station's latest event.
   */
  boolean contains(long ts, long latestTs) {
    Anchor oldest = anchors.peekFirst();
    return oldest != null && ts >= oldest.atMs && ts >= latestTs - horizonMs;
  }

  /** The last anchor at or before {@code ms}, or the oldest; there must be one. */
  Anchor before(long ms) {
    Anchor anchor = anchors.peekFirst();
    for (Anchor each : anchors) {
      if (each.atMs <= ms) {
        anchor = each;
      }
    }
    return anchor;
  }

  /** Forgets the anchors after {@code anchor}: a rebuild from it passes them again. */
  void rewindTo(Anchor anchor) {
    while (anchors.peekLast() != anchor) {
      anchors.pollLast();
    }
  }

  /**
   * Before {@code bucket} is settled: keeps an anchor at the start of its shift or of its span of
   * {@value #EVERY_HOURS} hours (from midnight UTC), whichever is later, if there is none there yet
   * and the core's copy at that instant is among {@code snapshots}. Anchors within a shift keep a
   * rebuild short: it replays from the anchor before the oldest event it applies to the station's
   * latest.
   */
  void passing(
      MinuteBucket bucket,
      TimedLog<StationCore> snapshots,
      Map<String, ProductionSums> closedShifts,
      Map<String, ProductionSums> closedOrders) {
    long minuteMs = bucket.minuteMs;
    long span = Math.floorDiv(minuteMs, EVERY_MS) * EVERY_MS;
    // The bucket's shift, as its first segment has it (no calendar lookup).
    Shift shift = bucket.segments.isEmpty() ? null : bucket.segments.get(0).shift;
    boolean shiftStart = shift != null && shift.startMillis() >= span;
    long startMs = shiftStart ? shift.startMillis() : span;
    Anchor last = anchors.peekLast();
    if (last != null && last.atMs >= startMs) {
      return;
    }
    int at = snapshots.upperBound(startMs) - 1;
    if (at < snapshots.first() || snapshots.time(at) != startMs) {
      return;
    }
    anchors.addLast(
        new Anchor(
            startMs,
            shiftStart,
            snapshots.get(at),
            new LinkedHashMap<>(closedShifts),
            new LinkedHashMap<>(closedOrders)));
  }

  /**
   * Forgets the anchors that no event within the backfill horizon needs: those before the start of
   * the oldest shift it takes ({@code shifts} before the latest that began), and those followed by
   * another anchor at or before the horizon's start ({@code latestTs} less the horizon).
   */
  void forgetOld(long latestTs) {
    if (latestTs == NONE) {
      return;
    }
    int shiftStarts = 0;
    Iterator<Anchor> newestFirst = anchors.descendingIterator();
    while (newestFirst.hasNext()) {
      Anchor anchor = newestFirst.next();
      if (anchor.shiftStart && ++shiftStarts > shifts) {
        while (anchors.peekFirst() != anchor) {
          anchors.pollFirst();
        }
        break;
      }
    }
    long horizon = latestTs - horizonMs;
    while (anchors.size() > 1) {
      Iterator<Anchor> it = anchors.iterator();
      it.next();
      if (it.next().atMs > horizon) {
        return;
      }
      anchors.pollFirst();
    }
  }

  List<EngineCheckpoint.AnchorState> save() {
    List<EngineCheckpoint.AnchorState> saved = new ArrayList<>(anchors.size());
    for (Anchor anchor : anchors) {
      saved.add(
          new EngineCheckpoint.AnchorState(
              EngineCheckpoint.orNull(anchor.atMs),
              anchor.shiftStart,
              anchor.core.toState(),
              anchor.closedShifts,
              anchor.closedOrders));
    }
    return saved;
  }

  /** Takes over a checkpoint's anchors; one of an earlier version has none. */
  void restore(List<EngineCheckpoint.AnchorState> saved, MinuteSlicer slicer) {
    anchors.clear();
    if (saved == null) {
      return;
    }
    for (EngineCheckpoint.AnchorState anchor : saved) {
      anchors.add(
          new Anchor(
              EngineCheckpoint.orNone(anchor.atMs()),
              anchor.shiftStart(),
              StationCore.fromState(anchor.core(), slicer),
              new LinkedHashMap<>(anchor.closedShifts()),
              new LinkedHashMap<>(anchor.closedOrders())));
    }
  }
}
