package io.gemba.agent.simulate;

import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.KaizenUpdate;
import io.gemba.collector.telemetry.OrderEvent;
import io.gemba.collector.telemetry.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One line in event time: its stations, its work orders and its lean activity, whose implemented
 * kaizen cards change the stations they are about from then on.
 *
 * <p>The line works one order at a time, published on its order topic (station {@code _}) so that
 * it holds for every station. An order ends when the output station has passed its planned quantity
 * (96 to 360 packs, in totes of 24); the next order is for another product, with another ideal
 * cycle time, so every station changes over.
 */
final class LineSim {

  private static final int MAX_STEPS_AT_ONE_TIME = 1_000;

  private final String line;
  private final int index;
  private final List<Product> products;
  private final Random random;
  private final Emitter out;
  private final Topic orderTopic;
  private final StationSim[] stations;
  private final String[] stationIds;
  private final StationSim output;
  private final LeanActivity lean;

  private int orderNumber;
  private String order;
  private Product product;
  private long plannedQty;
  private long goodAtOrderStart;

  LineSim(SimulatedPlant plant, int index, WorkingTime calendar, Emitter out, long startMs) {
    this.line = plant.lines().get(index);
    this.index = index;
    this.products = plant.products();
    SimulationOptions options = plant.options();
    this.random = new Random(seed(options.seed(), index, -1));
    this.out = out;
    this.orderTopic =
        new Topic(SimulatedPlant.SITE, SimulatedPlant.AREA, line, Topic.WHOLE, Channel.ORDER);
    List<SimulatedStation> specs = plant.stations(line);
    this.stations = new StationSim[specs.size()];
    this.stationIds = new String[specs.size()];
    List<String> improvable = new ArrayList<>();
    StationSim last = null;
    for (int i = 0; i < stations.length; i++) {
      Random stationRandom = new Random(seed(options.seed(), index, i));
      SimulatedStation spec = specs.get(i);
      WornContact contact =
          spec.kind() == SimulatedStation.Kind.BATTERY_TEST
              ? WornContact.ofLine(options.seed(), index, options.lines(), startMs)
              : null;
      stations[i] = new StationSim(spec, stationRandom, calendar, out, options, contact);
      stationIds[i] = spec.id();
      if (spec.id().equals(SimulatedPlant.OUTPUT_STATION)) {
        last = stations[i];
      } else {
        improvable.add(spec.id());
      }
    }
    this.output = last;
    this.lean =
        new LeanActivity(
            line,
            improvable,
            index == plant.lines().size() - 1,
            new Random(seed(options.seed(), index, -2)),
            calendar,
            out,
            this::implemented,
            startMs);
  }

  /** A kaizen card was implemented at {@code ms}: the stations it is about change from now on. */
  private void implemented(long ms, String station, KaizenUpdate.TargetKpi target) {
    for (int i = 0; i < stations.length; i++) {
      if (station == null || station.equals(stationIds[i])) {
        stations[i].improve(ms, target);
      }
    }
  }

  /**
   * A seed of its own for each line and station. {@link Random} scrambles its seed only lightly, so
   * that seeds one apart give alike first draws: the parts are mixed with SplitMix64's finalizer.
   */
  static long seed(long seed, int line, int station) {
    long z = seed + (line + 1) * 0x9E3779B97F4A7C15L + (station + 3) * 0xD1B54A32D192ED03L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The line's place in the plant, from 0. */
  int index() {
    return index;
  }

  /** Starts the first order and every station at {@code ms}. */
  void start(long ms) {
    product = products.get(random.nextInt(products.size()));
    startOrder(ms);
    for (StationSim station : stations) {
      station.start(ms, product);
    }
  }

  /** The next time something happens on the line. */
  long next() {
    long next = lean.next();
    for (StationSim station : stations) {
      next = Math.min(next, station.next());
    }
    return next;
  }

  /** Does what is due at {@code ms}, which is {@link #next()}. */
  void step(long ms) {
    if (lean.next() <= ms) {
      lean.step(ms);
    }
    for (int steps = 0; next() <= ms; steps++) {
      if (steps == MAX_STEPS_AT_ONE_TIME) {
        throw new IllegalStateException("line " + line + " does not get past " + ms);
      }
      for (StationSim station : stations) {
        if (station.next() <= ms) {
          station.step(ms);
        }
      }
      if (output != null && output.goodUnits() - goodAtOrderStart >= plannedQty) {
        changeOrder(ms);
      }
    }
  }

  private void changeOrder(long ms) {
    String ended = order;
    Product made = product;
    out.emit(
        orderTopic,
        ms,
        envelope -> new OrderEvent(envelope, OrderEvent.Kind.END, ended, made.name(), null, null));
    Product next = products.get(random.nextInt(products.size() - 1));
    product = next == made ? products.get(products.size() - 1) : next;
    startOrder(ms);
    for (StationSim station : stations) {
      station.changeOver(ms, product);
    }
  }

  private void startOrder(long ms) {
    order = String.format("WO-%s-%04d", line, ++orderNumber);
    plannedQty = (long) PartCatalog.LOT_UNITS * (4 + random.nextInt(12));
    goodAtOrderStart = output == null ? 0 : output.goodUnits();
    String started = order;
    Product making = product;
    long quantity = plannedQty;
    out.emit(
        orderTopic,
        ms,
        envelope ->
            new OrderEvent(
                envelope, OrderEvent.Kind.START, started, making.name(), quantity, null));
  }
}
