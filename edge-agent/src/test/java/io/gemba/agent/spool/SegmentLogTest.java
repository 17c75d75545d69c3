package io.gemba.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gemba.agent.testkit.SpoolDamage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLogTest {

  private static final byte POINTS = 2;

  @TempDir Path dir;

  @Test
  void committedRecords_readBackInOrder_withTheirPositions() throws IOException {
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      // a record is 8 bytes of header, 1 of type, then the payload: "abc" takes 12 bytes
      assertThat(log.append(POINTS, bytes("abc"))).isEqualTo(0);
      assertThat(log.append((byte) 1, bytes("de"))).isEqualTo(12);
      assertThat(log.end()).isEqualTo(23);

      // not committed: not readable yet
      assertThat(read(log, 0)).isEmpty();
      log.commit();

      assertThat(read(log, 0)).containsExactly("0 2 abc", "12 1 de");
      assertThat(read(log, 12)).containsExactly("12 1 de");
      assertThat(log.durableEnd()).isEqualTo(23);
      assertThat(log.sizeBytes()).isEqualTo(23);
    }
  }

  @Test
  void segments_rollOver_namedByTheirFirstPosition_andReadAcross() throws IOException {
    // records of 8 + 1 + 11 = 20 bytes; a segment of 50 bytes holds two of them
    try (SegmentLog log = SegmentLog.open(dir, 50)) {
      for (int i = 0; i < 5; i++) {
        log.append(POINTS, bytes("record-" + (1000 + i)));
      }
      log.commit();

      assertThat(segmentNames())
          .containsExactly(
              "00000000000000000000.log", "00000000000000000040.log", "00000000000000000080.log");
      assertThat(read(log, 0))
          .containsExactly(
              "0 2 record-1000",
              "20 2 record-1001",
              "40 2 record-1002",
              "60 2 record-1003",
              "80 2 record-1004");
    }
  }

  @Test
  void reopened_keepsEveryRecord_andAppendsAfterThem() throws IOException {
    try (SegmentLog log = SegmentLog.open(dir, 50)) {
      for (int i = 0; i < 5; i++) {
        log.append(POINTS, bytes("record-" + (1000 + i)));
      }
    }
    try (SegmentLog log = SegmentLog.open(dir, 50)) {
      assertThat(log.recovery()).isEqualTo(new SegmentLog.Recovery(5, 0, 0));
      assertThat(log.end()).isEqualTo(100);
      log.append(POINTS, bytes("record-1005"));
      log.commit();

      assertThat(read(log, 80)).containsExactly("80 2 record-1004", "100 2 record-1005");
    }
  }

  @Test
  void tornTail_cutAtEveryByteOfTheLastRecord_isCutOff_andTheRestKept() throws IOException {
    // three records of 20 bytes in one segment: the last one is bytes 40 to 59
    for (int kept = 41; kept < 60; kept++) {
      Path logDir = Files.createDirectories(dir.resolve("cut-" + kept));
      try (SegmentLog log = SegmentLog.open(logDir, 1 << 20)) {
        for (int i = 0; i < 3; i++) {
          log.append(POINTS, bytes("record-" + (1000 + i)));
        }
      }
      Path segment = logDir.resolve("00000000000000000000.log");
      byte[] whole = Files.readAllBytes(segment);
      Files.write(segment, java.util.Arrays.copyOf(whole, kept));

      try (SegmentLog log = SegmentLog.open(logDir, 1 << 20)) {
        assertThat(log.recovery()).isEqualTo(new SegmentLog.Recovery(2, kept - 40, 0));
        assertThat(Files.size(segment)).isEqualTo(40);
        log.append(POINTS, bytes("record-2000"));
        log.commit();

        assertThat(read(log, 0))
            .containsExactly("0 2 record-1000", "20 2 record-1001", "40 2 record-2000");
      }
    }
  }

  @Test
  void aFlippedBitInAnyByteOfTheLastRecord_isDetected() throws IOException {
    for (int at = 40; at < 60; at++) {
      Path logDir = Files.createDirectories(dir.resolve("flip-" + at));
      try (SegmentLog log = SegmentLog.open(logDir, 1 << 20)) {
        for (int i = 0; i < 3; i++) {
          log.append(POINTS, bytes("record-" + (1000 + i)));
        }
      }
      Path segment = logDir.resolve("00000000000000000000.log");
      byte[] damaged = Files.readAllBytes(segment);
      damaged[at] ^= 0x10;
      Files.write(segment, damaged);

      try (SegmentLog log = SegmentLog.open(logDir, 1 << 20)) {
        assertThat(log.recovery())
            .as("bit flipped at byte %d", at)
            .isEqualTo(new SegmentLog.Recovery(2, 20, 0));
        assertThat(read(log, 0)).containsExactly("0 2 record-1000", "20 2 record-1001");
      }
    }
  }

  @Test
  void damageInAnEarlierSegment_skipsTheRestOfIt_andKeepsTheLaterSegments() throws IOException {
    try (SegmentLog log = SegmentLog.open(dir, 50)) {
      for (int i = 0; i < 6; i++) {
        log.append(POINTS, bytes("record-" + (1000 + i)));
      }
    }
    // segment 0 holds the records at 0 and 20; damage the checksum of the one at 20
    Path first = dir.resolve("00000000000000000000.log");
    byte[] damaged = Files.readAllBytes(first);
    damaged[20 + 5] ^= 0x01;
    Files.write(first, damaged);

    try (SegmentLog log = SegmentLog.open(dir, 50)) {
      assertThat(log.recovery()).isEqualTo(new SegmentLog.Recovery(5, 0, 20));
      List<SegmentLog.Damage> damage = new ArrayList<>();
      assertThat(read(log, 0, damage::add))
          .containsExactly(
              "0 2 record-1000",
              "40 2 record-1002",
              "60 2 record-1003",
              "80 2 record-1004",
              "100 2 record-1005");
      // A reader says what it passed: the 20 bytes of the record at 20, to the segment's end.
      assertThat(damage)
          .containsExactly(
              new SegmentLog.Damage(first, 20, 20, 20, "found damaged when the spool was opened"));
    }
  }

  @Test
  void aFlippedBitInAnyByteOfACommittedRecord_laterOn_skipsThatRecordAlone() throws IOException {
    // Five records of 20 bytes in one segment; the one at 40 damaged while the log is open, as a
    // failing disk would: a reader skips exactly its 20 bytes, says so, and reads the rest.
    for (int at = 40; at < 60; at++) {
      Path logDir = Files.createDirectories(dir.resolve("live-" + at));
      try (SegmentLog log = SegmentLog.open(logDir, 1 << 20)) {
        for (int i = 0; i < 5; i++) {
          log.append(POINTS, bytes("record-" + (1000 + i)));
        }
        log.commit();
        Path segment = logDir.resolve("00000000000000000000.log");
        flip(segment, at);

        List<SegmentLog.Damage> damage = new ArrayList<>();
        assertThat(read(log, 0, damage::add))
            .as("bit flipped at byte %d", at)
            .containsExactly(
                "0 2 record-1000", "20 2 record-1001", "60 2 record-1003", "80 2 record-1004");
        assertThat(damage)
            .as("bit flipped at byte %d", at)
            .extracting(SegmentLog.Damage::position, SegmentLog.Damage::bytes)
            .containsExactly(tuple(40L, 20L));
        assertThat(damage.get(0).file()).isEqualTo(segment);
        assertThat(damage.get(0).offset()).isEqualTo(40);
      }
    }
  }

  @Test
  void damageWithNoValidRecordAfterIt_skipsTheRestOfItsSegment_andReadsTheNext()
      throws IOException {
    // segments of 50 bytes hold two records of 20: 0, 20 | 40, 60 | 80
    try (SegmentLog log = SegmentLog.open(dir, 50)) {
      for (int i = 0; i < 5; i++) {
        log.append(POINTS, bytes("record-" + (1000 + i)));
      }
      log.commit();
      // the length of the record at 60, the last of its segment, made 0: nothing sound after it
      Path segment = dir.resolve("00000000000000000040.log");
      byte[] bytes = Files.readAllBytes(segment);
      bytes[20] = 0;
      bytes[21] = 0;
      bytes[22] = 0;
      bytes[23] = 0;
      Files.write(segment, bytes);

      List<SegmentLog.Damage> damage = new ArrayList<>();
      assertThat(read(log, 0, damage::add))
          .containsExactly(
              "0 2 record-1000", "20 2 record-1001", "40 2 record-1002", "80 2 record-1004");
      assertThat(damage)
          .containsExactly(
              new SegmentLog.Damage(
                  segment, 20, 60, 20, "no valid record after it in its segment"));
    }
  }

  @Test
  void aDamagedLength_isPassedByLookingForTheNextValidRecord() throws IOException {
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      for (int i = 0; i < 4; i++) {
        log.append(POINTS, bytes("record-" + (1000 + i)));
      }
      log.commit();
      // the length of the record at 20 made 5: the record it points to, at 33, is not one
      Path segment = dir.resolve("00000000000000000000.log");
      byte[] bytes = Files.readAllBytes(segment);
      bytes[23] = 5;
      Files.write(segment, bytes);

      List<SegmentLog.Damage> damage = new ArrayList<>();
      assertThat(read(log, 0, damage::add))
          .containsExactly("0 2 record-1000", "40 2 record-1002", "60 2 record-1003");
      assertThat(damage)
          .containsExactly(
              new SegmentLog.Damage(segment, 20, 20, 20, "a record that fails its checksum"));
    }
  }

  @Test
  void deleteBefore_deletesOnlyWholeSegmentsBeforeThePosition_neverTheActiveOne()
      throws IOException {
    try (SegmentLog log = SegmentLog.open(dir, 50)) {
      for (int i = 0; i < 5; i++) {
        log.append(POINTS, bytes("record-" + (1000 + i)));
      }
      log.commit();

      // 60 is inside the second segment (40 to 79): only the first (0 to 39) goes
      assertThat(log.deleteBefore(60)).isEqualTo(40);
      assertThat(log.start()).isEqualTo(40);
      assertThat(log.sizeBytes()).isEqualTo(60);
      assertThat(read(log, 40))
          .containsExactly("40 2 record-1002", "60 2 record-1003", "80 2 record-1004");

      // past the end: all but the segment being written
      assertThat(log.deleteBefore(1_000)).isEqualTo(40);
      assertThat(segmentNames()).containsExactly("00000000000000000080.log");
    }
  }

  @Test
  void aRecordLargerThanASegment_getsASegmentOfItsOwn_andIsReadBack() throws IOException {
    byte[] large = new byte[100];
    large[99] = 7;
    try (SegmentLog log = SegmentLog.open(dir, 64)) {
      // 8 + 1 + 10 = 19 bytes, then 8 + 1 + 100 = 109 in a segment of its own, then 19 again
      assertThat(log.append(POINTS, new byte[10])).isEqualTo(0);
      assertThat(log.append(POINTS, large)).isEqualTo(19);
      assertThat(log.append(POINTS, new byte[10])).isEqualTo(128);
      log.commit();
    }
    assertThat(segmentNames())
        .containsExactly(
            "00000000000000000000.log", "00000000000000000019.log", "00000000000000000128.log");
    try (SegmentLog log = SegmentLog.open(dir, 64);
        SegmentLog.Reader reader = log.reader(log.start(), SpoolDamage.FAILS)) {
      assertThat(log.recovery().records()).isEqualTo(3);
      reader.next();
      assertThat(reader.next().payload()).isEqualTo(large);
      assertThat(reader.next().position()).isEqualTo(128);
      assertThat(reader.next()).isNull();
    }
  }

  private static void flip(Path file, int at) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[at] ^= 0x10;
    Files.write(file, bytes);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> read(SegmentLog log, long from) throws IOException {
    return read(log, from, SpoolDamage.FAILS);
  }

  private static List<String> read(SegmentLog log, long from, SegmentLog.DamageListener onDamage)
      throws IOException {
    List<String> entries = new ArrayList<>();
    try (SegmentLog.Reader reader = log.reader(from, onDamage)) {
      SegmentLog.Entry entry;
      while ((entry = reader.next()) != null) {
        entries.add(
            entry.position()
                + " "
                + entry.type()
                + " "
                + new String(entry.payload(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }

  private List<String> segmentNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
