package io.gemba.collector.point;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One point of the InfluxDB schema: a measurement, its tags, its fields and a timestamp. Two points
 * with the same {@linkplain #series() series} and time are the same point in InfluxDB: the later
 * write overwrites the fields it carries, which is how the engine corrects a point.
 *
 * <p>Tag values are never empty; fields are at least one, each a {@link Long}, a finite {@link
 * Double}, a {@link Boolean} or a {@link String}. Tags and fields keep the order they were added
 * in, and two points are equal when they have the same measurement, time, tags and fields in the
 * same order. The engine makes about one point per event, so a point is a few arrays; its map views
 * are made on first use.
 */
public final class Point {

  private final String measurement;
  private final String[] tagNames;
  private final String[] tagValues;
  private final String[] fieldNames;
  private final Object[] fieldValues;
  private final Instant time;
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
    this(
        measurement,
        tags.keySet().toArray(String[]::new),
        tags.values().toArray(String[]::new),
        fields.keySet().toArray(String[]::new),
        fields.values().toArray(),
        time);
    for (String value : tagValues) {
      requireTagValue(measurement, value);
    }
    if (fieldNames.length == 0) {
      throw new IllegalArgumentException(measurement + ": a point needs at least one field");
    }
    for (int i = 0; i < fieldNames.length; i++) {
      requireFieldValue(measurement, fieldNames[i], fieldValues[i]);
    }
  }

  private Point(
      String measurement,
      String[] tagNames,
      String[] tagValues,
      String[] fieldNames,
      Object[] fieldValues,
      Instant time) {
    this.measurement = Objects.requireNonNull(measurement, "measurement");
    this.time = Objects.requireNonNull(time, "time");
    this.tagNames = tagNames;
    this.tagValues = tagValues;
    this.fieldNames = fieldNames;
    this.fieldValues = fieldValues;
  }

  private static void requireTagValue(String measurement, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(measurement + ": a tag must have a value");
    }
  }

  private static void requireFieldValue(String measurement, String name, Object value) {
    boolean valid =
        value instanceof Long
            || value instanceof Boolean
            || value instanceof String
            || (value instanceof Double && Double.isFinite((Double) value));
    if (!valid) {
      throw new IllegalArgumentException(
          measurement + ": field '" + name + "' has an unsupported value: " + value);
    }
  }

  /** A builder for a point of {@code measurement} at {@code time}. */
  public static Builder builder(String measurement, Instant time) {
    return new Builder(measurement, time, 8, 10);
  }

  /**
   * A builder sized for {@code tags} tags and {@code fields} fields: when the point has exactly
   * that many, it takes the builder's arrays without copying them.
   */
  public static Builder builder(String measurement, Instant time, int tags, int fields) {
    return new Builder(measurement, time, tags, fields);
  }

  /** The measurement, as in {@code oee}. */
  public String measurement() {
    return measurement;
  }

  /** Tag names to values, in the order they were added. */
  public Map<String, String> tags() {
    if (tagMap == null) {
      Map<String, String> map = new LinkedHashMap<>();
      for (int i = 0; i < tagNames.length; i++) {
        map.put(tagNames[i], tagValues[i]);
      }
      tagMap = Collections.unmodifiableMap(map);
    }
    return tagMap;
  }

  /** Field names to values, in the order they were added. */
  public Map<String, Object> fields() {
    if (fieldMap == null) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < fieldNames.length; i++) {
        map.put(fieldNames[i], fieldValues[i]);
      }
      fieldMap = Collections.unmodifiableMap(map);
    }
    return fieldMap;
  }

  /** The timestamp. */
  public Instant time() {
    return time;
  }

  /**
   * The series this point belongs to: the measurement and its tags sorted by name, as in {@code
   * oee,line=L1,site=S}. Points of one series and time overwrite each other.
   */
  public String series() {
    StringBuilder key = new StringBuilder(measurement);
    tags().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(tag -> key.append(',').append(tag.getKey()).append('=').append(tag.getValue()));
    return key.toString();
  }

  /** Whether {@code other} has the same measurement, tags and time: the same point in InfluxDB. */
  public boolean samePointAs(Point other) {
    return time.equals(other.time)
        && measurement.equals(other.measurement)
        && Arrays.equals(tagValues, other.tagValues)
        && Arrays.equals(tagNames, other.tagNames);
  }

  /** Whether {@code other} has the same fields, in the same order. */
  public boolean sameFieldsAs(Point other) {
    return Arrays.equals(fieldNames, other.fieldNames)
        && Arrays.equals(fieldValues, other.fieldValues);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Point other && samePointAs(other) && sameFieldsAs(other);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        measurement,
        time,
        Arrays.hashCode(tagNames),
        Arrays.hashCode(tagValues),
        Arrays.hashCode(fieldNames),
        Arrays.hashCode(fieldValues));
  }

  @Override
  public String toString() {
    return "Point[measurement="
        + measurement
        + ", tags="
        + tags()
        + ", fields="
        + fields()
        + ", time="
        + time
        + "]";
  }

  /**
   * Builds a {@link Point}; a tag with a {@code null} value and a NaN or infinite field are left
   * out. Each tag and field name is added once (the builder does not look for repeats: it is on the
   * engine's hot path).
   */
  public static final class Builder {

    private final String measurement;
    private final Instant time;
    private String[] tagNames;
    private String[] tagValues;
    private int tags;
    private String[] fieldNames;
    private Object[] fieldValues;
    private int fields;

    private Builder(String measurement, Instant time, int tagCapacity, int fieldCapacity) {
      this.measurement = measurement;
      this.time = time;
      this.tagNames = new String[Math.max(1, tagCapacity)];
      this.tagValues = new String[tagNames.length];
      this.fieldNames = new String[Math.max(1, fieldCapacity)];
      this.fieldValues = new Object[fieldNames.length];
    }

    /**
     * Adds a tag, unless {@code value} is {@code null}.
     *
     * @throws IllegalArgumentException if {@code value} is empty
     */
    public Builder tag(String name, String value) {
      if (value != null) {
        requireTagValue(measurement, value);
        if (tags == tagNames.length) {
          tagNames = Arrays.copyOf(tagNames, tags * 2);
          tagValues = Arrays.copyOf(tagValues, tags * 2);
        }
        tagNames[tags] = name;
        tagValues[tags++] = value;
      }
      return this;
    }

    /**
     * Adds tags from two arrays of the same length, names and their values, in their order; the
     * values must not be empty. For tags that many points share, such as a station's.
     */
    public Builder tags(String[] names, String[] values) {
      if (names.length != values.length) {
        throw new IllegalArgumentException("tag names and values differ in number");
      }
      if (tags + names.length > tagNames.length) {
        tagNames = Arrays.copyOf(tagNames, tags + names.length + 4);
        tagValues = Arrays.copyOf(tagValues, tags + names.length + 4);
      }
      for (int i = 0; i < names.length; i++) {
        requireTagValue(measurement, values[i]);
        tagNames[tags] = names[i];
        tagValues[tags++] = values[i];
      }
      return this;
    }

    /** Adds the tags of {@code other} in their order. */
    public Builder tags(Map<String, String> other) {
      for (Map.Entry<String, String> tag : other.entrySet()) {
        tag(tag.getKey(), tag.getValue());
      }
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
      if (fields == fieldNames.length) {
        fieldNames = Arrays.copyOf(fieldNames, fields * 2);
        fieldValues = Arrays.copyOf(fieldValues, fields * 2);
      }
      fieldNames[fields] = name;
      fieldValues[fields++] = value;
      return this;
    }

    /**
     * The point. The builder must not be used after this: the point may take its arrays.
     *
     * @throws IllegalArgumentException if it has no field
     */
    public Point build() {
      if (fields == 0) {
        throw new IllegalArgumentException(measurement + ": a point needs at least one field");
      }
      return new Point(
          measurement,
          tags == tagNames.length ? tagNames : Arrays.copyOf(tagNames, tags),
          tags == tagValues.length ? tagValues : Arrays.copyOf(tagValues, tags),
          fields == fieldNames.length ? fieldNames : Arrays.copyOf(fieldNames, fields),
          fields == fieldValues.length ? fieldValues : Arrays.copyOf(fieldValues, fields),
          time);
    }
  }
}
