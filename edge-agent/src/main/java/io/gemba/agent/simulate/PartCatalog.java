package io.gemba.agent.simulate;

import java.util.List;

/**
 * The parts each station consumes, and their two sources: every part number is dual-sourced, from a
 * supplier in the site's country and from an importer, so that each lot is local or imported.
 */
final class PartCatalog {

  /** Units made between two consumed lots: a tote of parts. */
  static final int LOT_UNITS = 24;

  /**
   * A part a station fits.
   *
   * @param number the part number
   * @param perUnit how many go into one unit; 0 means one per cell of the pack
   * @param unitCost the cost of one from the importer, in pesos; the local one costs 8% less
   * @param localSupplier the supplier in the site's country
   * @param importSupplier the importer's supplier
   * @param importOrigin the importer's country (ISO 3166-1 alpha-2)
   */
  record Part(
      String number,
      int perUnit,
      double unitCost,
      String localSupplier,
      String importSupplier,
      String importOrigin) {

    /** How many go into one unit of {@code product}. */
    int perUnit(Product product) {
      return perUnit == 0 ? product.cells() : perUnit;
    }
  }

  private PartCatalog() {}

  /** The parts a station with this id fits into each unit. */
  static List<Part> forStation(String station) {
    return switch (station) {
      case "cell-load" ->
          List.of(new Part("CELL-LMO-3V6", 0, 310.0, "Celdas del Bajío", "Kansai Cell", "JP"));
      case "module-stack" ->
          List.of(
              new Part("MOD-FRAME-12", 4, 85.0, "Estampados Tlaxcala", "Ningbo Frames", "CN"),
              new Part("END-PLATE", 2, 42.0, "Estampados Tlaxcala", "Ningbo Frames", "CN"));
      case "busbar-weld" ->
          List.of(new Part("BUSBAR-CU-12", 12, 18.5, "Cobre Puebla", "Dongguan Copper", "CN"));
      case "bms-fit" ->
          List.of(
              new Part("BMS-BOARD-V3", 1, 2400.0, "Electrónica Querétaro", "Nagoya Denshi", "JP"));
      case "harness" ->
          List.of(new Part("HARNESS-HV", 1, 950.0, "Arneses Apizaco", "Busan Wiring", "KR"));
      case "housing-seal" ->
          List.of(
              new Part("HOUSING-AL", 1, 1800.0, "Fundición Hidalgo", "Stuttgart Guss", "DE"),
              new Part("GASKET-EPDM", 1, 65.0, "Hules Mexicanos", "Ohio Seals", "US"));
      case "torque" ->
          List.of(new Part("BOLT-M6", 24, 1.2, "Tornillería Monterrey", "Taichung Bolts", "TW"));
      case "label" ->
          List.of(new Part("LABEL-HV", 1, 3.5, "Etiquetas del Centro", "Shenzhen Labels", "CN"));
      case SimulatedPlant.OUTPUT_STATION, "leak-test" -> List.of();
      default ->
          List.of(
              new Part(
                  "CLIP-" + station.toUpperCase(java.util.Locale.ROOT),
                  2,
                  2.0,
                  "Plásticos Apizaco",
                  "Ohio Clips",
                  "US"));
    };
  }
}
