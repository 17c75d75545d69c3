package io.gemba.agent.spool;

import java.util.List;

/**
 * Where a spool's sender writes its points: the time-series database's write API, which the agent's
 * {@code sink} provides. A write is all or nothing.
 */
public interface LineWriter extends AutoCloseable {

  /**
   * Writes lines of the InfluxDB line protocol.
   *
   * @throws WriteFailure if they were not written: refused (sending them again will not help), or
   *     for want of the server (worth trying again)
   */
  void write(List<String> lines) throws WriteFailure;

  /** Where it writes, for log lines: an address without credentials. */
  String target();

  /** Releases the client. */
  @Override
  void close();
}
