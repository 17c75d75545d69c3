package io.gemba.collector.telemetry;

/** Reads a topic string into a {@link Topic}, or says why it is not one. */
final class TopicParser {

  private static final int LEVELS = 5;

  private TopicParser() {}

  /** Reads {@code topic}; the topic made is numbered {@code index} (see {@link Topic#index()}). */
  static Topic parse(String topic, int index) throws Rejection {
    if (topic == null || !topic.startsWith(Topic.PREFIX)) {
      throw badShape();
    }
    String[] levels = new String[LEVELS];
    int start = Topic.PREFIX.length();
    for (int i = 0; i < LEVELS - 1; i++) {
      int end = topic.indexOf('/', start);
      if (end < 0) {
        throw badShape();
      }
      levels[i] = topic.substring(start, end);
      start = end + 1;
    }
    if (topic.indexOf('/', start) >= 0) {
      throw badShape();
    }
    String channelName = topic.substring(start);
    Channel channel =
        Channel.fromWireName(channelName)
            .orElseThrow(
                () ->
                    new Rejection(
                        RejectReason.UNKNOWN_CHANNEL,
                        "channel '" + Text.abbreviate(channelName) + "' is not in the contract"));
    try {
      return new Topic(levels[0], levels[1], levels[2], levels[3], channel, index);
    } catch (IllegalArgumentException e) {
      throw new Rejection(RejectReason.BAD_TOPIC, e.getMessage());
    }
  }

  private static Rejection badShape() {
    return new Rejection(
        RejectReason.BAD_TOPIC,
        "topic must be " + Topic.PREFIX + "{site}/{area}/{line}/{station}/{channel}");
  }
}
