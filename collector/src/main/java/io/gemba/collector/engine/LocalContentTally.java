package io.gemba.collector.engine;

import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.PartConsumed;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Local content per line, product and month (docs/kpis.md, "Local content"): the parts consumed, by
 * quantity and by value ({@code qty × unitCost}), local where their origin is the site's country,
 * imported where it is another, and apart where it is not known (no {@code origin}, or a site whose
 * country the configuration does not know). The sums are exact decimals, so that they do not depend
 * on the order the parts came in.
 */
final class LocalContentTally {

  static final String MEASUREMENT = "local_content";

  /** The {@code product} tag of a line's month over all products. */
  static final String ALL = "_all";

  /** The {@code product} tag of parts consumed where no product was known. */
  static final String NO_PRODUCT = "_none";

  /** The months kept per line: a part of an older month is late. */
  static final int MONTHS = 24;

  /** The sums of one line, product and month. */
  static final class Sums {
    BigDecimal qtyLocal = BigDecimal.ZERO;
    BigDecimal qtyImported = BigDecimal.ZERO;
    BigDecimal qtyUnknown = BigDecimal.ZERO;
    BigDecimal valueLocal = BigDecimal.ZERO;
    BigDecimal valueImported = BigDecimal.ZERO;
    BigDecimal valueUnknown = BigDecimal.ZERO;
    BigDecimal qtyWithoutCost = BigDecimal.ZERO;

    void add(Sums other) {
      qtyLocal = qtyLocal.add(other.qtyLocal);
      qtyImported = qtyImported.add(other.qtyImported);
      qtyUnknown = qtyUnknown.add(other.qtyUnknown);
      valueLocal = valueLocal.add(other.valueLocal);
      valueImported = valueImported.add(other.valueImported);
      valueUnknown = valueUnknown.add(other.valueUnknown);
      qtyWithoutCost = qtyWithoutCost.add(other.qtyWithoutCost);
    }

    List<String> save() {
      return List.of(
          qtyLocal.toString(),
          qtyImported.toString(),
          qtyUnknown.toString(),
          valueLocal.toString(),
          valueImported.toString(),
          valueUnknown.toString(),
          qtyWithoutCost.toString());
    }

    static Sums restore(List<String> saved) {
      Sums sums = new Sums();
      sums.qtyLocal = new BigDecimal(saved.get(0));
      sums.qtyImported = new BigDecimal(saved.get(1));
      sums.qtyUnknown = new BigDecimal(saved.get(2));
      sums.valueLocal = new BigDecimal(saved.get(3));
      sums.valueImported = new BigDecimal(saved.get(4));
      sums.valueUnknown = new BigDecimal(saved.get(5));
      sums.qtyWithoutCost = new BigDecimal(saved.get(6));
      return sums;
    }
  }

  /** A line and month; its products' sums. */
  private record LineMonth(String site, String area, String line, YearMonth month) {}

  /** The sums of one line, product and month, for a checkpoint. */
  record Saved(
      String site, String area, String line, String month, String product, List<String> sums) {}

  private final double target;
  private final Map<LineMonth, Map<String, Sums>> months = new LinkedHashMap<>();
  private final Map<String, YearMonth> newestByLine = new LinkedHashMap<>();
  private final List<LineMonth> dirty = new ArrayList<>();

  LocalContentTally(double target) {
    this.target = target;
  }

  /**
   * Adds a part consumed, for {@code product} (null if none is known), at a site of {@code country}
   * (null if not known) in {@code zone}; false if its month is older than those kept.
   */
  boolean add(PartConsumed part, String product, String country, ZoneId zone) {
    String[] tags = Lean.scopeTags(part.topic());
    YearMonth month = YearMonth.from(part.ts().atZone(zone));
    String lineKey = tags[0] + '/' + tags[1] + '/' + tags[2];
    YearMonth newest = newestByLine.get(lineKey);
    if (newest != null && month.isBefore(newest.minusMonths(MONTHS - 1))) {
      return false;
    }
    if (newest == null || month.isAfter(newest)) {
      newestByLine.put(lineKey, month);
      YearMonth oldestKept = month.minusMonths(MONTHS - 1);
      months
          .keySet()
          .removeIf(
              k ->
                  k.site.equals(tags[0])
                      && k.area.equals(tags[1])
                      && k.line.equals(tags[2])
                      && k.month.isBefore(oldestKept));
    }
    LineMonth key = new LineMonth(tags[0], tags[1], tags[2], month);
    Sums sums =
        months
            .computeIfAbsent(key, k -> new TreeMap<>())
            .computeIfAbsent(product == null ? NO_PRODUCT : product, p -> new Sums());
    BigDecimal qty = new BigDecimal(part.qty());
    BigDecimal value =
        part.unitCost() == null ? null : qty.multiply(new BigDecimal(part.unitCost()));
    if (value == null) {
      sums.qtyWithoutCost = sums.qtyWithoutCost.add(qty);
    }
    if (part.origin() == null || country == null) {
      sums.qtyUnknown = sums.qtyUnknown.add(qty);
      if (value != null) {
        sums.valueUnknown = sums.valueUnknown.add(value);
      }
    } else if (part.isFrom(country)) {
      sums.qtyLocal = sums.qtyLocal.add(qty);
      if (value != null) {
        sums.valueLocal = sums.valueLocal.add(value);
      }
    } else {
      sums.qtyImported = sums.qtyImported.add(qty);
      if (value != null) {
        sums.valueImported = sums.valueImported.add(value);
      }
    }
    if (!dirty.contains(key)) {
      dirty.add(key);
    }
    return true;
  }

