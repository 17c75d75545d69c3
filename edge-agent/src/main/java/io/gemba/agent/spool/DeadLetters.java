package io.gemba.agent.spool;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * The file beside a spool ({@code dead-letters.lp}) where the points that cannot be written go, as
 * lines of the line protocol under a comment line that says when and why: a line the database
 * refused on its own, and the lines that could be read out of damaged spool bytes. An operator can
 * look at them and, once mended, write them to the database by hand. Thread-safe.
 */
public final class DeadLetters {

  /** The file's name in an instance's spool directory. */
  public static final String NAME = "dead-letters.lp";

  private static final int CHUNK_BYTES = 1 << 20;

  /**
   * A line of points as the agent writes them: a measurement of lower-case letters, digits and
   * underscores, tags without unescaped spaces, fields without them outside quoted strings, and a
   * timestamp in milliseconds.
   */
  private static final Pattern POINT_LINE =
      Pattern.compile(
          "[a-z][a-z0-9_]*+(?:,(?:\\\\.|[^ \\\\])++)?+"
              + " (?:\\\\.|\"(?:\\\\.|[^\"\\\\])*+\"|[^ \"\\\\])++"
              + " -?\\d{1,19}");

  private final Path file;
  private final Clock clock;

  /** Dead letters in {@code dir}, their comments stamped with {@code clock}'s time. */
  public DeadLetters(Path dir, Clock clock) {
    this.file = dir.resolve(NAME);
    this.clock = clock;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** Keeps a line the database refused on its own, with its answer. */
  public synchronized void refused(String line, int status, String answer) throws IOException {
    try (Writer out = append()) {
      out.write(
          "# "
              + clock.instant()
              + " HTTP "
              + status
              + ": "
              + oneLine(String.valueOf(answer))
              + "\n");
      out.write(line + "\n");
    }
  }

  /**
   * Keeps what can be read of the points in damaged spool bytes: every run of text in them that has
   * the form of a point line (the points of a record are such lines; a record's messages and
   * headers are not). A line whose damage left it that form is kept too: check before writing them
   * to the database.
   *
   * @return how many lines were kept
   */
  public synchronized int damaged(SegmentLog.Damage damage) throws IOException {
    int kept = 0;
    try (Writer out = append();
        FileChannel in = FileChannel.open(damage.file(), StandardOpenOption.READ)) {
      out.write(
          "# "
              + clock.instant()
              + " damaged spool bytes: "
              + damage.bytes()
              + " at position "
              + damage.position()
              + " of "
              + damage.file().getFileName()
              + " ("
              + damage.why()
              + "); below, the point lines that could be read out of them\n");
      long at = damage.offset();
      long end = damage.offset() + damage.bytes();
      byte[] first = recordAt(in, at, end);
      if (first != null) {
        for (String point : SpoolRecords.points(first)) {
          if (POINT_LINE.matcher(point).matches()) {
            out.write(point + "\n");
            kept++;
          }
        }
        at += SegmentLog.HEADER_BYTES + 1 + first.length;
      }
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES);
      StringBuilder line = new StringBuilder();
      while (at < end) {
        buffer.clear().limit((int) Math.min(CHUNK_BYTES, end - at));
        int read = in.read(buffer, at);
        if (read < 0) {
          break;
        }
        at += read;
        for (int i = 0; i < read; i++) {
          int b = buffer.get(i) & 0xff;
          if (b < 0x20 || b == 0x7f) {
            // A line break ends a point line; any other control byte is record framing or damage.
            kept += keep(line, out);
          } else if (b == '}') {
            // The end of a message's JSON, which the first point line of a run follows at once
            // (a point line with a brace in it is lost to this reading).
            line.setLength(0);
          } else {
            line.append((char) b);
          }
        }
      }
      kept += keep(line, out);
    }
    return kept;
  }

  /**
   * The payload of the record at {@code at} if its length fits before {@code end} and the length of
   * its input fits in it (its checksum failed, so nothing else is known of it); else null.
   */
  private static byte[] recordAt(FileChannel in, long at, long end) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(SegmentLog.HEADER_BYTES + 1);
    if (end - at < header.capacity() || in.read(header, at) < header.capacity()) {
      return null;
    }
    int length = header.getInt(0);
    if (length < 1 + 4 || length - 1 > end - at - header.capacity()) {
      return null;
    }
    ByteBuffer payload = ByteBuffer.allocate(length - 1);
    long from = at + header.capacity();
    while (payload.hasRemaining()) {
      if (in.read(payload, from + payload.position()) < 0) {
        return null;
      }
    }
    int input = payload.getInt(0);
    return input >= 0 && input <= payload.capacity() - 4 ? payload.array() : null;
  }

  /** Writes {@code text} if it is a point line; clears it. Bytes stand for Latin-1 characters. */
  private static int keep(StringBuilder text, Writer out) throws IOException {
    int kept = 0;
    if (text.length() > 0 && POINT_LINE.matcher(text).matches()) {
      String utf8 =
          new String(text.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      out.write(utf8 + "\n");
      kept = 1;
    }
    text.setLength(0);
    return kept;
  }

  private Writer append() throws IOException {
    return Files.newBufferedWriter(
        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }
}
