package io.gemba.agent.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The position up to which a spool's points are written to InfluxDB, kept in a small file next to
 * the log so that a restart does not send them again. Written by replacing the file (a rename), not
 * forced to disk: after a crash it may be a little behind, and what is sent again InfluxDB
 * overwrites.
 */
public final class SentPosition {

  private final Path file;
  private final Path next;

  public SentPosition(Path dir) {
    this.file = dir.resolve("sent.position");
    this.next = dir.resolve("sent.position.next");
  }

  /**
   * The saved position if it lies within {@code log} ({@link SegmentLog#start()} to {@link
   * SegmentLog#durableEnd()}), else the log's start: a missing or unreadable file sends all again.
   */
  public long read(SegmentLog log) {
    try {
      long saved = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
      return saved >= log.start() && saved <= log.durableEnd() ? saved : log.start();
    } catch (IOException | NumberFormatException e) {
      return log.start();
    }
  }

  /** Saves {@code position}. */
  public void save(long position) throws IOException {
    Files.writeString(next, Long.toString(position), StandardCharsets.US_ASCII);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
