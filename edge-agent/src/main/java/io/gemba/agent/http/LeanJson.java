package io.gemba.agent.http;

import io.gemba.collector.engine.LeanSnapshot;
import io.gemba.collector.engine.QualitySnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The API's JSON of battery test quality ({@code /api/v1/quality}) and of the lean KPIs ({@code
 * /api/v1/lean}), docs/operations.md. Numbers that are undefined are {@code null}; shares are
 * percentages where the name says {@code Pct}, else ratios in [0, 1].
 */
final class LeanJson {

  private LeanJson() {}

  static JsonObject quality(QualitySnapshot q) {
    JsonArray products = new JsonArray();
    for (QualitySnapshot.Product p : q.products()) {
      JsonArray measurements = new JsonArray();
      for (QualitySnapshot.Measurement m : p.measurements()) {
        measurements.add(
            new JsonObject()
                .put("measurement", m.measurement())
                .put("lsl", m.lsl())
                .put("usl", m.usl())
                .put("target", m.target())
                .put("last", number(m.last()))
                .put(
                    "window",
                    new JsonObject()
                        .put("tests", m.tests())
                        .put("mean", number(m.mean()))
                        .put("sigma", number(m.sigma()))
                        .put("cp", number(m.cp()))
                        .put("cpk", number(m.cpk()))
                        .put("cpm", number(m.cpm())))
                .put(
                    "chart",
                    new JsonObject()
                        .put("centre", number(m.centre()))
                        .put("ucl", number(m.ucl()))
                        .put("lcl", number(m.lcl())))
                .put(
                    "shift",
                    new JsonObject()
                        .put("tests", m.shiftTests())
                        .put("pp", number(m.pp()))
                        .put("ppk", number(m.ppk()))));
      }
      QualitySnapshot.ShiftYield y = p.shift();
      products.add(
          new JsonObject()
              .put("product", p.product())
              .put(
                  "shift",
                  y == null
                      ? null
                      : new JsonObject()
                          .put("shift", y.shift())
                          .put("tests", y.tests())
                          .put("passed", y.passed())
                          .put("firstTests", y.firstTests())
                          .put("firstPassed", y.firstPassed())
                          .put("fpy", number(y.fpy())))
              .put("measurements", measurements));
    }
    JsonArray violations = new JsonArray();
    for (QualitySnapshot.Violation v : q.violations()) {
      violations.add(
          new JsonObject()
              .put("ts", v.ts().toString())
              .put("product", v.product())
              .put("measurement", v.measurement())
              .put("serial", v.serial())
              .put("value", number(v.value()))
              .put("z", number(v.z()))
              .put("rules", new JsonArray(v.rules())));
    }
    return new JsonObject()
        .put("site", q.site())
        .put("area", q.area())
        .put("line", q.line())
        .put("station", q.station())
        .put("products", products)
        .put("spcViolations", violations)
        .put("verdictMismatches", q.verdictMismatches())
        .put("unjudgedTests", q.unjudged());
  }

  static JsonObject lean(LeanSnapshot lean, Map<String, String> equal) {
    JsonArray audits = new JsonArray();
    for (LeanSnapshot.Audit a : lean.audits()) {
      if (!in(equal, a.site(), a.area(), a.line())) {
        continue;
      }
      JsonObject pillars =
          new JsonObject()
              .put("sort", number(a.pillarPct().get(0)))
              .put("setInOrder", number(a.pillarPct().get(1)))
              .put("shine", number(a.pillarPct().get(2)))
              .put("standardize", number(a.pillarPct().get(3)))
              .put("sustain", number(a.pillarPct().get(4)));
      audits.add(
          new JsonObject()
              .put("site", a.site())
              .put("area", a.area())
              .put("line", a.line())
              .put("station", a.station())
              .put("lastAudit", a.last().toString())
              .put("auditor", a.auditor())
              .put("pillarsPct", pillars)
              .put("totalPct", number(a.totalPct()))
              .put("changeTotalPct", number(a.changeTotalPct()))
              .put("daysSinceLast", number(a.daysSinceLast()))
              .put("overdue", a.overdue())
              .put("redTagsOpen", a.redTagsOpen())
              .put("audits", a.audits()));
    }
    JsonArray kaizens = new JsonArray();
    for (LeanSnapshot.KaizenGroup k : lean.kaizens()) {
      if (!in(equal, k.site(), k.area(), k.line())) {
        continue;
      }
      JsonObject byStatus = new JsonObject();
      k.byStatus().forEach(byStatus::put);
      kaizens.add(
          new JsonObject()
              .put("site", k.site())
              .put("area", k.area())
              .put("line", k.line())
              .put("byStatus", byStatus)
              .put("submitted", k.submitted())
              .put("implemented", k.implemented())
              .put("implementationRate", number(k.implementationRate()))
              .put("leadTimeDays", number(k.leadTimeDays()))
              .put("savingsPerYear", number(k.savingsPerYear())));
    }
    JsonArray effects = new JsonArray();
    for (LeanSnapshot.KaizenEffect e : lean.effects()) {
      if (!in(equal, e.site(), e.area(), e.line())) {
        continue;
      }
      effects.add(
          new JsonObject()
              .put("site", e.site())
              .put("area", e.area())
              .put("line", e.line())
              .put("station", e.station())
              .put("kaizen", e.kaizen())
              .put("kpi", e.kpi())
              .put("implemented", e.implemented().toString())
              .put("before", number(e.before()))
              .put("after", number(e.after()))
              .put("change", number(e.change()))
              .put("improved", e.improved())
              .put("complete", e.complete()));
    }
    JsonArray local = new JsonArray();
    for (LeanSnapshot.LocalContent l : lean.localContent()) {
      if (!in(equal, l.site(), l.area(), l.line())) {
        continue;
      }
      local.add(
          new JsonObject()
              .put("site", l.site())
              .put("area", l.area())
              .put("line", l.line())
              .put("product", l.product())
              .put("month", l.month())
              .put("qtyPct", number(l.qtyPct()))
              .put("valuePct", number(l.valuePct()))
              .put("targetPct", number(l.targetPct()))
              .put("qtyUnknownOrigin", number(l.qtyUnknownOrigin())));
    }
    return new JsonObject()
        .put("clock", SnapshotJson.time(lean.clock()))
        .put("audits5s", audits)
        .put("kaizen", kaizens)
        .put("kaizenEffects", effects)
        .put("localContent", local);
  }

  private static boolean in(Map<String, String> equal, String site, String area, String line) {
    return HttpApi.matches(equal, "site", site)
        && HttpApi.matches(equal, "area", area)
        && HttpApi.matches(equal, "line", line);
  }

  private static Double number(double value) {
    return SnapshotJson.ratio(value);
  }
}
