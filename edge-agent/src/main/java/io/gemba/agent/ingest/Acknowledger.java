package io.gemba.agent.ingest;

/** Acknowledges a delivery to the broker once what it produced has been handed on. */
@FunctionalInterface
public interface Acknowledger {

  /** Acknowledges {@code delivery}; a QoS 0 delivery needs nothing. Never throws. */
  void acknowledge(Delivery delivery);
}
