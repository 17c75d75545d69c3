package io.gemba.collector.kpi;

import java.util.ArrayList;
import java.util.List;

/**
 * The run rules of an individuals control chart: Nelson's rules 1 to 3 (L. S. Nelson, "The Shewhart
 * Control Chart — Tests for Special Causes", Journal of Quality Technology 16(4), 1984) and the
 * Western Electric zone rules 2-of-3 and 4-of-5 (Western Electric, Statistical Quality Control
 * Handbook, 1956). Each point is judged by its distance from the centre line in sigmas, {@code z};
 * a rule is broken <em>at</em> the point that completes the pattern, and the point itself is part
 * of it.
 */
public enum SpcRules {
  /** One point more than 3σ from the centre line. */
  NELSON_1("nelson1", 1),
  /** Nine points in a row on the same side of the centre line. */
  NELSON_2("nelson2", 9),
  /** Six points in a row steadily increasing or steadily decreasing. */
  NELSON_3("nelson3", 6),
  /** Two of three points in a row more than 2σ from the centre line, on the same side. */
  WE_2_OF_3("we2of3", 3),
  /** Four of five points in a row more than 1σ from the centre line, on the same side. */
  WE_4_OF_5("we4of5", 5);

  /** How many points the longest rule looks at: the point and those before it. */
  public static final int LOOKBACK = 9;

  private static final SpcRules[] VALUES = values();

  private final String wireName;
  private final int points;

  SpcRules(String wireName, int points) {
    this.wireName = wireName;
    this.points = points;
  }

  /** The rule's name in points and the API: {@code nelson1}, {@code we2of3}. */
  public String wireName() {
    return wireName;
  }

  /** The rule's bit in a mask of {@link #broken}. */
  public int bit() {
    return 1 << ordinal();
  }

  /**
   * The rules that the point at {@code i} breaks, as a mask of {@link #bit()}s.
   *
   * @param x the values in time order
   * @param z each value's distance from its centre line in sigmas, NaN where the chart has no
   *     baseline yet; a rule that would read a NaN is not broken
   */
  public static int broken(double[] x, double[] z, int i) {
    int mask = 0;
    for (SpcRules rule : VALUES) {
      if (rule.brokenAt(x, z, i)) {
        mask |= rule.bit();
      }
    }
    return mask;
  }

  /** The rules of a mask of {@link #bit()}s. */
  public static List<SpcRules> of(int mask) {
    List<SpcRules> rules = new ArrayList<>();
    for (SpcRules rule : VALUES) {
      if ((mask & rule.bit()) != 0) {
        rules.add(rule);
      }
    }
    return rules;
  }

  private boolean brokenAt(double[] x, double[] z, int i) {
    if (i + 1 < points || Double.isNaN(z[i])) {
      return false;
    }
    return switch (this) {
      case NELSON_1 -> Math.abs(z[i]) > 3;
      case NELSON_2 -> sameSide(z, i);
      case NELSON_3 -> trend(x, z, i);
      case WE_2_OF_3 -> beyond(z, i, 2, 2);
      case WE_4_OF_5 -> beyond(z, i, 4, 1);
    };
  }

  private boolean sameSide(double[] z, int i) {
    double side = Math.signum(z[i]);
    if (side == 0) {
      return false;
    }
    for (int k = i - points + 1; k < i; k++) {
      if (Double.isNaN(z[k]) || Math.signum(z[k]) != side) {
        return false;
      }
    }
    return true;
  }

  private boolean trend(double[] x, double[] z, int i) {
    double direction = Math.signum(x[i] - x[i - 1]);
    if (direction == 0) {
      return false;
    }
    for (int k = i - points + 2; k <= i; k++) {
      if (Double.isNaN(z[k - 1]) || Math.signum(x[k] - x[k - 1]) != direction) {
        return false;
      }
    }
    return true;
  }

  /** At least {@code needed} of the last {@link #points} beyond {@code limit}, with {@code i}. */
  private boolean beyond(double[] z, int i, int needed, double limit) {
    double side = Math.signum(z[i]);
    if (Math.abs(z[i]) <= limit) {
      return false;
    }
    int count = 0;
    for (int k = i - points + 1; k <= i; k++) {
      if (Double.isNaN(z[k])) {
        return false;
      }
      if (Math.signum(z[k]) == side && Math.abs(z[k]) > limit) {
        count++;
      }
    }
    return count >= needed;
  }
}
