/**
 * The Gemba edge agent: the Vert.x service that subscribes to line telemetry over MQTT, runs the
 * collector's decoding and KPI engine, and writes raw values and KPIs to InfluxDB.
 *
 * <p>Its packages follow the path a message takes: {@code ingest} (the MQTT session) → {@code
 * lines} (which engine instance owns a line) → {@code engine} (the instances that apply messages
 * and tick) → {@code spool} (the durable log between the engines and the database) → {@code sink}
 * (the database). Each stage defines what it hands on to, and the next implements it, so a package
 * depends only on those before it on the path. Beside the path: {@code config}, {@code metrics} and
 * {@code timing}, which any part may use; {@code http}, {@code demo} and {@code simulate}, which
 * look on or feed in; and {@code app}, which wires them all and which nothing uses. {@code
 * ArchitectureTest} holds the layers to this.
 */
package io.gemba.agent;
