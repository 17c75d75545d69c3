package io.gemba.agent.simulate;

import java.util.List;

/**
 * The parts each station consumes, and their two sources: every part number is dual-sourced, from a
 * supplier in the site's country and from an importer, so that each lot is local or imported.
 *
 * <p>How often a lot is local depends on the part, as in a plant that localizes the cheap, bulky
 * parts first: cells, BMS boards and housings come more often from the importer, frames, busbars
 * and labels mostly from local suppliers. At the {@linkplain #NOMINAL_SHARE nominal share} the
 * cells (three quarters of the pieces of a pack and most of its value) are 55% local and the whole
 * pack about 60% by quantity, but only about 51% by value.
 */
final class PartCatalog {

  /** Units made between two consumed lots: a tote of parts. */
  static final int LOT_UNITS = 24;

  /** The plant-wide local share that the parts' own shares are given for. */
  static final double NOMINAL_SHARE = 0.60;

  /**
   * A part a station fits.
   *
   * @param number the part number
   * @param perUnit how many go into one unit; 0 means one per cell of the pack
   * @param unitCost the cost of one from the importer, in pesos; the local one costs 8% less
   * @param localSupplier the supplier in the site's country
   * @param importSupplier the importer's supplier
   * @param importOrigin the importer's country (ISO 3166-1 alpha-2)
   * @param localShare the share of its lots from the local supplier, at the {@link #NOMINAL_SHARE}
   */
  record Part(
      String number,
      int perUnit,
      double unitCost,
      String localSupplier,
      String importSupplier,
      String importOrigin,
      double localShare) {

    /** How many go into one unit of {@code product}. */
    int perUnit(Product product) {
      return perUnit == 0 ? product.cells() : perUnit;
    }

    /**
     * The share of its lots from the local supplier when the plant's is {@code plantShare}: its own
     * share, its odds scaled as the plant's odds are from the nominal share's, so that 0 and 1 stay
     * none and all.
     */
    double localShare(double plantShare) {
      if (plantShare <= 0 || plantShare >= 1) {
        return plantShare <= 0 ? 0 : 1;
      }
      double scale = odds(plantShare) / odds(NOMINAL_SHARE);
      double odds = odds(localShare) * scale;
      return odds / (1 + odds);
    }

    private static double odds(double share) {
      return share / (1 - share);
    }
  }

  private PartCatalog() {}

  /** The parts a station with this id fits into each unit. */
  static List<Part> forStation(String station) {
    return switch (station) {
      case "cell-load" ->
          List.of(
              new Part("CELL-LMO-3V6", 0, 310.0, "Celdas del Bajío", "Kansai Cell", "JP", 0.55));
      case "module-stack" ->
          List.of(
              new Part("MOD-FRAME-12", 4, 85.0, "Estampados Tlaxcala", "Ningbo Frames", "CN", 0.85),
              new Part("END-PLATE", 2, 42.0, "Estampados Tlaxcala", "Ningbo Frames", "CN", 0.85));
      case "busbar-weld" ->
          List.of(
              new Part("BUSBAR-CU-12", 12, 18.5, "Cobre Puebla", "Dongguan Copper", "CN", 0.85));
      case "bms-fit" ->
          List.of(
              new Part(
                  "BMS-BOARD-V3", 1, 2400.0, "Electrónica Querétaro", "Nagoya Denshi", "JP", 0.25));
      case "harness" ->
          List.of(new Part("HARNESS-HV", 1, 950.0, "Arneses Apizaco", "Busan Wiring", "KR", 0.55));
      case "housing-seal" ->
          List.of(
              new Part("HOUSING-AL", 1, 1800.0, "Fundición Hidalgo", "Stuttgart Guss", "DE", 0.40),
              new Part("GASKET-EPDM", 1, 65.0, "Hules Mexicanos", "Ohio Seals", "US", 0.85));
      case "torque" ->
          List.of(
              new Part("BOLT-M6", 24, 1.2, "Tornillería Monterrey", "Taichung Bolts", "TW", 0.70));
      case "label" ->
          List.of(
              new Part("LABEL-HV", 1, 3.5, "Etiquetas del Centro", "Shenzhen Labels", "CN", 0.95));
      case SimulatedPlant.OUTPUT_STATION, "leak-test" -> List.of();
      default ->
          List.of(
              new Part(
                  "CLIP-" + station.toUpperCase(java.util.Locale.ROOT),
                  2,
                  2.0,
                  "Plásticos Apizaco",
                  "Ohio Clips",
                  "US",
                  0.85));
    };
  }
}
