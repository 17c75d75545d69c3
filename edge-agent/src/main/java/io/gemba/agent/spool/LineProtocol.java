package io.gemba.agent.spool;

import io.gemba.collector.point.Point;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Points as lines of the InfluxDB line protocol, the form in which the spool keeps them and the
 * database takes them, timestamps in milliseconds: the text influxdb-client-java's {@code
 * Point.toLineProtocol} makes (tags and fields in name order, the same escapes, floats in plain
 * decimals with at least one decimal), written straight from the collector's point without the
 * client's maps and big numbers, which cost more than the rest of a message's handling. The tests
 * hold the two to the same text.
 *
 * <p>One instance reuses its buffer: use it on one thread at a time.
 */
public final class LineProtocol implements Point.Visitor {

  private final StringBuilder line = new StringBuilder(256);
  private boolean inFields;

  /** {@code points} as lines, in order. */
  public static List<String> lines(List<Point> points) {
    List<String> lines = new ArrayList<>(points.size());
    LineProtocol protocol = new LineProtocol();
    for (Point point : points) {
      lines.add(protocol.of(point));
    }
    return lines;
  }

  /** {@code point} as one line, without the line break. */
  public String of(Point point) {
    line.setLength(0);
    escapeKey(point.measurement(), false);
    inFields = false;
    point.accept(this);
    line.append(' ').append(point.epochMilli());
    return line.toString();
  }

  @Override
  public void tag(String name, String value) {
    line.append(',');
    escapeKey(name, true);
    line.append('=');
    escapeKey(value, true);
  }

  @Override
  public void field(String name, long value) {
    fieldName(name);
    line.append(value).append('i');
  }

  @Override
  public void field(String name, double value) {
    fieldName(name);
    String text = Double.toString(value);
    if (text.indexOf('E') < 0) {
      line.append(text);
    } else {
      // as java.text.DecimalFormat("0.0##…") writes it: no exponent, at least one decimal
      String plain = new BigDecimal(text).stripTrailingZeros().toPlainString();
      line.append(plain);
      if (plain.indexOf('.') < 0) {
        line.append(".0");
      }
    }
  }

  @Override
  public void field(String name, boolean value) {
    fieldName(name);
    line.append(value);
  }

  @Override
  public void field(String name, String value) {
    fieldName(name);
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '"') {
        line.append('\\');
      }
      line.append(c);
    }
    line.append('"');
  }

  private void fieldName(String name) {
    line.append(inFields ? ',' : ' ');
    inFields = true;
    escapeKey(name, true);
    line.append('=');
  }

  /** A measurement, tag or field name, or a tag value: the protocol's separators escaped. */
  private void escapeKey(String key, boolean escapeEquals) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      switch (c) {
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        case ' ', ',' -> line.append('\\').append(c);
        case '=' -> {
          if (escapeEquals) {
            line.append('\\');
          }
          line.append(c);
        }
        default -> line.append(c);
      }
    }
  }
}
