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
 * @param measurement the measurement, as in {@code oee}
 * @param tags tag names to values, none empty, in the order they were added
 * @param fields field names to values, at least one: {@link Long}, finite {@link Double}, {@link
 *     Boolean} or {@link String}
 * @param time the point's timestamp
 */
public record Point(
    String measurement, Map<String, String> tags, Map<String, Object> fields, Instant time) {

  /**
   * Builds a point; the maps are copied, keeping their order.
   *
   * @throws IllegalArgumentException if a tag value is empty, there is no field, or a field value
   *     is of another type or not finite
   */
  public Point {
    Objects.requireNonNull(measurement, "measurement");
    Objects.requireNonNull(time, "time");
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
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
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder(String measurement, Instant time) {
      this.measurement = measurement;
      this.time = time;
    }

    /** Adds a tag, unless {@code value} is {@code null}. */
    public Builder tag(String name, String value) {
      if (value != null) {
        tags.put(name, value);
      }
      return this;
    }

    /** Adds the tags of {@code other} in their order. */
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

    /** The point. */
    public Point build() {
      return new Point(measurement, tags, fields, time);
    }
  }
}
