package io.gemba.collector.telemetry;

/** What the decoder makes of a message or a batch element: a telemetry event or a reject. */
public sealed interface Decoded permits TelemetryEvent, Reject {}
