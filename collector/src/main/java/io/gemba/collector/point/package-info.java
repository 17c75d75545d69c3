/**
 * The engine's output: plain points of the InfluxDB schema (docs/kpis.md, "Points written"), with
 * no InfluxDB library. The agent turns them into writes.
 */
package io.gemba.collector.point;
