package io.gemba.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.domain.WritePrecision;
import io.gemba.collector.point.Point;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineProtocolTest {

  private static final Instant T = Instant.parse("2026-11-26T01:00:00.250Z");

  @Test
  void of_writesTagsAndFieldsInNameOrder_escaped_inMilliseconds() {
    Point point =
        Point.builder("oee", T)
            .tag("site", "lahore")
            .tag("line", "pack 1,a=b")
            .field("total", 7L)
            .field("availability", 0.5)
            .field("planned_s", 60.0)
            .field("ok", true)
            .field("note", "say \"hi\" \\ bye")
            .build();

    // 2026-01-01T00:00Z is 1,767,225,600 s after the epoch; 2026-11-26 is 329 days later:
    // 1,767,225,600 + 329 × 86,400 + 3,600 (01:00) = 1,795,654,800 s, and 250 ms.
    assertThat(new LineProtocol().of(point))
        .isEqualTo(
            "oee,line=pack\\ 1\\,a\\=b,site=lahore"
                + " availability=0.5,note=\"say \\\"hi\\\" \\\\ bye\",ok=true,planned_s=60.0,total=7i"
                + " 1795654800250");
  }

  @Test
  void of_writesFloatsInPlainDecimals() {
    LineProtocol protocol = new LineProtocol();

    assertThat(floatText(protocol, 1.0E7)).isEqualTo("10000000.0");
    assertThat(floatText(protocol, 1.5E-5)).isEqualTo("0.000015");
    assertThat(floatText(protocol, 12345678.9)).isEqualTo("12345678.9");
    assertThat(floatText(protocol, 1.0E20)).isEqualTo("100000000000000000000.0");
    assertThat(floatText(protocol, -0.25)).isEqualTo("-0.25");
    assertThat(floatText(protocol, 60)).isEqualTo("60.0");
  }

  private static String floatText(LineProtocol protocol, double value) {
    String line = protocol.of(Point.builder("m", T).field("v", value).build());
    return line.substring("m v=".length(), line.lastIndexOf(' '));
  }

  /** influxdb-client-java's own formatting is the reference, on points of every kind. */
  @Test
  void of_writesWhatInfluxdbClientJavaWrites_forRandomPoints() {
    Random random = new Random(20261126);
    LineProtocol protocol = new LineProtocol();
    for (int i = 0; i < 20_000; i++) {
      Point point = randomPoint(random);
      String reference =
          com.influxdb.client.write.Point.measurement(point.measurement())
              .addTags(point.tags())
              .addFields(point.fields())
              .time(point.time(), WritePrecision.MS)
              .toLineProtocol();

      assertThat(protocol.of(point)).as("point %s", point).isEqualTo(reference);
    }
  }

  private static final List<String> NAMES =
      List.of("site", "line", "a b", "c,d", "e=f", "g\nh", "i\tj", "k\rl", "ñ", "oee_ratio", "Z");

  private static final double[] FLOATS = {
    0.0,
    -0.0,
    1.0,
    -1.5,
    0.1 + 0.2,
    2.0 / 3,
    1e-3,
    9.99e-4,
    1e-5,
    1e7,
    1.0e7 + 0.5,
    123456789.123,
    1e15,
    1e15 + 1,
    1e16,
    1e20,
    1e300,
    -1e-300,
    Double.MIN_VALUE,
    Double.MAX_VALUE,
    4.35,
    100.0
  };

  private static Point randomPoint(Random random) {
    Point.Builder builder =
        Point.builder(
            pick(random, NAMES) + (random.nextBoolean() ? "" : " m,x=y"),
            Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)));
    for (String name : NAMES) {
      if (random.nextInt(4) == 0) {
        builder.tag(name, pick(random, NAMES) + random.nextInt(100));
      }
    }
    int fields = 1 + random.nextInt(5);
    List<String> shuffled = new java.util.ArrayList<>(NAMES);
    java.util.Collections.shuffle(shuffled, random);
    for (String name : shuffled.subList(0, fields)) {
      switch (random.nextInt(4)) {
        case 0 -> builder.field(name, randomLong(random));
        case 1 -> builder.field(name, randomDouble(random));
        case 2 -> builder.field(name, random.nextBoolean());
        default -> builder.field(name, pick(random, NAMES) + " \"q\" \\ " + random.nextInt());
      }
    }
    return builder.build();
  }

  private static long randomLong(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> random.nextInt(10_000);
      case 1 -> random.nextLong();
      default -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
    };
  }

  private static double randomDouble(Random random) {
    double value;
    switch (random.nextInt(4)) {
      case 0 -> value = FLOATS[random.nextInt(FLOATS.length)];
      case 1 -> value = random.nextDouble() * Math.pow(10, random.nextInt(-12, 22));
      case 2 -> value = -random.nextInt(1_000_000) / 1000.0;
      default -> {
        do {
          value = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(value));
      }
    }
    return value;
  }

  private static String pick(Random random, List<String> names) {
    return names.get(random.nextInt(names.size()));
  }
}
