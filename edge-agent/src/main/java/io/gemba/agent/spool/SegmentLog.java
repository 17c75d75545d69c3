package io.gemba.agent.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only log of records on disk, in segment files, each record checksummed (ADR 0006).
 *
 * <p>A record is {@code length · CRC-32C · type · payload}: the length (4 bytes, big-endian) counts
 * the type and the payload, the checksum (4 bytes) covers them. A record's position is the log's
 * byte position of its first byte; a segment file is named by the position of its first byte, and a
 * record never spans two segments.
 *
 * <p>{@link #append} only buffers; {@link #commit} writes what is buffered and forces it to disk
 * (group commit: one {@code fsync} for every record since the last), and only then do readers see
 * it. {@link #open} reads every segment through and ends each at its first record that is cut short
 * or fails its checksum: in the last segment a torn tail, cut off; in an earlier one damage, the
 * rest of that segment skipped. {@link #recovery()} says what it found. Committed bytes that do not
 * hold valid records, whether {@link #open} found them or they were damaged later, are skipped by
 * the readers, which report each such {@link Damage} to their listener and go on after it.
 *
 * <p>One thread appends, commits, trims and closes; any number of {@link Reader}s may read at the
 * same time from other threads.
 */
public final class SegmentLog implements AutoCloseable {

  /** Length and checksum. */
  static final int HEADER_BYTES = 8;

  /** How many bytes a reader checksums at most looking for a valid record after damage. */
  static final long RESYNC_CHECKED_BYTES = 64L << 20;

  private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{20})\\.log");

  private final Path dir;
  private final int segmentBytes;
  private final Recovery recovery;

  /** The segments, oldest first; replaced, never changed, so readers may hold an old list. */
  private volatile List<Segment> segments;

  /** The position after the last committed record: readers read up to here. */
  private volatile long durableEnd;

  private FileChannel active;
  private long end;
  private ByteBuffer pending = ByteBuffer.allocate(64 * 1024);
  private final CRC32C crc = new CRC32C();

  /**
   * One segment: its first position and how much of it holds valid records.
   *
   * @param length the bytes of valid records
   * @param damagedBytes the bytes after them that {@link #open} found damaged (0 but in an earlier
   *     segment that failed): readers report them as {@link Damage} when they pass
   */
  record Segment(long base, Path file, long length, long damagedBytes) {
    Segment(long base, Path file, long length) {
      this(base, file, length, 0);
    }

    long end() {
      return base + length;
    }
  }

  /**
   * What {@link #open} found.
   *
   * @param records the valid records in the log
   * @param tornTailBytes the bytes cut off the end of the last segment (a write a crash cut short)
   * @param damagedBytes the bytes skipped in earlier segments, after a record that failed
   */
  public record Recovery(long records, long tornTailBytes, long damagedBytes) {}

  /** One record as read back. */
  public record Entry(long position, byte type, byte[] payload) {
    /** The position of the next record. */
    public long next() {
      return position + HEADER_BYTES + 1 + payload.length;
    }
  }

  /**
   * Committed bytes that a reader skipped because they do not hold valid records: a record that
   * fails its checksum, or whose length runs past its segment, or the rest of a segment that {@link
   * #open} found so. When the damaged record's length is sound and a valid record follows it, only
   * that record is skipped; else the rest of its segment.
   *
   * @param file the segment file
   * @param offset where in the file the damaged bytes start
   * @param position the log position of the first damaged byte
   * @param bytes how many bytes were skipped
   * @param why what was wrong, for the log
   */
  public record Damage(Path file, long offset, long position, long bytes, String why) {
    /** The position after the damaged bytes. */
    public long end() {
      return position + bytes;
    }
  }

  /** Told of each {@link Damage} a reader skips, on the reader's thread. */
  @FunctionalInterface
  public interface DamageListener {
    void skipped(Damage damage) throws IOException;
  }

  private SegmentLog(Path dir, int segmentBytes, List<Segment> segments, Recovery recovery)
      throws IOException {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.segments = List.copyOf(segments);
    this.recovery = recovery;
    Segment last = segments.get(segments.size() - 1);
    this.active = FileChannel.open(last.file(), StandardOpenOption.WRITE);
    this.active.position(last.length());
    this.end = last.end();
    this.durableEnd = end;
  }

  /**
   * Opens the log in {@code dir}, creating it if need be, and recovers it: see the class comment.
   *
   * @param segmentBytes the size at which a new segment starts (a larger record has one of its own)
   */
  public static SegmentLog open(Path dir, int segmentBytes) throws IOException {
    if (segmentBytes < 16) {
      throw new IllegalArgumentException("segmentBytes: at least 16, was " + segmentBytes);
    }
    Files.createDirectories(dir);
    List<Path> files = segmentFiles(dir);
    List<Segment> segments = new ArrayList<>();
    long records = 0;
    long torn = 0;
    long damaged = 0;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      long base = baseOf(file);
      Scan scan = scan(file);
      records += scan.records;
      long size = Files.size(file);
      if (i == files.size() - 1) {
        if (scan.validLength < size) {
          torn = size - scan.validLength;
          try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(scan.validLength);
            channel.force(true);
          }
        }
      } else {
        damaged += size - scan.validLength;
      }
      segments.add(
          new Segment(
              base, file, scan.validLength, i == files.size() - 1 ? 0 : size - scan.validLength));
    }
    if (segments.isEmpty()) {
      segments.add(create(dir, 0));
    }
    return new SegmentLog(dir, segmentBytes, segments, new Recovery(records, torn, damaged));
  }

  private static List<Path> segmentFiles(Path dir) throws IOException {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing
          .filter(file -> SEGMENT_NAME.matcher(file.getFileName().toString()).matches())
          .sorted()
          .toList();
    }
  }

  private static long baseOf(Path file) {
    Matcher name = SEGMENT_NAME.matcher(file.getFileName().toString());
    if (!name.matches()) {
      throw new IllegalArgumentException("not a segment: " + file);
    }
    return Long.parseLong(name.group(1));
  }

  private static Segment create(Path dir, long base) throws IOException {
    Path file = dir.resolve(String.format("%020d.log", base));
    Files.createFile(file);
    forceDirectory(dir);
    return new Segment(base, file, 0);
  }

  /** Makes a new or deleted file's directory entry durable. */
  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private record Scan(long records, long validLength) {}

  /** Reads a segment through to its first bad record, or its end. */
  private static Scan scan(Path file) throws IOException {
    long records = 0;
    long valid = 0;
    try (Reader reader =
        new Reader(List.of(new Segment(0, file, Files.size(file))), 0, -1, damage -> {})) {
      Entry entry;
      while ((entry = reader.next()) != null) {
        records++;
        valid = entry.next();
      }
    }
    return new Scan(records, valid);
  }

  /** The directory of the log's segments. */
  public Path dir() {
    return dir;
  }

  /** What {@link #open} found. */
  public Recovery recovery() {
    return recovery;
  }

  /** The position of the first record kept. */
  public long start() {
    return segments.get(0).base();
  }

  /** The position after the last record appended, committed or not. */
  public long end() {
    return end;
  }

  /** The position after the last committed record. */
  public long durableEnd() {
    return durableEnd;
  }

  /** The bytes the segments take on disk, committed and buffered records together. */
  public long sizeBytes() {
    long bytes = pending.position();
    for (Segment segment : segments) {
      bytes += segment.length();
    }
    return bytes;
  }

  /**
   * Buffers a record; it is durable, and readable, after the next {@link #commit}.
   *
   * <p>A record larger than a segment gets a segment of its own.
   *
   * @return its position
   */
  public long append(byte type, byte[] payload) throws IOException {
    int recordBytes = HEADER_BYTES + 1 + payload.length;
    Segment current = segments.get(segments.size() - 1);
    if (end > current.base() && end + recordBytes - current.base() > segmentBytes) {
      roll();
    }
    if (pending.remaining() < recordBytes) {
      ByteBuffer larger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, recordBytes * 2));
      pending.flip();
      larger.put(pending);
      pending = larger;
    }
    crc.reset();
    crc.update(type);
    crc.update(payload);
    long position = end;
    pending.putInt(1 + payload.length).putInt((int) crc.getValue()).put(type).put(payload);
    end += recordBytes;
    return position;
  }

  /** Writes what is buffered and forces it to disk; then readers see it. */
  public void commit() throws IOException {
    writePending();
    active.force(false);
    publish(end);
  }

  private void writePending() throws IOException {
    pending.flip();
    while (pending.hasRemaining()) {
      active.write(pending);
    }
    pending.clear();
  }

  /** Ends the current segment (durably) and starts the next at {@link #end}. */
  private void roll() throws IOException {
    writePending();
    active.force(false);
    active.close();
    publish(end);
    List<Segment> next = new ArrayList<>(segments);
    next.add(create(dir, end));
    segments = List.copyOf(next);
    active = FileChannel.open(next.get(next.size() - 1).file(), StandardOpenOption.WRITE);
  }

  /** Records the committed length of the last segment, then lets readers read up to it. */
  private void publish(long committedEnd) {
    List<Segment> next = new ArrayList<>(segments);
    Segment last = next.get(next.size() - 1);
    next.set(
        next.size() - 1,
        new Segment(last.base(), last.file(), committedEnd - last.base(), last.damagedBytes()));
    segments = List.copyOf(next);
    durableEnd = committedEnd;
  }

  /**
   * Deletes the segments whose every record lies before {@code position}; never the segment being
   * written.
   *
   * @return the bytes freed
   */
  public long deleteBefore(long position) throws IOException {
    List<Segment> kept = new ArrayList<>(segments);
    long freed = 0;
    while (kept.size() > 1 && kept.get(1).base() <= position) {
      Segment oldest = kept.remove(0);
      segments = List.copyOf(kept);
      Files.deleteIfExists(oldest.file());
      freed += oldest.length();
    }
    if (freed > 0) {
      forceDirectory(dir);
    }
    return freed;
  }

  /**
   * A reader of the committed records from {@code position}, a record's or {@link #start()}; it
   * skips damaged bytes and tells {@code onDamage} of them.
   */
  public Reader reader(long position, DamageListener onDamage) {
    return new Reader(segments, position, durableEnd, onDamage);
  }

  @Override
  public void close() throws IOException {
    try {
      commit();
    } finally {
      active.close();
    }
  }

  /**
   * Reads records in order, from a position up to the log's committed end when it was made,
   * skipping damaged bytes ({@link Damage}). Not thread-safe; close it when done.
   */
  public static final class Reader implements AutoCloseable {

    private final List<Segment> segments;
    private final long limit;
    private final DamageListener onDamage;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES + 1);
    private int index;
    private long position;
    private FileChannel channel;

    /**
     * {@code limit} -1: a scan of one segment at open, which ends at the first record that fails
     * instead of skipping it.
     */
    private Reader(List<Segment> segments, long position, long limit, DamageListener onDamage) {
      this.segments = segments;
      this.limit = limit;
      this.onDamage = onDamage;
      this.position = position;
      this.index = -1;
      for (int i = 0; i < segments.size(); i++) {
        if (segments.get(i).base() <= position) {
          index = i;
        }
      }
      if (index < 0 || (limit >= 0 && position > limit)) {
        throw new IllegalArgumentException(
            "position " + position + " is not in the log (" + segments + ")");
      }
    }

    /** The next valid record, or {@code null} at the end. */
    public Entry next() throws IOException {
      while (toNextRecord()) {
        Segment segment = segments.get(index);
        if (channel == null) {
          channel = FileChannel.open(segment.file(), StandardOpenOption.READ);
        }
        Entry entry = readAt(segment, position);
        if (entry != null) {
          position = entry.next();
          return entry;
        }
        if (limit < 0) {
          return null;
        }
        skipDamage(segment);
      }
      return null;
    }

    /**
     * Moves to the segment holding the next record, reporting the damage {@link #open} found at the
     * end of a segment passed; false at the end.
     */
    private boolean toNextRecord() throws IOException {
      while (position >= segments.get(index).end()) {
        Segment passed = segments.get(index);
        if (passed.damagedBytes() > 0 && position == passed.end()) {
          onDamage.skipped(
              new Damage(
                  passed.file(),
                  passed.length(),
                  passed.end(),
                  passed.damagedBytes(),
                  "found damaged when the spool was opened"));
          position += passed.damagedBytes();
        }
        if (index + 1 >= segments.size() || (limit >= 0 && position >= limit)) {
          return false;
        }
        index++;
        position = segments.get(index).base();
        closeChannel();
      }
      return limit < 0 || position < limit;
    }

    /** The record at {@code at} if it is whole and passes its checksum, else null. */
    private Entry readAt(Segment segment, long at) throws IOException {
      long offset = at - segment.base();
      long available = segment.length() - offset;
      if (available < HEADER_BYTES + 1) {
        return null;
      }
      header.clear();
      if (!readFully(header, offset)) {
        return null;
      }
      header.flip();
      int length = header.getInt();
      int checksum = header.getInt();
      byte type = header.get();
      if (length < 1 || length > available - HEADER_BYTES) {
        return null;
      }
      ByteBuffer payload = ByteBuffer.allocate(length - 1);
      if (!readFully(payload, offset + HEADER_BYTES + 1)) {
        return null;
      }
      crc.reset();
      crc.update(type);
      crc.update(payload.array());
      if ((int) crc.getValue() != checksum) {
        return null;
      }
      return new Entry(at, type, payload.array());
    }

    /**
     * Skips the committed record at {@link #position} that failed, up to the next valid record of
     * its segment: the one its length points to if that is sound, else the first found further on
     * (within {@value #RESYNC_CHECKED_BYTES} bytes of checksums), else the segment's end.
     */
    private void skipDamage(Segment segment) throws IOException {
      long end = segment.end();
      long next = -1;
      header.clear();
      if (end - position >= HEADER_BYTES + 1 && readFully(header, position - segment.base())) {
        long after = position + HEADER_BYTES + header.getInt(0);
        if (after > position + HEADER_BYTES
            && (after == end || (after < end && readAt(segment, after) != null))) {
          next = after;
        }
      }
      if (next < 0) {
        next = findRecord(segment, position + 1);
      }
      onDamage.skipped(
          new Damage(
              segment.file(),
              position - segment.base(),
              position,
              next - position,
              next == end
                  ? "no valid record after it in its segment"
                  : "a record that fails its checksum"));
      position = next;
    }

    /** The position of the first valid record of {@code segment} from {@code from}, or its end. */
    private long findRecord(Segment segment, long from) throws IOException {
      long end = segment.end();
      ByteBuffer window = ByteBuffer.allocate(1 << 16);
      long windowStart = from;
      int windowLength = 0;
      long checkable = RESYNC_CHECKED_BYTES;
      for (long at = from; at + HEADER_BYTES + 1 <= end && checkable > 0; at++) {
        if (at + HEADER_BYTES > windowStart + windowLength) {
          window.clear();
          windowStart = at;
          window.limit((int) Math.min(window.capacity(), end - at));
          int read = channel.read(window, at - segment.base());
          if (read < HEADER_BYTES) {
            break;
          }
          windowLength = read;
        }
        int length = window.getInt((int) (at - windowStart));
        if (length >= 1 && length <= end - at - HEADER_BYTES) {
          checkable -= length;
          if (readAt(segment, at) != null) {
            return at;
          }
        }
      }
      return end;
    }

    private boolean readFully(ByteBuffer buffer, long offset) throws IOException {
      long at = offset;
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, at);
        if (read < 0) {
          return false;
        }
        at += read;
      }
      return true;
    }

    /** The position of the next record to read. */
    public long position() {
      return position;
    }

    private void closeChannel() throws IOException {
      if (channel != null) {
        channel.close();
        channel = null;
      }
    }

    @Override
    public void close() {
      try {
        closeChannel();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return "Reader[" + Objects.toString(segments.get(index).file()) + " at " + position + "]";
    }
  }
}
