package io.gemba.collector.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.proptest.Chars;
import io.gemba.collector.proptest.Draw;
import io.gemba.collector.proptest.Property;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/**
 * The quick reader of the usual RFC 3339 shape agrees with the strict formatter: same instant when
 * it reads a string, and it never accepts a string the formatter rejects.
 */
class EventTimeTest {

  @Test
  void usualShape_readsTheSameInstantAsFormatter() {
    Property.forAll(
        3000,
        EventTimeTest::rfc3339,
        text -> {
          Instant strict = EventTime.RFC_3339.parse(text, OffsetDateTime::from).toInstant();

          assertThat(EventTime.parseUsualShape(text)).as(text).isEqualTo(strict);
        });
  }

  /** A timestamp with one character replaced. */
  record Mutation(String text, int position, char replacement) {}

  @Test
  void mutatedTimestamp_quickReaderNeverAcceptsWhatFormatterRejects() {
    Property.forAll(
        3000,
        d -> new Mutation(rfc3339(d), d.intBetween(0, 40), timestampChar(d)),
        m -> {
          char[] chars = m.text().toCharArray();
          chars[m.position() % chars.length] = m.replacement();

          assertAgrees(new String(chars));
        });
  }

  private static void assertAgrees(String text) {
    Instant quick = EventTime.parseUsualShape(text);
    Instant strict;
    try {
      strict = EventTime.RFC_3339.parse(text, OffsetDateTime::from).toInstant();
    } catch (DateTimeParseException e) {
      strict = null;
    }
    if (quick != null) {
      assertThat(quick).as(text).isEqualTo(strict);
    }
  }

  /**
   * An RFC 3339 timestamp from 0000-01-02 to 9999-12-31, with or without a fraction of 1 to 9
   * digits, {@code T} or {@code t}, and {@code Z}, {@code z} or an offset up to 18 hours.
   */
  private static String rfc3339(Draw d) {
    long seconds =
        d.longBetween(
            Instant.parse("0000-01-01T00:00:00Z").getEpochSecond() + 86_400,
            Instant.parse("9999-12-31T00:00:00Z").getEpochSecond());
    int offsetMinutes = d.intBetween(-18 * 60, 18 * 60);
    String fractionText = d.bool() ? "" : "." + d.string(1, 9, Chars.digits());
    String separator = d.pick("T", "t");
    String zone = d.pick("Z", "z", "offset");

    ZoneOffset offset =
        zone.equals("offset") ? ZoneOffset.ofTotalSeconds(offsetMinutes * 60) : ZoneOffset.UTC;
    OffsetDateTime time = OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds), offset);
    String local =
        String.format(
            "%04d-%02d-%02d%s%02d:%02d:%02d%s",
            time.getYear(),
            time.getMonthValue(),
            time.getDayOfMonth(),
            separator,
            time.getHour(),
            time.getMinute(),
            time.getSecond(),
            fractionText);
    String zoneText =
        zone.equals("offset")
            ? String.format(
                "%s%02d:%02d",
                offsetMinutes < 0 ? "-" : "+",
                Math.abs(offsetMinutes) / 60,
                Math.abs(offsetMinutes) % 60)
            : zone;
    return local + zoneText;
  }

  private static char timestampChar(Draw d) {
    return d.pick('0', '1', '2', '3', '5', '9', '-', ':', '+', 'T', 'Z', '.', ' ', 'x');
  }
}
