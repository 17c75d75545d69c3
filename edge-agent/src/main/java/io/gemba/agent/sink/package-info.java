/**
 * The end of the path: the time-series database. {@link io.gemba.agent.sink.InfluxLines} is
 * InfluxDB's write API (influxdb-client-java), the spool's {@code LineWriter}; without a spool,
 * {@link io.gemba.agent.sink.InfluxPointWriter} writes the engines' points to it directly, and
 * {@link io.gemba.agent.sink.DiscardingPointWriter} stands in when no database is configured. The
 * only package that knows InfluxDB's client; it may use every stage before it.
 */
package io.gemba.agent.sink;
