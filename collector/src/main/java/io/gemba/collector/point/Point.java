package io.gemba.collector.point;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One point of the InfluxDB schema: a measurement, its tags, its fields and a timestamp. Two points
 * with the same {@linkplain #series() series} and time are the same point in InfluxDB: the later
 * write overwrites the fields it carries, which is how the engine corrects a point.
 *
 * <p>Tag values are never empty; fields are at least one, each a {@link Long}, a finite {@link
 * Double}, a {@link Boolean} or a {@link String}. Tags and fields keep the order they were added
 * in, and two points are equal when they have the same measurement, time, tags and fields in the
 * same order.
 *
 * <p>The engine makes about one point per event, so a point is small: the names of its tags and
 * fields and the fields' types are a {@link Layout} that all points of one shape share, numbers are
 * kept unboxed, and a tag or field a point does not have is a gap in the layout. Its map views are
 * made on first use.
 */
public final class Point {

  private static final byte LONG = 0;
  private static final byte DOUBLE = 1;
  private static final byte BOOLEAN = 2;
  private static final byte STRING = 3;

  private final Layout layout;
  private final long epochSecond;
  private final int nano;

  /** Per tag of the layout its value, {@code null} where the point has no such tag. */
  private final String[] tagValues;

  /** Per field of the layout a long, the bits of a double, or 0/1; 0 where it is missing. */
  private final long[] fieldBits;

  /** Per field of the layout its string value, if the layout has string fields; else null. */
  private final String[] fieldStrings;

  /** The fields of the layout the point does not have, one bit each. */
  private final long missing;

  private Map<String, String> tagMap;
  private Map<String, Object> fieldMap;

  /**
   * Builds a point from maps, keeping their order.
   *
   * @throws IllegalArgumentException if a tag value is empty, there is no field, or a field value
   *     is of another type or not finite
   */
  public Point(
      String measurement, Map<String, String> tags, Map<String, Object> fields, Instant time) {
    this(fromMaps(measurement, tags, fields, time));
  }

  private Point(Builder built) {
    this(
        built.layout(),
        built.time.getEpochSecond(),
        built.time.getNano(),
        built.tagValues.toArray(String[]::new),
        built.bits(),
        built.strings(),
        0);
  }

  private Point(
      Layout layout,
      long epochSecond,
      int nano,
      String[] tagValues,
      long[] fieldBits,
      String[] fieldStrings,
      long missing) {
    this.layout = layout;
    this.epochSecond = epochSecond;
    this.nano = nano;
    this.tagValues = tagValues;
    this.fieldBits = fieldBits;
    this.fieldStrings = fieldStrings;
    this.missing = missing;
  }

  private static Builder fromMaps(
      String measurement, Map<String, String> tags, Map<String, Object> fields, Instant time) {
    Builder builder = new Builder(measurement, time);
    tags.forEach(
        (name, value) -> {
          requireTagValue(measurement, value);
          builder.tag(name, value);
        });
    fields.forEach(
        (name, value) -> {
          if (value instanceof Long number) {
            builder.field(name, (long) number);
          } else if (value instanceof Double number && Double.isFinite(number)) {
            builder.field(name, (double) number);
          } else if (value instanceof Boolean flag) {
            builder.field(name, (boolean) flag);
          } else if (value instanceof String text) {
            builder.field(name, text);
          } else {
            throw new IllegalArgumentException(
                measurement + ": field '" + name + "' has an unsupported value: " + value);
          }
        });
    return builder;
  }

  private static void requireTagValue(String measurement, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(measurement + ": a tag must have a value");
    }
  }

  /** A builder for a point of {@code measurement} at {@code time}, by tag and field names. */
  public static Builder builder(String measurement, Instant time) {
    return new Builder(measurement, time);
  }

  /** A layout for points of {@code measurement}: its tag and field names, declared in order. */
  public static Layout.Builder layout(String measurement) {
    return new Layout.Builder(measurement);
  }

  /** The measurement, as in {@code oee}. */
  public String measurement() {
    return layout.measurement;
  }

  /** Tag names to values, in the order they were added. */
  public Map<String, String> tags() {
    if (tagMap == null) {
      Map<String, String> map = new LinkedHashMap<>();
      for (int i = 0; i < tagValues.length; i++) {
        if (tagValues[i] != null) {
          map.put(layout.tagNames[i], tagValues[i]);
        }
      }
      tagMap = Collections.unmodifiableMap(map);
    }
    return tagMap;
  }

  /** The value of the tag {@code name}, or {@code null} if the point has none: no map made. */
  public String tag(String name) {
    String[] names = layout.tagNames;
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return tagValues[i];
      }
    }
    return null;
  }

  /** The value of the field {@code name}, or {@code null} if the point has none: no map made. */
  public Object field(String name) {
    String[] names = layout.fieldNames;
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return has(i) ? value(i) : null;
      }
    }
    return null;
  }

  /** Field names to values, in the order they were added. */
  public Map<String, Object> fields() {
    if (fieldMap == null) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < fieldBits.length; i++) {
        if (has(i)) {
          map.put(layout.fieldNames[i], value(i));
        }
      }
      fieldMap = Collections.unmodifiableMap(map);
    }
    return fieldMap;
  }

  private boolean has(int field) {
    return (missing & (1L << field)) == 0;
  }

  private Object value(int field) {
    long bits = fieldBits[field];
    switch (layout.fieldKinds[field]) {
      case LONG:
        return bits;
      case DOUBLE:
        return Double.longBitsToDouble(bits);
      case BOOLEAN:
        return bits != 0;
      default:
        return fieldStrings[field];
    }
  }

  /** The timestamp. */
  public Instant time() {
    return Instant.ofEpochSecond(epochSecond, nano);
  }

  /** The timestamp in milliseconds since the epoch, rounded down. */
  public long epochMilli() {
    return epochSecond * 1000 + nano / 1_000_000;
  }

  /**
   * Hands the tags, then the fields, to {@code visitor}, each in name order (the order InfluxDB
   * keeps them in), without making the map views.
   */
  public void accept(Visitor visitor) {
    for (int tag : layout.tagsByName) {
      if (tagValues[tag] != null) {
        visitor.tag(layout.tagNames[tag], tagValues[tag]);
      }
    }
    for (int field : layout.fieldsByName) {
      if (has(field)) {
        String name = layout.fieldNames[field];
        long bits = fieldBits[field];
        switch (layout.fieldKinds[field]) {
          case LONG -> visitor.field(name, bits);
          case DOUBLE -> visitor.field(name, Double.longBitsToDouble(bits));
          case BOOLEAN -> visitor.field(name, bits != 0);
          default -> visitor.field(name, fieldStrings[field]);
        }
      }
    }
  }

  /** Receives a point's tags and fields from {@link #accept}, numbers unboxed. */
  public interface Visitor {

    /** A tag; its value is not empty. */
    void tag(String name, String value);

    /** An integer field. */
    void field(String name, long value);

    /** A float field; always finite. */
    void field(String name, double value);

    /** A boolean field. */
    void field(String name, boolean value);

    /** A string field. */
    void field(String name, String value);
  }

  /**
   * The series this point belongs to: the measurement and its tags sorted by name, as in {@code
   * oee,line=L1,site=S}. Points of one series and time overwrite each other.
   */
  public String series() {
    StringBuilder key = new StringBuilder(layout.measurement);
    tags().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(tag -> key.append(',').append(tag.getKey()).append('=').append(tag.getValue()));
    return key.toString();
  }

  /** Whether {@code other} has the same measurement, tags and time: the same point in InfluxDB. */
  public boolean samePointAs(Point other) {
    if (epochSecond != other.epochSecond || nano != other.nano) {
      return false;
    }
    if (layout == other.layout) {
      return Arrays.equals(tagValues, other.tagValues);
    }
    return layout.measurement.equals(other.layout.measurement)
        && inOrder(tags()).equals(inOrder(other.tags()));
  }

  /** Whether this point has every field that {@code other} has (whatever their values). */
  public boolean hasFieldsOf(Point other) {
    if (layout == other.layout) {
      return (missing & ~other.missing) == 0;
    }
    return fields().keySet().containsAll(other.fields().keySet());
  }

  /** Whether {@code other} has the same fields, in the same order. */
  public boolean sameFieldsAs(Point other) {
    if (layout == other.layout) {
      return missing == other.missing
          && Arrays.equals(fieldBits, other.fieldBits)
          && Arrays.equals(fieldStrings, other.fieldStrings);
    }
    return inOrder(fields()).equals(inOrder(other.fields()));
  }

  /**
   * A map's entries as a list: equal when the same names have the same values in the same order.
   */
  private static List<Map.Entry<String, ?>> inOrder(Map<String, ?> map) {
    return new ArrayList<>(map.entrySet());
  }

  /**
   * A hash of what {@link #samePointAs} compares: points that are the same point in InfluxDB have
   * the same one.
   */
  public int pointHash() {
    int hash = 31 * Long.hashCode(epochSecond) + nano;
    hash = 31 * hash + layout.measurement.hashCode();
    for (int i = 0; i < tagValues.length; i++) {
      if (tagValues[i] != null) {
        hash = 31 * hash + layout.tagNames[i].hashCode();
        hash = 31 * hash + tagValues[i].hashCode();
      }
    }
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Point other && samePointAs(other) && sameFieldsAs(other);
  }

  @Override
  public int hashCode() {
    return 31 * pointHash() + fields().hashCode();
  }

  @Override
  public String toString() {
    return "Point[measurement="
        + layout.measurement
        + ", tags="
        + tags()
        + ", fields="
        + fields()
        + ", time="
        + time()
        + "]";
  }

  /**
   * The names of the tags and fields of points of one shape, in order, and the fields' types: made
   * once and shared by all points made with it through {@link #point}. A point may leave any tag or
   * field out. At most 64 fields.
   */
  public static final class Layout {

    private final String measurement;
    private final String[] tagNames;
    private final String[] fieldNames;
    private final byte[] fieldKinds;
    private final boolean hasStrings;

    /** The indexes of the tags, and of the fields, in the order of their names. */
    private final int[] tagsByName;

    private final int[] fieldsByName;

    private Layout(String measurement, String[] tagNames, String[] fieldNames, byte[] fieldKinds) {
      this.measurement = Objects.requireNonNull(measurement, "measurement");
      this.tagNames = tagNames;
      this.fieldNames = fieldNames;
      this.fieldKinds = fieldKinds;
      this.tagsByName = byName(tagNames);
      this.fieldsByName = byName(fieldNames);
      boolean strings = false;
      for (byte kind : fieldKinds) {
        strings |= kind == STRING;
      }
      this.hasStrings = strings;
    }

    /** The indexes of {@code names} in name order (an insertion sort: a layout has few names). */
    private static int[] byName(String[] names) {
      int[] order = new int[names.length];
      for (int i = 0; i < names.length; i++) {
        int j = i;
        while (j > 0 && names[order[j - 1]].compareTo(names[i]) > 0) {
          order[j] = order[j - 1];
          j--;
        }
        order[j] = i;
      }
      return order;
    }

    /** The measurement of its points. */
    public String measurement() {
      return measurement;
    }

    /**
     * A point of this layout at {@code epochMs}, filled in the layout's order: every tag, then
     * every field, each given or left out.
     */
    public Values point(long epochMs) {
      return new Values(this, epochMs);
    }

    /** Declares a layout's tags and fields in the order its points carry them. */
    public static final class Builder {

      private final String measurement;
      private final List<String> tagNames = new ArrayList<>();
      private final List<String> fieldNames = new ArrayList<>();
      private final List<Byte> fieldKinds = new ArrayList<>();

      private Builder(String measurement) {
        this.measurement = Objects.requireNonNull(measurement, "measurement");
      }

      /** Adds tags. */
      public Builder tags(String... names) {
        tagNames.addAll(List.of(names));
        return this;
      }

      /** Adds integer fields. */
      public Builder longFields(String... names) {
        return fields(LONG, names);
      }

      /** Adds float fields. */
      public Builder doubleFields(String... names) {
        return fields(DOUBLE, names);
      }

      /** Adds boolean fields. */
      public Builder booleanFields(String... names) {
        return fields(BOOLEAN, names);
      }

      /** Adds string fields. */
      public Builder stringFields(String... names) {
        return fields(STRING, names);
      }

      private Builder fields(byte kind, String... names) {
        for (String name : names) {
          fieldNames.add(Objects.requireNonNull(name, "name"));
          fieldKinds.add(kind);
        }
        return this;
      }

      /**
       * The layout.
       *
       * @throws IllegalArgumentException if it has no field, more than 64, or a name twice
       */
      public Layout build() {
        if (fieldNames.isEmpty() || fieldNames.size() > Long.SIZE) {
          throw new IllegalArgumentException(
              measurement + ": a layout has 1 to 64 fields, not " + fieldNames.size());
        }
        requireDistinct("tag", tagNames);
        requireDistinct("field", fieldNames);
        byte[] kinds = new byte[fieldKinds.size()];
        for (int i = 0; i < kinds.length; i++) {
          kinds[i] = fieldKinds.get(i);
        }
        return new Layout(
            measurement, tagNames.toArray(String[]::new), fieldNames.toArray(String[]::new), kinds);
      }

      private void requireDistinct(String what, List<String> names) {
        if (Set.copyOf(names).size() != names.size()) {
          throw new IllegalArgumentException(measurement + ": a " + what + " name twice: " + names);
        }
      }
    }
  }

  /**
   * The values of one point of a {@link Layout}, given in the layout's order: each tag with {@link
   * #tag} (or {@link #tags} for several), then each field with {@code field}. A {@code null} tag
   * and a NaN or infinite float are left out, as is a field given with {@link #skip}.
   */
  public static final class Values {

    private final Layout layout;
    private final long epochMs;
    private final String[] tagValues;
    private final long[] fieldBits;
    private final String[] fieldStrings;
    private long missing;
    private int tags;
    private int fields;

    private Values(Layout layout, long epochMs) {
      this.layout = layout;
      this.epochMs = epochMs;
      this.tagValues = new String[layout.tagNames.length];
      this.fieldBits = new long[layout.fieldNames.length];
      this.fieldStrings = layout.hasStrings ? new String[layout.fieldNames.length] : null;
    }

    /**
     * The next tag's value, or {@code null} to leave it out.
     *
     * @throws IllegalArgumentException if {@code value} is empty
     */
    public Values tag(String value) {
      if (value != null) {
        requireTagValue(layout.measurement, value);
      }
      tagValues[tags++] = value;
      return this;
    }

    /**
     * The values of the next {@code values.length} tags, none of them empty: for tags that many
     * points share, such as a station's.
     */
    public Values tags(String[] values) {
      for (String value : values) {
        requireTagValue(layout.measurement, value);
      }
      System.arraycopy(values, 0, tagValues, tags, values.length);
      tags += values.length;
      return this;
    }

    /** The next field, an integer. */
    public Values field(long value) {
      fieldBits[next(LONG)] = value;
      return this;
    }

    /** The next field, a float; left out if it is NaN (undefined) or infinite. */
    public Values field(double value) {
      int field = next(DOUBLE);
      if (Double.isFinite(value)) {
        fieldBits[field] = Double.doubleToRawLongBits(value);
      } else {
        missing |= 1L << field;
      }
      return this;
    }

    /** The next field, a boolean. */
    public Values field(boolean value) {
      fieldBits[next(BOOLEAN)] = value ? 1 : 0;
      return this;
    }

    /** The next field, a string. */
    public Values field(String value) {
      fieldStrings[next(STRING)] = Objects.requireNonNull(value, layout.fieldNames[fields - 1]);
      return this;
    }

    /** Leaves the next field out. */
    public Values skip() {
      missing |= 1L << fields++;
      return this;
    }

    private int next(byte kind) {
      if (layout.fieldKinds[fields] != kind) {
        throw new IllegalArgumentException(
            layout.measurement + ": field '" + layout.fieldNames[fields] + "' has another type");
      }
      return fields++;
    }

    /**
     * The point. The values must not be used after this: the point takes their arrays.
     *
     * @throws IllegalArgumentException if a tag or field was not given, or all fields were left out
     */
    public Point build() {
      if (tags != tagValues.length || fields != fieldBits.length) {
        throw new IllegalArgumentException(
            layout.measurement
                + ": "
                + tags
                + " of "
                + tagValues.length
                + " tags and "
                + fields
                + " of "
                + fieldBits.length
                + " fields given");
      }
      if (Long.bitCount(missing) == fieldBits.length) {
        throw new IllegalArgumentException(
            layout.measurement + ": a point needs at least one field");
      }
      return new Point(
          layout,
          Math.floorDiv(epochMs, 1000),
          (int) Math.floorMod(epochMs, 1000) * 1_000_000,
          tagValues,
          fieldBits,
          fieldStrings,
          missing);
    }
  }

  /**
   * Builds a {@link Point} by tag and field names, with a layout of its own; a tag with a {@code
   * null} value and a NaN or infinite field are left out. For points of a fixed shape made often, a
   * shared {@link Layout} is cheaper.
   */
  public static final class Builder {

    private final String measurement;
    private final Instant time;
    private final List<String> tagNames = new ArrayList<>();
    private final List<String> tagValues = new ArrayList<>();
    private final List<String> fieldNames = new ArrayList<>();
    private final List<Object> fieldValues = new ArrayList<>();

    private Builder(String measurement, Instant time) {
      this.measurement = Objects.requireNonNull(measurement, "measurement");
      this.time = Objects.requireNonNull(time, "time");
    }

    /**
     * Adds a tag, unless {@code value} is {@code null}.
     *
     * @throws IllegalArgumentException if {@code value} is empty or the tag was added before
     */
    public Builder tag(String name, String value) {
      if (value != null) {
        requireTagValue(measurement, value);
        requireNew("tag", tagNames, name);
        tagNames.add(name);
        tagValues.add(value);
      }
      return this;
    }

    /** Adds the tags of {@code other} in their order. */
    public Builder tags(Map<String, String> other) {
      other.forEach(this::tag);
      return this;
    }

    /** Adds an integer field. */
    public Builder field(String name, long value) {
      return put(name, value);
    }

    /** Adds a float field, unless it is NaN (undefined) or infinite: InfluxDB has neither. */
    public Builder field(String name, double value) {
      return Double.isFinite(value) ? put(name, value) : this;
    }

    /** Adds a boolean field. */
    public Builder field(String name, boolean value) {
      return put(name, value);
    }

    /** Adds a string field. */
    public Builder field(String name, String value) {
      return put(name, Objects.requireNonNull(value, name));
    }

    private Builder put(String name, Object value) {
      requireNew("field", fieldNames, name);
      fieldNames.add(name);
      fieldValues.add(value);
      return this;
    }

    private void requireNew(String what, List<String> names, String name) {
      if (names.contains(Objects.requireNonNull(name, "name"))) {
        throw new IllegalArgumentException(measurement + ": " + what + " '" + name + "' twice");
      }
    }

    /**
     * The point.
     *
     * @throws IllegalArgumentException if it has no field
     */
    public Point build() {
      if (fieldNames.isEmpty()) {
        throw new IllegalArgumentException(measurement + ": a point needs at least one field");
      }
      return new Point(this);
    }

    private Layout layout() {
      byte[] kinds = new byte[fieldValues.size()];
      for (int i = 0; i < kinds.length; i++) {
        Object value = fieldValues.get(i);
        kinds[i] =
            value instanceof Long
                ? LONG
                : value instanceof Double ? DOUBLE : value instanceof Boolean ? BOOLEAN : STRING;
      }
      return new Layout(
          measurement, tagNames.toArray(String[]::new), fieldNames.toArray(String[]::new), kinds);
    }

    private long[] bits() {
      long[] bits = new long[fieldValues.size()];
      for (int i = 0; i < bits.length; i++) {
        Object value = fieldValues.get(i);
        if (value instanceof Long number) {
          bits[i] = number;
        } else if (value instanceof Double number) {
          bits[i] = Double.doubleToRawLongBits(number);
        } else if (value instanceof Boolean flag) {
          bits[i] = flag ? 1 : 0;
        }
      }
      return bits;
    }

    private String[] strings() {
      String[] strings = new String[fieldValues.size()];
      boolean any = false;
      for (int i = 0; i < strings.length; i++) {
        if (fieldValues.get(i) instanceof String text) {
          strings[i] = text;
          any = true;
        }
      }
      return any ? strings : null;
    }
  }
}
