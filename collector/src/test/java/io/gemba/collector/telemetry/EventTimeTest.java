package io.gemba.collector.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The quick reader of the usual RFC 3339 shape agrees with the strict formatter: same instant when
 * it reads a string, and it never accepts a string the formatter rejects.
 */
class EventTimeTest {

  @Property(tries = 3000)
  void usualShape_readsTheSameInstantAsFormatter(@ForAll("rfc3339") String text) {
    Instant strict = EventTime.RFC_3339.parse(text, OffsetDateTime::from).toInstant();

    assertThat(EventTime.parseUsualShape(text)).as(text).isEqualTo(strict);
  }

  @Property(tries = 3000)
  void mutatedTimestamp_quickReaderNeverAcceptsWhatFormatterRejects(
      @ForAll("rfc3339") String text,
      @ForAll @IntRange(min = 0, max = 40) int position,
      @ForAll("timestampChars") char replacement) {
    char[] chars = text.toCharArray();
    chars[position % chars.length] = replacement;

    assertAgrees(new String(chars));
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

  @Provide
  Arbitrary<String> rfc3339() {
    Arbitrary<String> fraction =
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9).map(f -> "." + f);
    return Combinators.combine(
            Arbitraries.longs()
                .between(
                    Instant.parse("0000-01-01T00:00:00Z").getEpochSecond() + 86_400,
                    Instant.parse("9999-12-31T00:00:00Z").getEpochSecond()),
            Arbitraries.integers().between(-18 * 60, 18 * 60),
            Arbitraries.oneOf(Arbitraries.just(""), fraction),
            Arbitraries.of("T", "t"),
            Arbitraries.of("Z", "z", "offset"))
        .as(
            (seconds, offsetMinutes, fractionText, separator, zone) -> {
              ZoneOffset offset =
                  zone.equals("offset")
                      ? ZoneOffset.ofTotalSeconds(offsetMinutes * 60)
                      : ZoneOffset.UTC;
              OffsetDateTime time =
                  OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds), offset);
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
            });
  }

  @Provide
  Arbitrary<Character> timestampChars() {
    return Arbitraries.of('0', '1', '2', '3', '5', '9', '-', ':', '+', 'T', 'Z', '.', ' ', 'x');
  }
}
