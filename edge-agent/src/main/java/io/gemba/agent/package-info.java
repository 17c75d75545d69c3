/**
 * The Gemba edge agent: the Vert.x service that subscribes to line telemetry over MQTT, runs the
 * collector's decoding and KPI engine, and writes raw values and KPIs to InfluxDB.
 *
 * <p>The service itself arrives with the edge-agent issue; this module holds its build so that the
 * dependency direction (agent on collector, never the reverse) is fixed from the first commit.
 */
package io.gemba.agent;
