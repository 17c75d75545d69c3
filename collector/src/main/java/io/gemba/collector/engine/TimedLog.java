package io.gemba.collector.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Items in time order, with their times kept apart in a {@code long} array: searching and trimming
 * by time reads no item, which matters because the oldest items of a station were made minutes ago
 * and are long out of the CPU's caches. A position stays valid until the next insertion.
 */
final class TimedLog<T> {

  private long[] times = new long[16];
  private Object[] items = new Object[16];
  private int first;
  private int end;

  /** The position of the first item. */
  int first() {
    return first;
  }

  /** The position after the last item. */
  int end() {
    return end;
  }

  /** Reads the slots the next item will take, for {@code KpiEngine.warm}. */
  final long warmNextSlot() {
    return end < times.length ? times[end] + (items[end] == null ? 0 : 1) : 0;
  }

  boolean isEmpty() {
    return first == end;
  }

  long time(int position) {
    return times[position];
  }

  @SuppressWarnings("unchecked")
  T get(int position) {
    return (T) items[position];
  }

  /** Adds an item at the end; its time must not be before the last item's. */
  void add(long time, T item) {
    if (end == times.length) {
      makeRoom();
    }
    times[end] = time;
    items[end++] = item;
  }

  /** Inserts an item at {@code position}, between {@link #first()} and {@link #end()}. */
  void insert(int position, long time, T item) {
    if (position == end) {
      add(time, item);
      return;
    }
    if (end == times.length) {
      int offset = position - first;
      makeRoom();
      position = first + offset;
    }
    System.arraycopy(times, position, times, position + 1, end - position);
    System.arraycopy(items, position, items, position + 1, end - position);
    times[position] = time;
    items[position] = item;
    end++;
  }

  /** The first position whose time is after {@code time}, or {@link #end()}. */
  int upperBound(long time) {
    int lo = first;
    int hi = end;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] <= time) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first position whose time is {@code time} or later, or {@link #end()}. */
  int lowerBound(long time) {
    int lo = first;
    int hi = end;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] < time) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Removes the item at {@code position}, between {@link #first()} and {@link #end()}. */
  void remove(int position) {
    System.arraycopy(times, position + 1, times, position, end - position - 1);
    System.arraycopy(items, position + 1, items, position, end - position - 1);
    items[--end] = null;
  }

  /** Forgets the items before {@code time}. */
  void dropBefore(long time) {
    while (first < end && times[first] < time) {
      items[first++] = null;
    }
  }

  /** Removes the items from {@code position} on and returns them, in order. */
  List<T> removeFrom(int position) {
    List<T> removed = new ArrayList<>(end - position);
    for (int i = position; i < end; i++) {
      removed.add(get(i));
      items[i] = null;
    }
    end = position;
    return removed;
  }

  /** Removes the items from {@code position} on. */
  void truncate(int position) {
    Arrays.fill(items, position, end, null);
    end = position;
  }

  /** The items from {@code position} on, in order. */
  List<T> itemsFrom(int position) {
    List<T> list = new ArrayList<>(end - position);
    for (int i = position; i < end; i++) {
      list.add(get(i));
    }
    return list;
  }

  /**
   * Makes room for one more item: moves the items to the front if half the array lies before them,
   * else grows it.
   */
  private void makeRoom() {
    int count = end - first;
    if (first >= times.length / 2) {
      System.arraycopy(times, first, times, 0, count);
      System.arraycopy(items, first, items, 0, count);
      Arrays.fill(items, count, end, null);
      first = 0;
      end = count;
    } else {
      times = Arrays.copyOf(times, times.length * 2);
      items = Arrays.copyOf(items, items.length * 2);
    }
  }
}
