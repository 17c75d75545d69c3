package io.gemba.agent.lines;

import io.gemba.agent.ingest.Delivery;

/** Where the deliveries of the lines an engine instance owns go: that instance's queue. */
@FunctionalInterface
public interface Inbox {

  /** Takes a delivery. Called on the MQTT client's thread: queues it and returns; never blocks. */
  void deliver(Delivery delivery);
}