  /** Writes the months that changed: each product's, and the line's over all products. */
  void flush(Map<String, ZoneId> zones, Consumer<Point> emit) {
    for (LineMonth key : dirty) {
      Map<String, Sums> products = months.get(key);
      if (products == null) {
        continue;
      }
      long startMs =
          key.month
              .atDay(1)
              .atStartOfDay(zones.getOrDefault(key.site, ZoneId.of("UTC")))
              .toInstant()
              .toEpochMilli();
      Sums all = new Sums();
      for (Map.Entry<String, Sums> product : products.entrySet()) {
        emit.accept(point(key, startMs, product.getKey(), product.getValue()));
        all.add(product.getValue());
      }
      emit.accept(point(key, startMs, ALL, all));
    }
    dirty.clear();
  }

  private Point point(LineMonth key, long startMs, String product, Sums sums) {
    return Point.builder(MEASUREMENT, Instant.ofEpochMilli(startMs))
        .tag("site", key.site)
        .tag("area", key.area)
        .tag("line", key.line)
        .tag("station", Lean.lineStation(key.line))
        .tag("product", product)
        .tag("window", "month")
        .field("qty_pct", pct(sums.qtyLocal, sums.qtyImported))
        .field("value_pct", pct(sums.valueLocal, sums.valueImported))
        .field("target_pct", target * 100)
        .field("qty_local", sums.qtyLocal.doubleValue())
        .field("qty_imported", sums.qtyImported.doubleValue())
        .field("qty_unknown_origin", sums.qtyUnknown.doubleValue())
        .field("value_local", sums.valueLocal.doubleValue())
        .field("value_imported", sums.valueImported.doubleValue())
        .field("value_unknown_origin", sums.valueUnknown.doubleValue())
        .field("qty_without_cost", sums.qtyWithoutCost.doubleValue())
        .build();
  }

  /** {@code local / (local + imported)} as %, NaN if both are zero. */
  static double pct(BigDecimal local, BigDecimal imported) {
    BigDecimal known = local.add(imported);
    if (known.signum() == 0) {
      return Double.NaN;
    }
    return local
        .multiply(BigDecimal.valueOf(100))
        .divide(known, MathContext.DECIMAL64)
        .doubleValue();
  }

  List<LeanSnapshot.LocalContent> snapshot() {
    List<LeanSnapshot.LocalContent> list = new ArrayList<>();
    List<Map.Entry<LineMonth, Map<String, Sums>>> entries = new ArrayList<>(months.entrySet());
    entries.sort((a, b) -> b.getKey().month.compareTo(a.getKey().month));
    for (Map.Entry<LineMonth, Map<String, Sums>> entry : entries) {
      LineMonth key = entry.getKey();
      Sums all = new Sums();
      for (Map.Entry<String, Sums> product : entry.getValue().entrySet()) {
        list.add(snapshot(key, product.getKey(), product.getValue()));
        all.add(product.getValue());
      }
      list.add(snapshot(key, ALL, all));
    }
    return list;
  }

  private LeanSnapshot.LocalContent snapshot(LineMonth key, String product, Sums sums) {
    return new LeanSnapshot.LocalContent(
        key.site,
        key.area,
        key.line,
        product,
        key.month.toString(),
        pct(sums.qtyLocal, sums.qtyImported),
        pct(sums.valueLocal, sums.valueImported),
        target * 100,
        sums.qtyUnknown.doubleValue());
  }

  List<Saved> save() {
    List<Saved> saved = new ArrayList<>();
    months.forEach(
        (key, products) ->
            products.forEach(
                (product, sums) ->
                    saved.add(
                        new Saved(
                            key.site,
                            key.area,
                            key.line,
                            key.month.toString(),
                            product,
                            sums.save()))));
    return saved;
  }

  void restore(List<Saved> saved) {
    for (Saved each : saved) {
      YearMonth month = YearMonth.parse(each.month());
      LineMonth key = new LineMonth(each.site(), each.area(), each.line(), month);
      months
          .computeIfAbsent(key, k -> new TreeMap<>())
          .put(each.product(), Sums.restore(each.sums()));
      String lineKey = each.site() + '/' + each.area() + '/' + each.line();
      YearMonth newest = newestByLine.get(lineKey);
      if (newest == null || month.isAfter(newest)) {
        newestByLine.put(lineKey, month);
      }
    }
  }
}
