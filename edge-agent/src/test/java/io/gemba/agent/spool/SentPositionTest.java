package io.gemba.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentPositionTest {

  @TempDir Path dir;

  @Test
  void savedPosition_isReadBack_whileItLiesWithinTheLog() throws Exception {
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      // three records of 8 + 1 + 3 = 12 bytes: ends at 12, 24, 36
      for (int i = 0; i < 3; i++) {
        log.append(SpoolRecords.RUN, new byte[3]);
      }
      log.commit();
      SentPosition sent = new SentPosition(dir);

      assertThat(sent.read(log)).as("nothing saved: from the start").isZero();
      sent.save(24);
      assertThat(new SentPosition(dir).read(log)).isEqualTo(24);

      sent.save(48);
      assertThat(sent.read(log)).as("beyond the log: from the start").isZero();
      Files.writeString(dir.resolve("sent.position"), "garbage");
      assertThat(sent.read(log)).as("unreadable: from the start").isZero();
    }
  }
}
