package io.gemba.collector.telemetry;

import java.util.Objects;

/**
 * A telemetry topic, {@code gemba/v1/{site}/{area}/{line}/{station}/{channel}}.
 *
 * <p>Each of site, area, line and station is 1 to 64 characters of {@code [A-Za-z0-9_-]}: they
 * become InfluxDB tags and Prometheus labels, so anything else is rejected rather than escaped.
 * Station {@value #WHOLE} means the whole line; line and station both {@value #WHOLE} mean the
 * whole area.
 *
 * <p>Immutable; two topics are equal when all five parts are. The engine looks a topic up for every
 * event, so it keeps its hash, whether it is about a whole line or area, and the dense index that
 * the decoder that made it gave it ({@link #index()}, not part of its value).
 */
public final class Topic {

  /** The topic prefix of version 1 of the contract. */
  public static final String PREFIX = "gemba/v1/";

  /** The station (or line) name that stands for "all of it". */
  public static final String WHOLE = "_";

  /** The longest site, area, line or station name. */
  public static final int MAX_NAME_LENGTH = 64;

  private final String site;
  private final String area;
  private final String line;
  private final String station;
  private final Channel channel;
  private final boolean wholeLine;
  private final boolean wholeArea;
  private final int hash;
  private final int index;

  /**
   * Builds a topic from its parts.
   *
   * @param site the plant
   * @param area the area of the plant (body, paint, battery assembly, ...)
   * @param line the line, or {@value #WHOLE} for the whole area
   * @param station the station, or {@value #WHOLE} for the whole line
   * @param channel the kind of message
   * @throws IllegalArgumentException if a name breaks the contract
   */
  public Topic(String site, String area, String line, String station, Channel channel) {
    this(site, area, line, station, channel, NO_INDEX);
  }

  /** What {@link #index()} is for a topic that no decoder made. */
  public static final int NO_INDEX = -1;

  /** A topic made by a decoder, which numbers the topics it makes from 0 on. */
  Topic(String site, String area, String line, String station, Channel channel, int index) {
    Objects.requireNonNull(channel, "channel");
    requireName("site", site);
    requireName("area", area);
    requireName("line", line);
    requireName("station", station);
    if (WHOLE.equals(line) && !WHOLE.equals(station)) {
      throw new IllegalArgumentException("an area-level topic (line '_') must have station '_'");
    }
    if (channel.needsStation() && WHOLE.equals(station)) {
      throw new IllegalArgumentException(
          "channel " + channel.wireName() + " needs a station, not '_'");
    }
    this.site = site;
    this.area = area;
    this.line = line;
    this.station = station;
    this.channel = channel;
    this.wholeLine = WHOLE.equals(station);
    this.wholeArea = WHOLE.equals(line);
    this.hash = Objects.hash(site, area, line, station, channel.wireName());
    this.index = index;
  }

  /**
   * The number the decoder that made this topic gave it, dense from 0 on among the topics it made,
   * or {@link #NO_INDEX}: the engine keeps its stations in an array by it. Two decoders number
   * their topics alike, so it names a topic only together with the topic object itself; not part of
   * the topic's value (not in {@code equals}, {@code hashCode} or {@code toString}).
   */
  public int index() {
    return index;
  }

  /** The plant. */
  public String site() {
    return site;
  }

  /** The area of the plant (body, paint, battery assembly, ...). */
  public String area() {
    return area;
  }

  /** The line, or {@value #WHOLE} for the whole area. */
  public String line() {
    return line;
  }

  /** The station, or {@value #WHOLE} for the whole line. */
  public String station() {
    return station;
  }

  /** The kind of message. */
  public Channel channel() {
    return channel;
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || (o instanceof Topic other
            && hash == other.hash
            && channel == other.channel
            && station.equals(other.station)
            && line.equals(other.line)
            && area.equals(other.area)
            && site.equals(other.site));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Whether the message is about a whole line (station {@code _}) or a whole area. */
  public boolean isWholeLine() {
    return wholeLine;
  }

  /** Whether the message is about a whole area (line and station {@code _}). */
  public boolean isWholeArea() {
    return wholeArea;
  }

  /** The MQTT topic string. */
  @Override
  public String toString() {
    return PREFIX + site + '/' + area + '/' + line + '/' + station + '/' + channel.wireName();
  }

  /** Whether {@code name} is a valid site, area, line or station name. */
  public static boolean isValidName(CharSequence name) {
    int length = name.length();
    if (length == 0 || length > MAX_NAME_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static void requireName(String level, String name) {
    Objects.requireNonNull(name, level);
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          level + " must be 1 to 64 characters of [A-Za-z0-9_-]: '" + Text.abbreviate(name) + "'");
    }
  }
}
