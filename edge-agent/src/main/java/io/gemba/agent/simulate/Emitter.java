package io.gemba.agent.simulate;

import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.gemba.collector.telemetry.Topic;
import java.util.function.Function;

/** Where the simulated stations and lines put their messages, in event-time order. */
interface Emitter {

  /**
   * Publishes one event that happened now.
   *
   * @param topic where it goes
   * @param ms its event time in epoch milliseconds: the time being simulated, never earlier
   * @param make makes the event from its envelope (topic, time and sequence number)
   */
  void emit(Topic topic, long ms, Function<Envelope, TelemetryEvent> make);
}
