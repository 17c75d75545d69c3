package io.gemba.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.agent.testkit.SpoolDamage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLettersTest {

  private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");

  /** The forms the agent writes: escaped tag values, quoted strings with spaces, ints, floats. */
  private static final List<String> LINES =
      List.of(
          "machine_state,area=battery,line=pack-1,reason=JAM\\ 12,site=tlx,state=DOWN,station=st10"
              + " code=3i,duration_s=12.5 1795654800250",
          "kaizen,area=battery,category=quality,line=pack-1,site=tlx,station=_,status=IMPLEMENTED"
              + " count=1i,title=\"fixture for the busbar weld\" 1795654800000",
          "oee,line=pack-1,policy=tpm,shift=2026-11-26/A,site=tlx,station=_,window=1m"
              + " oee=0.734,planned_s=60.0 1795654860000");

  @TempDir Path dir;

  @Test
  void damagedRun_itsPointLinesAreReadOut_underAComment() throws IOException {
    Path segment = segmentOf(SpoolRecords.RUN, SpoolRecords.run(List.of(message()), LINES));
    DeadLetters letters = new DeadLetters(dir, Clock.fixed(NOW, ZoneOffset.UTC));

    int kept = letters.damaged(damageOfWhole(segment));

    assertThat(kept).isEqualTo(3);
    List<String> file = Files.readAllLines(dir.resolve(DeadLetters.NAME));
    assertThat(file.get(0))
        .isEqualTo(
            "# 2026-11-26T06:00:00Z damaged spool bytes: "
                + Files.size(segment)
                + " at position 0 of 00000000000000000000.log (test); below, the point lines"
                + " that could be read out of them");
    assertThat(file.subList(1, file.size())).isEqualTo(LINES);
  }

  @Test
  void damagedTick_itsPointLinesAreReadOut() throws IOException {
    Path segment = segmentOf(SpoolRecords.TICK, SpoolRecords.tick(NOW, LINES));
    DeadLetters letters = new DeadLetters(dir, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(letters.damaged(damageOfWhole(segment))).isEqualTo(3);
    List<String> file = Files.readAllLines(dir.resolve(DeadLetters.NAME));
    assertThat(file.subList(1, file.size())).isEqualTo(LINES);
  }

  @Test
  void damagedTick_whoseInstantEndsInALetter_keepsItsFirstPointAsItWas() throws IOException {
    // 97 ns: the instant's last byte is 'a', which a reading as text would glue to the first
    // point ("amachine_state,..."); the record's own framing says where its points start.
    Path segment = segmentOf(SpoolRecords.TICK, SpoolRecords.tick(NOW.plusNanos(97), LINES));
    DeadLetters letters = new DeadLetters(dir, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(letters.damaged(damageOfWhole(segment))).isEqualTo(3);
    List<String> file = Files.readAllLines(dir.resolve(DeadLetters.NAME));
    assertThat(file.subList(1, file.size())).isEqualTo(LINES);
  }

  @Test
  void damagedFraming_theRunsAreReadAsText() throws IOException {
    Path segment;
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      log.append(SpoolRecords.RUN, SpoolRecords.run(List.of(message()), LINES.subList(0, 2)));
      log.append(SpoolRecords.RUN, SpoolRecords.run(List.of(message()), LINES.subList(2, 3)));
      log.commit();
      segment = dir.resolve("00000000000000000000.log");
    }
    // the first record's length made larger than the file: nothing of its framing can be trusted
    byte[] bytes = Files.readAllBytes(segment);
    bytes[0] = 0x7f;
    Files.write(segment, bytes);
    DeadLetters letters = new DeadLetters(dir, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(letters.damaged(damageOfWhole(segment))).isEqualTo(3);
    List<String> file = Files.readAllLines(dir.resolve(DeadLetters.NAME));
    assertThat(file.subList(1, file.size())).isEqualTo(LINES);
  }

  @Test
  void bytesWithoutPointLines_keepNone() throws IOException {
    byte[] noise = new byte[64 * 1024];
    new Random(7).nextBytes(noise);
    Path segment = dir.resolve("00000000000000000000.log");
    Files.write(segment, noise);
    DeadLetters letters = new DeadLetters(dir, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(letters.damaged(damageOfWhole(segment))).isZero();
    assertThat(Files.readAllLines(dir.resolve(DeadLetters.NAME), StandardCharsets.UTF_8))
        .hasSize(1);
  }

  @Test
  void aRefusedLine_isKeptWithTheServersAnswer() throws IOException {
    DeadLetters letters = new DeadLetters(dir, Clock.fixed(NOW, ZoneOffset.UTC));

    letters.refused(LINES.get(0), 400, "unable to parse:\nbad timestamp");

    assertThat(Files.readAllLines(dir.resolve(DeadLetters.NAME)))
        .containsExactly(
            "# 2026-11-26T06:00:00Z HTTP 400: unable to parse: bad timestamp", LINES.get(0));
  }

  /** A segment holding one record of {@code type} with {@code payload}, written by the log. */
  private Path segmentOf(byte type, byte[] payload) throws IOException {
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      log.append(type, payload);
      log.commit();
      try (SegmentLog.Reader reader = log.reader(0, SpoolDamage.FAILS)) {
        assertThat(reader.next().payload()).isEqualTo(payload);
      }
    }
    return dir.resolve("00000000000000000000.log");
  }

  private static SegmentLog.Damage damageOfWhole(Path segment) throws IOException {
    return new SegmentLog.Damage(segment, 0, 0, Files.size(segment), "test");
  }

  private static io.gemba.agent.ingest.Message message() {
    return new SpoolRecords.LoggedMessage(
        "gemba/v1/tlx/battery/pack-1/st10/state",
        "{\"ts\":\"2026-11-26T06:00:00Z\",\"seq\":1,\"state\":\"DOWN\",\"reason\":\"JAM 12\"}"
            .getBytes(StandardCharsets.UTF_8),
        NOW);
  }
}
