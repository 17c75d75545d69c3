package io.gemba.agent.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a step's message numbers came out at the other end, and how often: the numbers {@code
 * first} to {@code first + count − 1} are expected once each. A number never seen is lost, each
 * sighting beyond the first of a number is a duplicate, and anything else (a number outside the
 * step, a value that is not a whole number) is a stray. Thread-safe: a reader thread may record
 * while another asks.
 */
final class NumberAccounting {

  private static final int EXAMPLES = 5;

  private final long first;
  private final int[] counts;
  private long records;
  private long strays;

  NumberAccounting(long first, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    this.first = first;
    this.counts = new int[count];
  }

  /** One sighting of message {@code number}. */
  synchronized void record(long number) {
    records++;
    long index = number - first;
    if (index < 0 || index >= counts.length) {
      strays++;
    } else {
      counts[(int) index]++;
    }
  }

  /** One sighting of a value that should be a message number (a point's value). */
  void recordValue(double value) {
    if (value != Math.rint(value) || Math.abs(value) > 1e15) {
      synchronized (this) {
        records++;
        strays++;
      }
    } else {
      record((long) value);
    }
  }

  /** What was seen so far. */
  synchronized Summary summary() {
    long lost = 0;
    long duplicates = 0;
    List<Long> lostExamples = new ArrayList<>();
    List<Long> duplicateExamples = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        lost++;
        if (lostExamples.size() < EXAMPLES) {
          lostExamples.add(first + i);
        }
      } else if (counts[i] > 1) {
        duplicates += counts[i] - 1;
        if (duplicateExamples.size() < EXAMPLES) {
          duplicateExamples.add(first + i);
        }
      }
    }
    return new Summary(
        counts.length, records, lost, duplicates, strays, lostExamples, duplicateExamples);
  }

  /**
   * The accounts of one step.
   *
   * @param expected the numbers of the step
   * @param records every sighting, strays included
   * @param lost numbers of the step never seen
   * @param duplicates sightings beyond the first of a number
   * @param strays sightings of anything but a number of the step
   * @param lostExamples the first few lost numbers
   * @param duplicateExamples the first few numbers seen more than once
   */
  record Summary(
      long expected,
      long records,
      long lost,
      long duplicates,
      long strays,
      List<Long> lostExamples,
      List<Long> duplicateExamples) {

    Summary {
      lostExamples = List.copyOf(lostExamples);
      duplicateExamples = List.copyOf(duplicateExamples);
    }

    /** Every number seen exactly once, and nothing else. */
    boolean complete() {
      return lost == 0 && duplicates == 0 && strays == 0;
    }
  }
}
