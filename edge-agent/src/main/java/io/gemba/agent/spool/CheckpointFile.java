package io.gemba.agent.spool;

import io.gemba.agent.engine.EngineJournal;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The last checkpoint of an engine instance, in the file {@code checkpoint} beside its log (ADR
 * 0006): the engine's state and the position of the log it covers, the position of the first record
 * not applied to that state. A new one is written to {@code checkpoint.tmp}, forced to disk and
 * renamed over the old one, so a crash leaves either the old checkpoint or the new one, whole.
 *
 * <p>The file is {@code "GEMBACP1" · position (8 bytes) · state · state length (8) · CRC-32C (4)}
 * of the position and the state; big-endian.
 */
public final class CheckpointFile {

  /** The file's name in an instance's spool directory. */
  public static final String NAME = "checkpoint";

  private static final byte[] MAGIC = "GEMBACP1".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER_BYTES = MAGIC.length + 8;
  private static final int TRAILER_BYTES = 8 + 4;

  private CheckpointFile() {}

  /**
   * A checkpoint read back.
   *
   * @param position the first log position not applied to the state
   * @param state the engine's state
   */
  public record Saved(long position, byte[] state) {}

  /**
   * Writes a checkpoint of {@code state} covering the log before {@code position}, durably.
   *
   * @return the file's size in bytes
   */
  public static long write(Path dir, long position, EngineJournal.State state) throws IOException {
    long size;
    Path temporary = dir.resolve(NAME + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
      out.write(MAGIC);
      out.writeLong(position);
      CRC32C crc = new CRC32C();
      crc.update(ByteBuffer.allocate(8).putLong(0, position));
      CheckedOutputStream checked = new CheckedOutputStream(out, crc);
      state.writeTo(checked);
      checked.flush();
      long length = channel.position() - HEADER_BYTES;
      out.writeLong(length);
      out.writeInt((int) crc.getValue());
      out.flush();
      channel.force(true);
      size = channel.size();
    }
    Files.move(
        temporary,
        dir.resolve(NAME),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    }
    return size;
  }

  /**
   * The checkpoint in {@code dir}; empty if there is none.
   *
   * @throws IOException if it cannot be read, or is not whole (its length or checksum is wrong)
   */
  public static Optional<Saved> read(Path dir) throws IOException {
    Path file = dir.resolve(NAME);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] all = Files.readAllBytes(file);
    if (all.length < HEADER_BYTES + TRAILER_BYTES
        || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException("not a Gemba checkpoint: " + file);
    }
    ByteBuffer buffer = ByteBuffer.wrap(all);
    long position = buffer.getLong(MAGIC.length);
    long length = buffer.getLong(all.length - TRAILER_BYTES);
    if (length != all.length - HEADER_BYTES - TRAILER_BYTES) {
      throw new IOException(
          "checkpoint "
              + file
              + " is cut or padded: "
              + length
              + " bytes of state said, "
              + (all.length - HEADER_BYTES - TRAILER_BYTES)
              + " there");
    }
    CRC32C crc = new CRC32C();
    crc.update(all, MAGIC.length, 8);
    crc.update(all, HEADER_BYTES, (int) length);
    if ((int) crc.getValue() != buffer.getInt(all.length - 4)) {
      throw new IOException("checkpoint " + file + " is damaged: its checksum does not match");
    }
    return Optional.of(
        new Saved(position, Arrays.copyOfRange(all, HEADER_BYTES, HEADER_BYTES + (int) length)));
  }
}
