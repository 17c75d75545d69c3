package io.gemba.agent.simulate;

import io.gemba.collector.telemetry.PartConsumed;
import io.gemba.collector.telemetry.Topic;
import java.util.List;
import java.util.Random;

/**
 * The parts a station uses up: every {@value PartCatalog#LOT_UNITS} units it makes, a lot of each
 * of its parts, from the local supplier with the probability of the options' local share, else from
 * the importer. A local part costs 8% less.
 */
final class PartSupply {

  private final List<PartCatalog.Part> parts;
  private final Topic topic;
  private final Random random;
  private final double localShare;
  private long units;

  PartSupply(String station, Topic topic, Random random, double localShare) {
    this.parts = PartCatalog.forStation(station);
    this.topic = topic;
    this.random = random;
    this.localShare = localShare;
  }

  /** A unit of {@code product} was made at {@code ms}: publishes the lots that are used up. */
  void unitMade(long ms, Product product, Emitter out) {
    if (++units % PartCatalog.LOT_UNITS != 0) {
      return;
    }
    for (PartCatalog.Part part : parts) {
      boolean local = random.nextDouble() < localShare;
      double qty = (double) part.perUnit(product) * PartCatalog.LOT_UNITS;
      double unitCost = local ? Math.round(part.unitCost() * 92) / 100.0 : part.unitCost();
      out.emit(
          topic,
          ms,
          envelope ->
              new PartConsumed(
                  envelope,
                  part.number(),
                  local ? part.localSupplier() : part.importSupplier(),
                  local ? SimulatedPlant.COUNTRY : part.importOrigin(),
                  qty,
                  unitCost));
    }
  }
}
