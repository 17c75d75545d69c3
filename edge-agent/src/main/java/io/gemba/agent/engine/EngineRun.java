package io.gemba.agent.engine;

import io.gemba.agent.ingest.Message;
import io.gemba.collector.engine.KpiEngine;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.DecodeCounters;
import io.gemba.collector.telemetry.Decoded;
import io.gemba.collector.telemetry.DecoderSettings;
import io.gemba.collector.telemetry.DuplicateFilter;
import io.gemba.collector.telemetry.Reject;
import io.gemba.collector.telemetry.TelemetryDecoder;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An engine instance's {@link KpiEngine} with its decoding: a run of messages is decoded, the
 * redelivered events (a {@code seq} seen before) counted by the engine and dropped, the rest
 * applied with one {@link KpiEngine#acceptAll}, and the points that made handed back; a tick
 * likewise. The live path and the recovery after a restart apply their runs here alike, each with
 * its own {@link Tally}: the live path counts what came, the recovery counts nothing (that was
 * counted when it came).
 *
 * <p>Owned by one thread at a time: the recovery's, then the instance's context.
 */
final class EngineRun {

  /** What a run saw, for the metrics. */
  interface Tally {
    /** Counts nothing. */
    Tally NONE =
        new Tally() {
          @Override
          public void decoded(Channel channel, boolean tsMissing) {}

          @Override
          public void rejected(Reject reject, Message message) {}
        };

    /** An event (a message or an element of a batch) was decoded, on {@code channel}. */
    void decoded(Channel channel, boolean tsMissing);

    /** A message, or an element of {@code message} (a batch), breaks the contract. */
    void rejected(Reject reject, Message message);
  }

  private final PlantModel model;
  private final TelemetryDecoder decoder;
  private final DuplicateFilter duplicates = new DuplicateFilter();
  private final int maxUnconfiguredStations;
  private List<Point> points = new ArrayList<>();
  private KpiEngine engine;

  /**
   * A run over a new engine for {@code model} that takes at most {@code maxUnconfiguredStations}
   * stations the model does not name.
   */
  EngineRun(PlantModel model, DecoderSettings decoderSettings, int maxUnconfiguredStations) {
    this.model = model;
    this.decoder = new TelemetryDecoder(decoderSettings, DecodeCounters.NONE);
    this.maxUnconfiguredStations = maxUnconfiguredStations;
    this.engine = new KpiEngine(model, this::made, maxUnconfiguredStations);
  }

  private void made(Point point) {
    points.add(point);
  }

  /**
   * Replaces the engine with the one {@code state} holds (a checkpoint).
   *
   * @throws IllegalArgumentException if {@code state} is not a checkpoint this engine can restore
   */
  void restore(byte[] state) {
    engine = KpiEngine.restore(model, this::made, state, maxUnconfiguredStations);
    points.clear();
  }

  /** Applies {@code messages}, counting in {@code tally}; returns the points they made. */
  List<Point> apply(List<? extends Message> messages, Tally tally) {
    List<TelemetryEvent> events = new ArrayList<>();
    List<TelemetryEvent> redelivered = new ArrayList<>(0);
    Instant arrival = null;
    for (Message message : messages) {
      arrival = message.arrival();
      for (Decoded decoded :
          decoder.decode(message.topic(), message.payload(), message.arrival())) {
        if (decoded instanceof TelemetryEvent event) {
          tally.decoded(event.channel(), event.envelope().tsMissing());
          (duplicates.isDuplicate(event) ? redelivered : events).add(event);
        } else {
          tally.rejected((Reject) decoded, message);
        }
      }
    }
    engine.acceptAll(events, arrival);
    // After the run: a redelivery of an event in the same run finds the station the event made.
    for (TelemetryEvent event : redelivered) {
      engine.redelivered(event);
    }
    return takePoints();
  }

  /** Ticks the engine's wall clock to {@code now}; returns the points that made. */
  List<Point> tick(Instant now) {
    engine.tick(now);
    return takePoints();
  }

  private List<Point> takePoints() {
    if (points.isEmpty()) {
      return List.of();
    }
    List<Point> made = points;
    points = new ArrayList<>();
    return made;
  }

  /** The engine, for its stats, snapshots and captures; not to be fed around this run. */
  KpiEngine engine() {
    return engine;
  }
}
