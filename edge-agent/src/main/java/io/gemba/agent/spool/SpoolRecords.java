package io.gemba.agent.spool;

import io.gemba.agent.ingest.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The records of a spool (ADR 0006): what one engine run took in, with the points it made, in one
 * record, so that a torn tail loses a run whole or not at all; a run's messages are never kept
 * without their points, which a recovery would otherwise not make again (the broker resends the
 * messages, and the engine, having applied them in the replay, drops them as duplicates).
 *
 * <p>A payload is {@code input length (4 bytes) · input · points}. The points are lines of the
 * InfluxDB line protocol, UTF-8, separated by line breaks, which the protocol never has inside a
 * line. The input of a {@link #RUN} is the count of messages (4) and per message its arrival
 * (seconds 8, nanoseconds 4), topic (length 2, UTF-8) and payload (length 4, bytes); of a {@link
 * #TICK}, its instant (seconds 8, nanoseconds 4). Big-endian.
 */
public final class SpoolRecords {

  /** A run of MQTT messages and the points they made. */
  public static final byte RUN = 1;

  /** A tick of the wall clock and the points it made. */
  public static final byte TICK = 3;

  private static final int INSTANT_BYTES = 12;

  private SpoolRecords() {}

  /** A message read back from a {@link #RUN}. */
  public record LoggedMessage(String topic, byte[] payload, Instant arrival) implements Message {}

  /** The payload of a {@link #RUN} record. */
  public static byte[] run(List<? extends Message> messages, List<String> lines) {
    byte[][] topics = new byte[messages.size()][];
    int inputBytes = 4;
    for (int i = 0; i < topics.length; i++) {
      Message message = messages.get(i);
      topics[i] = message.topic().getBytes(StandardCharsets.UTF_8);
      inputBytes += INSTANT_BYTES + 2 + topics[i].length + 4 + message.payload().length;
    }
    byte[] points = lines(lines);
    ByteBuffer buffer = ByteBuffer.allocate(4 + inputBytes + points.length);
    buffer.putInt(inputBytes).putInt(messages.size());
    for (int i = 0; i < topics.length; i++) {
      Message message = messages.get(i);
      put(buffer, message.arrival());
      buffer.putShort((short) topics[i].length).put(topics[i]);
      buffer.putInt(message.payload().length).put(message.payload());
    }
    return buffer.put(points).array();
  }

  /** The payload of a {@link #TICK} record. */
  public static byte[] tick(Instant now, List<String> lines) {
    byte[] points = lines(lines);
    ByteBuffer buffer = ByteBuffer.allocate(4 + INSTANT_BYTES + points.length);
    buffer.putInt(INSTANT_BYTES);
    put(buffer, now);
    return buffer.put(points).array();
  }

  /** The messages of a {@link #RUN} record's payload. */
  public static List<Message> messages(byte[] payload) {
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    buffer.getInt();
    int count = buffer.getInt();
    List<Message> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant arrival = instant(buffer);
      byte[] topic = new byte[Short.toUnsignedInt(buffer.getShort())];
      buffer.get(topic);
      byte[] body = new byte[buffer.getInt()];
      buffer.get(body);
      messages.add(new LoggedMessage(new String(topic, StandardCharsets.UTF_8), body, arrival));
    }
    return messages;
  }

  /** The instant of a {@link #TICK} record's payload. */
  public static Instant tick(byte[] payload) {
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    buffer.getInt();
    return instant(buffer);
  }

  /** The lines of a {@link #RUN} or {@link #TICK} record's payload. */
  public static List<String> points(byte[] payload) {
    int from = 4 + ByteBuffer.wrap(payload).getInt();
    if (from == payload.length) {
      return List.of();
    }
    return Arrays.asList(
        new String(payload, from, payload.length - from, StandardCharsets.UTF_8).split("\n"));
  }

  private static byte[] lines(List<String> lines) {
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  private static void put(ByteBuffer buffer, Instant instant) {
    buffer.putLong(instant.getEpochSecond()).putInt(instant.getNano());
  }

  private static Instant instant(ByteBuffer buffer) {
    return Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
  }
}
