package io.gemba.collector.telemetry;

/**
 * What the decoder counts, so that every accepted event, every event without its own time and every
 * reject shows in the agent's metrics. Implementations are called on the decoding thread.
 */
public interface DecodeCounters {

  /** Counts nothing. */
  DecodeCounters NONE =
      new DecodeCounters() {
        @Override
        public void accepted(Channel channel, boolean tsMissing) {}

        @Override
        public void rejected(RejectReason reason) {}
      };

  /**
   * An event was decoded.
   *
   * @param channel its channel
   * @param tsMissing whether it had no {@code ts}, so that its time is the arrival time
   */
  void accepted(Channel channel, boolean tsMissing);

  /** A message or batch element was rejected. */
  void rejected(RejectReason reason);
}
