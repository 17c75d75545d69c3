package io.gemba.agent.simulate;

import io.gemba.collector.telemetry.PartConsumed;
import io.gemba.collector.telemetry.Topic;
import java.util.List;
import java.util.Random;

/**
 * The parts a station uses up: every {@value PartCatalog#LOT_UNITS} units it makes, a lot of each
 * of its parts, from the local supplier with the part's local share at the options' plant-wide
 * share ({@link PartCatalog.Part#localShare(double)}), else from the importer. A local part costs
 * 8% less. {@value #UNKNOWN_ORIGIN_SHARE} of the lots, from either supplier, come without a
 * certificate of origin: they are published without {@code origin}, neither local nor imported.
 */
final class PartSupply {

  /** The share of lots whose origin is not known. */
  static final double UNKNOWN_ORIGIN_SHARE = 0.02;

  private final List<PartCatalog.Part> parts;
  private final double[] localShares;
  private final Topic topic;
  private final Random random;
  private long units;

  PartSupply(String station, Topic topic, Random random, double localShare) {
    this.parts = PartCatalog.forStation(station);
    this.localShares = new double[parts.size()];
    for (int i = 0; i < localShares.length; i++) {
      localShares[i] = parts.get(i).localShare(localShare);
    }
    this.topic = topic;
    this.random = random;
  }

  /** A unit of {@code product} was made at {@code ms}: publishes the lots that are used up. */
  void unitMade(long ms, Product product, Emitter out) {
    if (++units % PartCatalog.LOT_UNITS != 0) {
      return;
    }
    for (int i = 0; i < localShares.length; i++) {
      PartCatalog.Part part = parts.get(i);
      boolean local = random.nextDouble() < localShares[i];
      boolean known = random.nextDouble() >= UNKNOWN_ORIGIN_SHARE;
      double qty = (double) part.perUnit(product) * PartCatalog.LOT_UNITS;
      double unitCost = local ? Math.round(part.unitCost() * 92) / 100.0 : part.unitCost();
      String origin = local ? SimulatedPlant.COUNTRY : part.importOrigin();
      out.emit(
          topic,
          ms,
          envelope ->
              new PartConsumed(
                  envelope,
                  part.number(),
                  local ? part.localSupplier() : part.importSupplier(),
                  known ? origin : null,
                  qty,
                  unitCost));
    }
  }
}
