package io.gemba.collector.point;

import java.time.Instant;
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
 * Double}, a {@link Boolean} or a {@link String}.
 */
public final class Point {

  private final String measurement;
  private final Map<String, String> tags;
  private final Map<String, Object> fields;
  private final Instant time;

  /**
   * Builds a point; the maps are copied, keeping their order.
   *
   * @throws IllegalArgumentException if a tag value is empty, there is no field, or a field value
   *     is of another type or not finite
   */
  public Point(
      String measurement, Map<String, String> tags, Map<String, Object> fields, Instant time) {
    this(measurement, new LinkedHashMap<>(tags), new LinkedHashMap<>(fields), time, true);
  }

  /** Takes the maps as they are: the builder's, which nobody else holds. */
  private Point(
      String measurement,
      LinkedHashMap<String, String> tags,
      LinkedHashMap<String, Object> fields,
      Instant time,
      boolean check) {
    this.measurement = Objects.requireNonNull(measurement, "measurement");
    this.time = Objects.requireNonNull(time, "time");
    this.tags = Collections.unmodifiableMap(tags);
    this.fields = Collections.unmodifiableMap(fields);
    if (check) {
      check(measurement, tags, fields);
    }
  }

  private static void check(
      String measurement, Map<String, String> tags, Map<String, Object> fields) {
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (tag.getValue() == null || tag.getValue().isEmpty()) {
        throw new IllegalArgumentException(
            measurement + ": tag '" + tag.getKey() + "' must have a value");
      }
    }
    if (fields.isEmpty()) {
      throw new IllegalArgumentException(measurement + ": a point needs at least one field");
    }
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      Object value = field.getValue();
      boolean valid =
          value instanceof Long
              || value instanceof Boolean
              || value instanceof String
              || (value instanceof Double && Double.isFinite((Double) value));
      if (!valid) {
        throw new IllegalArgumentException(
            measurement + ": field '" + field.getKey() + "' has an unsupported value: " + value);
      }
    }
  }

  /** The measurement, as in {@code oee}. */
  public String measurement() {
    return measurement;
  }

  /** Tag names to values, in the order they were added. */
  public Map<String, String> tags() {
    return tags;
  }

  /** Field names to values. */
  public Map<String, Object> fields() {
    return fields;
  }

  /** The timestamp. */
  public Instant time() {
    return time;
  }

  /** Whether {@code other} has the same measurement, tags and time: the same point in InfluxDB. */
  public boolean samePointAs(Point other) {
    return time.equals(other.time)
        && measurement.equals(other.measurement)
        && tags.equals(other.tags);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Point other && samePointAs(other) && fields.equals(other.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(measurement, tags, fields, time);
  }

  @Override
  public String toString() {
    return "Point[measurement="
        + measurement
        + ", tags="
        + tags
        + ", fields="
        + fields
        + ", time="
        + time
        + "]";
  }

  /** A builder for a point of {@code measurement} at {@code time}. */
  public static Builder builder(String measurement, Instant time) {
    return new Builder(measurement, time);
  }

  /**
   * The series this point belongs to: the measurement and its tags sorted by name, as in {@code
   * oee,line=L1,site=S}. Points of one series and time overwrite each other.
   */
  public String series() {
    StringBuilder key = new StringBuilder(measurement);
    tags.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(tag -> key.append(',').append(tag.getKey()).append('=').append(tag.getValue()));
    return key.toString();
  }

  /** Builds a {@link Point}; a tag with a {@code null} value and a NaN field are left out. */
  public static final class Builder {

    private final String measurement;
    private final Instant time;
    private final LinkedHashMap<String, String> tags = new LinkedHashMap<>();
    private final LinkedHashMap<String, Object> fields = new LinkedHashMap<>();

    private Builder(String measurement, Instant time) {
      this.measurement = measurement;
      this.time = time;
    }

    /**
     * Adds a tag, unless {@code value} is {@code null}.
     *
     * @throws IllegalArgumentException if {@code value} is empty
     */
    public Builder tag(String name, String value) {
      if (value != null) {
        if (value.isEmpty()) {
          throw new IllegalArgumentException(
              measurement + ": tag '" + name + "' must have a value");
        }
        tags.put(name, value);
      }
      return this;
    }

    /** Adds the tags of {@code other} in their order; their values must not be empty. */
    public Builder tags(Map<String, String> other) {
      tags.putAll(other);
      return this;
    }

    /** Adds an integer field. */
    public Builder field(String name, long value) {
      fields.put(name, value);
      return this;
    }

    /** Adds a float field, unless it is NaN (undefined) or infinite: InfluxDB has neither. */
    public Builder field(String name, double value) {
      if (Double.isFinite(value)) {
        fields.put(name, value);
      }
      return this;
    }

    /** Adds a boolean field. */
    public Builder field(String name, boolean value) {
      fields.put(name, value);
      return this;
    }

    /** Adds a string field. */
    public Builder field(String name, String value) {
      fields.put(name, Objects.requireNonNull(value, name));
      return this;
    }

    /**
     * The point. The builder checks tags and fields as they are added, so it is not checked again;
     * the builder must not be used after this.
     */
    public Point build() {
      if (fields.isEmpty()) {
        throw new IllegalArgumentException(measurement + ": a point needs at least one field");
      }
      return new Point(measurement, tags, fields, time, false);
    }
  }
}
