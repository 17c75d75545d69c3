package io.gemba.collector.proptest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The random values of a property's tries, from one seed. Each value is uniform over its domain,
 * except that a share {@link #EDGE_SHARE} of numbers and sizes are one of the domain's edges: its
 * bounds, the values next to them, and zero, one and minus one where the domain holds them (an
 * empty string or list is a size at its lower bound).
 */
public final class Draw {

  /** The share of numbers and sizes drawn from the edges of their domain. */
  public static final double EDGE_SHARE = 0.05;

  private final SplittableRandom random;

  Draw(long seed) {
    random = new SplittableRandom(seed);
  }

  /** A long in {@code [min, max]}. */
  public long longBetween(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException(min + " > " + max);
    }
    if (edge()) {
      List<Long> edges = new ArrayList<>(List.of(min, max));
      if (min < max) {
        edges.add(min + 1);
        edges.add(max - 1);
      }
      for (long inside : new long[] {0, 1, -1}) {
        if (min <= inside && inside <= max) {
          edges.add(inside);
        }
      }
      return pick(edges);
    }
    if (max < Long.MAX_VALUE) {
      return random.nextLong(min, max + 1);
    }
    if (min > Long.MIN_VALUE) {
      return random.nextLong(min - 1, max) + 1;
    }
    return random.nextLong();
  }

  /** An int in {@code [min, max]}. */
  public int intBetween(int min, int max) {
    return (int) longBetween(min, max);
  }

  /** Any long. */
  public long anyLong() {
    return longBetween(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** Any int. */
  public int anyInt() {
    return intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** A BigInteger in {@code [min, max]}, its bounds and zero (if inside) at the edge share. */
  public BigInteger bigIntegerBetween(BigInteger min, BigInteger max) {
    if (edge()) {
      return pick(min, max, BigInteger.ZERO.max(min).min(max));
    }
    BigInteger span = max.subtract(min);
    BigInteger offset;
    do {
      offset = new BigInteger(span.bitLength(), new Random(random.nextLong()));
    } while (offset.compareTo(span) > 0);
    return min.add(offset);
  }

  /** A double in {@code [min, max]} (finite bounds), uniform over the interval. */
  public double doubleBetween(double min, double max) {
    if (edge()) {
      List<Double> edges = new ArrayList<>(List.of(min, max, Math.nextUp(min), Math.nextDown(max)));
      if (min <= 0 && 0 <= max) {
        edges.add(0.0);
      }
      return Math.min(Math.max(pick(edges), min), max);
    }
    double r = random.nextDouble();
    // written so that a span wider than Double.MAX_VALUE does not overflow
    return Math.min(Math.max((1 - r) * min + r * max, min), max);
  }

  /** A double in {@code [min, max]} with at most {@code scale} decimals. */
  public double doubleBetween(double min, double max, int scale) {
    double value =
        BigDecimal.valueOf(doubleBetween(min, max))
            .setScale(scale, RoundingMode.HALF_UP)
            .doubleValue();
    if (value < min) {
      value = BigDecimal.valueOf(min).setScale(scale, RoundingMode.CEILING).doubleValue();
    }
    if (value > max) {
      value = BigDecimal.valueOf(max).setScale(scale, RoundingMode.FLOOR).doubleValue();
    }
    return value;
  }

  /**
   * Any double, NaN and infinities aside: small and huge magnitudes alike, with zero, minus zero,
   * one, the smallest and the largest values at the edge share.
   */
  public double anyDouble() {
    if (edge()) {
      return pick(0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE);
    }
    if (random.nextBoolean()) {
      return doubleBetween(-1e6, 1e6);
    }
    double bits;
    do {
      bits = Double.longBitsToDouble(random.nextLong());
    } while (!Double.isFinite(bits));
    return bits;
  }

  /** True or false, even odds. */
  public boolean bool() {
    return random.nextBoolean();
  }

  /** True with probability {@code p}. */
  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** One of {@code values}, all equally likely. */
  public <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** One of {@code values}, all equally likely. */
  @SafeVarargs
  public final <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  /** One of the constants of {@code type}, all equally likely. */
  public <E extends Enum<E>> E pick(Class<E> type) {
    return pick(type.getEnumConstants());
  }

  /** What one of {@code generators} makes, each chosen as likely as the others. */
  @SafeVarargs
  public final <T> T oneOf(Function<Draw, ? extends T>... generators) {
    return pick(generators).apply(this);
  }

  /** Null with probability {@code nullShare}, else what {@code generator} makes. */
  public <T> T orNull(double nullShare, Function<Draw, T> generator) {
    return chance(nullShare) ? null : generator.apply(this);
  }

  /** A list of {@code minSize} to {@code maxSize} elements made by {@code element}. */
  public <T> List<T> listOf(int minSize, int maxSize, Function<Draw, T> element) {
    int size = intBetween(minSize, maxSize);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.apply(this));
    }
    return list;
  }

  /**
   * A map of {@code minSize} to {@code maxSize} entries, keys distinct. Fails if {@code key} cannot
   * make enough distinct keys in a thousand attempts per entry.
   */
  public <K, V> Map<K, V> mapOf(
      int minSize, int maxSize, Function<Draw, K> key, Function<Draw, V> value) {
    int size = intBetween(minSize, maxSize);
    Map<K, V> map = new LinkedHashMap<>();
    int misses = 0;
    while (map.size() < size) {
      K k = key.apply(this);
      if (map.containsKey(k)) {
        if (++misses > 1000 * size) {
          throw new IllegalStateException("too few distinct keys for a map of " + size);
        }
      } else {
        map.put(k, value.apply(this));
      }
    }
    return map;
  }

  /** A string of {@code minLength} to {@code maxLength} characters of {@code chars}. */
  public String string(int minLength, int maxLength, Chars chars) {
    int length = intBetween(minLength, maxLength);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(chars.at(random.nextInt(chars.size())));
    }
    return text.toString();
  }

  /** Up to {@code maxLength} random bytes, an empty array at the edge share. */
  public byte[] bytes(int maxLength) {
    byte[] bytes = new byte[intBetween(0, maxLength)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private boolean edge() {
    return random.nextDouble() < EDGE_SHARE;
  }
}
