package io.gemba.agent.http;

import io.gemba.collector.engine.LeanSnapshot;
import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.engine.QualitySnapshot;
import io.gemba.collector.engine.StationSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the API shows of the plant, as of the engines' last snapshots; read from any thread. */
public interface PlantView {

  /** Every station seen. */
  List<StationSnapshot> stations();

  /** Every configured line. */
  List<LineSnapshot> lines();

  /** The battery test quality of every station that has sent a test. */
  List<QualitySnapshot> quality();

  /** 5S, kaizen and local content. */
  LeanSnapshot lean();

  /** No lean KPIs yet. */
  LeanSnapshot NO_LEAN = new LeanSnapshot(null, List.of(), List.of(), List.of(), List.of());

  /** The lean KPIs of several engines, each of its own scopes, as one. */
  static LeanSnapshot merge(List<LeanSnapshot> parts) {
    Instant clock = null;
    List<LeanSnapshot.Audit> audits = new ArrayList<>();
    List<LeanSnapshot.KaizenGroup> kaizens = new ArrayList<>();
    List<LeanSnapshot.KaizenEffect> effects = new ArrayList<>();
    List<LeanSnapshot.LocalContent> local = new ArrayList<>();
    for (LeanSnapshot part : parts) {
      if (part.clock() != null && (clock == null || part.clock().isAfter(clock))) {
        clock = part.clock();
      }
      audits.addAll(part.audits());
      kaizens.addAll(part.kaizens());
      effects.addAll(part.effects());
      local.addAll(part.localContent());
    }
    return new LeanSnapshot(clock, audits, kaizens, effects, local);
  }
}
