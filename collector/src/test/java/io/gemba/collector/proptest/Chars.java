package io.gemba.collector.proptest;

/** A set of characters to draw strings from: inclusive ranges and single characters. */
public final class Chars {

  private final char[] ranges; // pairs: first, last
  private final int size;

  private Chars(char[] ranges) {
    this.ranges = ranges;
    int n = 0;
    for (int i = 0; i < ranges.length; i += 2) {
      n += ranges[i + 1] - ranges[i] + 1;
    }
    this.size = n;
  }

  /** The characters in the inclusive ranges {@code first1, last1, first2, last2, ...}. */
  public static Chars ranges(char... firstLastPairs) {
    if (firstLastPairs.length % 2 != 0) {
      throw new IllegalArgumentException("ranges come in pairs");
    }
    return new Chars(firstLastPairs.clone());
  }

  /**
   * Every UTF-16 character that stands for itself: all but the surrogates, the private use area and
   * the noncharacters U+FFFE and U+FFFF.
   */
  public static Chars any() {
    return ranges('\u0000', '\ud7ff', '\uf900', '\ufffd');
  }

  /** The digits 0 to 9. */
  public static Chars digits() {
    return ranges('0', '9');
  }

  /** These and {@code more} single characters. */
  public Chars with(char... more) {
    char[] joined = java.util.Arrays.copyOf(ranges, ranges.length + 2 * more.length);
    for (int i = 0; i < more.length; i++) {
      joined[ranges.length + 2 * i] = more[i];
      joined[ranges.length + 2 * i + 1] = more[i];
    }
    return new Chars(joined);
  }

  int size() {
    return size;
  }

  char at(int index) {
    for (int i = 0; i < ranges.length; i += 2) {
      int length = ranges[i + 1] - ranges[i] + 1;
      if (index < length) {
        return (char) (ranges[i] + index);
      }
      index -= length;
    }
    throw new IndexOutOfBoundsException(index);
  }
}
