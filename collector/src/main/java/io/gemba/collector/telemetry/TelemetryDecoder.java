package io.gemba.collector.telemetry;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an MQTT message into validated telemetry events, or into rejects with a reason.
 *
 * <p>The decoder is total: for any topic and any payload bytes it returns, and never throws. A
 * payload is a JSON object, or a JSON array of objects for one topic (a batch) whose elements are
 * judged one by one. The JSON parser is limited for untrusted input (nesting depth, string, number
 * and name length, document size, token count), so a hostile payload costs little.
 *
 * <p>An instance may be shared between threads if its {@link DecodeCounters} may: besides its
 * settings it holds only a cache of the topics it has read.
 */
public final class TelemetryDecoder {

  /** Deepest JSON nesting: a batch of objects with a nested object needs 3. */
  static final int MAX_NESTING_DEPTH = 16;

  /** Longest JSON number, in characters: enough for any long or double. */
  static final int MAX_NUMBER_LENGTH = 64;

  /** Longest JSON field name. */
  static final int MAX_NAME_LENGTH = 256;

  /** Longest parser message in a reject detail; the parser quotes at most 40 input characters. */
  private static final int PARSER_MESSAGE_LENGTH = 200;

  private static final String SEQ = "seq";

  /** The most topics {@link #topics} holds; when full it starts again empty. */
  static final int MAX_TOPICS_CACHED = 16_384;

  private final DecoderSettings settings;
  private final DecodeCounters counters;
  private final ObjectReader reader;

  /**
   * The topics read so far, by their text: a station publishes on a few topics for ever, and its
   * events, kept by the engine for the allowed lateness, then share one {@link Topic} and its
   * strings instead of holding four strings each (more than half of an event's memory).
   */
  private final Map<String, Topic> topics = new ConcurrentHashMap<>();

  /** The {@link Topic#index()} of the next topic made; the cache's topics are numbered densely. */
  private int nextTopicIndex;

  /** A decoder with these limits that reports to {@code counters}. */
  public TelemetryDecoder(DecoderSettings settings, DecodeCounters counters) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.reader = jsonReader(settings.maxPayloadBytes()).readerFor(JsonNode.class);
  }

  /**
   * Decodes one message.
   *
   * @param topic the MQTT topic, as received (may be anything, even {@code null})
   * @param payload the payload bytes (may be anything, even {@code null})
   * @param arrival when the agent received it: the event time of an object without {@code ts}
   * @return one event or reject for an object payload; one per element, in order, for a batch; one
   *     reject for a payload that cannot be read at all
   */
  public List<Decoded> decode(String topic, byte[] payload, Instant arrival) {
    Objects.requireNonNull(arrival, "arrival");
    try {
      Topic parsedTopic = topic(topic);
      JsonNode root = parse(payload);
      if (root.isObject()) {
        return List.of(decodeObject(parsedTopic, root, Reject.WHOLE_MESSAGE, arrival));
      }
      if (root.isArray()) {
        return decodeBatch(parsedTopic, root, arrival);
      }
      throw new Rejection(
          RejectReason.NOT_AN_OBJECT,
          "payload must be a JSON object or an array of objects, got " + JsonFields.typeOf(root));
    } catch (Rejection rejection) {
      return List.of(reject(topic, Reject.WHOLE_MESSAGE, rejection));
    }
  }

  /**
   * The topic object this decoder gives the events of {@code topic}: one per topic string, shared
   * by its events and numbered ({@link Topic#index()}).
   *
   * @throws IllegalArgumentException if {@code topic} breaks the contract
   */
  public Topic topicOf(String topic) {
    try {
      return topic(topic);
    } catch (Rejection rejection) {
      throw new IllegalArgumentException(rejection.getMessage(), rejection);
    }
  }

  private Topic topic(String text) throws Rejection {
    Topic topic = text == null ? null : topics.get(text);
    if (topic == null) {
      if (topics.size() >= MAX_TOPICS_CACHED) {
        topics.clear();
        nextTopicIndex = 0;
      }
      topic = TopicParser.parse(text, nextTopicIndex);
      nextTopicIndex++;
      topics.put(text, topic);
    }
    return topic;
  }

  private JsonNode parse(byte[] payload) throws Rejection {
    if (payload == null || payload.length == 0) {
      throw new Rejection(RejectReason.BAD_JSON, "payload is empty");
    }
    if (payload.length > settings.maxPayloadBytes()) {
      throw new Rejection(
          RejectReason.TOO_LARGE,
          "payload of "
              + payload.length
              + " bytes exceeds the limit of "
              + settings.maxPayloadBytes());
    }
    try {
      return reader.readTree(payload);
    } catch (StreamConstraintsException e) {
      throw new Rejection(
          RejectReason.BAD_JSON,
          "exceeds a parser limit: " + parserMessage(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new Rejection(RejectReason.BAD_JSON, parserMessage(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new Rejection(RejectReason.BAD_JSON, parserMessage(e.getMessage()));
    }
  }

  private static String parserMessage(String message) {
    return Text.abbreviate(message, PARSER_MESSAGE_LENGTH);
  }

  private List<Decoded> decodeBatch(Topic topic, JsonNode batch, Instant arrival) throws Rejection {
    int size = batch.size();
    if (size == 0 || size > settings.maxBatchElements()) {
      throw new Rejection(
          RejectReason.BAD_BATCH,
          "a batch must have 1 to " + settings.maxBatchElements() + " elements, got " + size);
    }
    List<Decoded> decoded = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      JsonNode element = batch.get(i);
      if (element.isObject()) {
        decoded.add(decodeObject(topic, element, i, arrival));
      } else {
        Rejection notAnObject =
            new Rejection(
                RejectReason.NOT_AN_OBJECT,
                "batch element must be an object, got " + JsonFields.typeOf(element));
        decoded.add(reject(topic.toString(), i, notAnObject));
      }
    }
    return decoded;
  }

  private Decoded decodeObject(Topic topic, JsonNode object, int element, Instant arrival) {
    try {
      JsonFields fields = new JsonFields(object, "");
      Instant ts = EventTime.read(fields);
      Long seq = fields.optionalLong(SEQ, 0, Long.MAX_VALUE);
      Envelope envelope =
          new Envelope(
              topic, ts != null ? ts : arrival, ts == null, seq != null ? seq : Envelope.NO_SEQ);
      TelemetryEvent event = ChannelReaders.read(envelope, fields, settings.stateCodes());
      counters.accepted(event.channel(), envelope.tsMissing());
      return event;
    } catch (Rejection rejection) {
      return reject(topic.toString(), element, rejection);
    }
  }

  private Reject reject(String topic, int element, Rejection rejection) {
    counters.rejected(rejection.reason());
    return new Reject(topic, element, rejection.reason(), rejection.detail());
  }

  /**
   * The JSON mapper for untrusted payloads: strict limits, duplicate keys rejected, trailing
   * garbage rejected, and {@code NaN}/{@code Infinity} read as numbers so that they are rejected as
   * non-finite with the field's name rather than as a syntax error.
   */
  static ObjectMapper jsonReader(int maxDocumentBytes) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxStringLength(maxDocumentBytes)
                    .maxDocumentLength(maxDocumentBytes)
                    .maxTokenCount(maxDocumentBytes)
                    .build())
            .errorReportConfiguration(
                ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(Text.QUOTE_LENGTH)
                    .maxRawContentLength(0)
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }
}
