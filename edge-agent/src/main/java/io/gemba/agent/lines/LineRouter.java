package io.gemba.agent.lines;

import io.gemba.collector.plant.AreaConfig;
import io.gemba.collector.plant.LineConfig;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.SiteConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Which engine instance owns a line: all messages of a line, whatever its station or channel, go to
 * one instance, in order. Configured lines are dealt out in turn, in the order of the
 * configuration, so that instances get as many lines each; a line that is not configured goes by
 * the hash of its name. A topic that names no line (it will be rejected by the decoder) goes by the
 * hash of the whole topic.
 */
public final class LineRouter {

  private static final String PREFIX = "gemba/v1/";

  private final int instances;
  private final Map<String, Integer> configured = new HashMap<>();

  /** A router over {@code instances} engine instances for the lines of {@code model}. */
  public LineRouter(PlantModel model, int instances) {
    if (instances < 1) {
      throw new IllegalArgumentException("at least one engine instance, not " + instances);
    }
    this.instances = instances;
    int next = 0;
    for (SiteConfig site : model.sites()) {
      for (AreaConfig area : site.areas()) {
        for (LineConfig line : area.lines()) {
          configured.put(lineKey(site.id(), area.id(), line.id()), next++ % instances);
        }
      }
    }
  }

  /** The number of engine instances. */
  public int instances() {
    return instances;
  }

  /** The instance that owns the line of {@code topic}. */
  public int instanceOf(String topic) {
    if (topic == null) {
      return 0;
    }
    if (!topic.startsWith(PREFIX)) {
      return Math.floorMod(topic.hashCode(), instances);
    }
    int site = topic.indexOf('/', PREFIX.length());
    int area = site < 0 ? -1 : topic.indexOf('/', site + 1);
    int line = area < 0 ? -1 : topic.indexOf('/', area + 1);
    String key = line < 0 ? topic : topic.substring(PREFIX.length(), line);
    return instanceOfKey(key);
  }

  /** The instance that owns line {@code line} of {@code area} at {@code site}. */
  public int instanceOf(String site, String area, String line) {
    return instanceOfKey(lineKey(site, area, line));
  }

  private int instanceOfKey(String key) {
    Integer owner = configured.get(key);
    return owner != null ? owner : Math.floorMod(key.hashCode(), instances);
  }

  private static String lineKey(String site, String area, String line) {
    return site + '/' + area + '/' + line;
  }
}
