package io.gemba.collector.plant;

import io.gemba.collector.telemetry.StateCodeTable;
import io.gemba.collector.telemetry.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configured plant as the engine looks it up: sites, lines and stations by their names in
 * topics, the KPI policy, and what a station gets that publishes without being configured.
 *
 * <p>The lookups are hash lookups over maps built once in the constructor. The model is immutable
 * and safe to share between threads.
 */
public final class PlantModel {

  private final List<SiteConfig> sites;
  private final KpiPolicy policy;
  private final StationDefaults stationDefaults;
  private final QualityPolicy quality;
  private final LeanPolicy lean;
  private final Map<String, Map<String, SpecLimits>> limitsByProduct;
  private final Map<String, SiteConfig> siteById = new HashMap<>();
  private final Map<LineKey, LineConfig> lineByKey = new HashMap<>();
  private final Map<StationKey, StationConfig> stationByKey = new HashMap<>();

  /**
   * Builds a model; the list is copied.
   *
   * @param sites the configured sites, with distinct ids; may be empty
   * @param policy the KPI policy
   * @param stationDefaults what unconfigured stations get
   * @throws IllegalArgumentException if two sites have the same id
   */
  public PlantModel(List<SiteConfig> sites, KpiPolicy policy, StationDefaults stationDefaults) {
    this(sites, policy, stationDefaults, QualityPolicy.defaults(), LeanPolicy.defaults());
  }

  /**
   * Builds a model with battery test limits and lean settings; the list is copied.
   *
   * @param sites the configured sites, with distinct ids; may be empty
   * @param policy the KPI policy
   * @param stationDefaults what unconfigured stations get
   * @param quality how battery tests are judged and charted
   * @param lean the 5S and kaizen settings
   * @throws IllegalArgumentException if two sites have the same id
   */
  public PlantModel(
      List<SiteConfig> sites,
      KpiPolicy policy,
      StationDefaults stationDefaults,
      QualityPolicy quality,
      LeanPolicy lean) {
    this.sites = List.copyOf(Objects.requireNonNull(sites, "sites"));
    this.policy = Objects.requireNonNull(policy, "policy");
    this.stationDefaults = Objects.requireNonNull(stationDefaults, "stationDefaults");
    this.quality = Objects.requireNonNull(quality, "quality");
    this.lean = Objects.requireNonNull(lean, "lean");
    this.limitsByProduct = quality.byProduct();
    ConfigChecks.requireUniqueIds("plant", "site", this.sites, SiteConfig::id);
    for (SiteConfig site : this.sites) {
      siteById.put(site.id(), site);
      for (AreaConfig area : site.areas()) {
        for (LineConfig line : area.lines()) {
          lineByKey.put(new LineKey(site.id(), area.id(), line.id()), line);
          for (StationConfig station : line.stations()) {
            stationByKey.put(
                new StationKey(site.id(), area.id(), line.id(), station.id()), station);
          }
        }
      }
    }
  }

  /** The configured sites. */
  public List<SiteConfig> sites() {
    return sites;
  }

  /** The KPI policy. */
  public KpiPolicy policy() {
    return policy;
  }

  /** How battery tests are judged and charted. */
  public QualityPolicy quality() {
    return quality;
  }

  /** The 5S and kaizen settings. */
  public LeanPolicy lean() {
    return lean;
  }

  /** The specification limits of {@code product}'s measurements, by name; empty if none. */
  public Map<String, SpecLimits> limits(String product) {
    return limitsByProduct.getOrDefault(product, Map.of());
  }

  /** What unconfigured stations get. */
  public StationDefaults stationDefaults() {
    return stationDefaults;
  }

  /** The site with this id, if it is configured. */
  public Optional<SiteConfig> site(String siteId) {
    return Optional.ofNullable(siteById.get(siteId));
  }

  /** The line, if it is configured. */
  public Optional<LineConfig> line(String site, String area, String line) {
    return Optional.ofNullable(lineByKey.get(new LineKey(site, area, line)));
  }

  /** The id of the line's output station, if the line is configured. */
  public Optional<String> outputStation(String site, String area, String line) {
    return line(site, area, line).map(LineConfig::outputStation);
  }

  /** Whether the station is configured. */
  public boolean isConfigured(String site, String area, String line, String station) {
    return stationByKey.containsKey(new StationKey(site, area, line, station));
  }

  /**
   * The station's configuration: the configured one, or else the {@linkplain #stationDefaults()
   * defaults} under the station's id (a new object on each call, so keep it per station). Never
   * {@code null}.
   *
   * @throws IllegalArgumentException if the station is not configured and {@code station} is not a
   *     valid station name
   */
  public StationConfig station(String site, String area, String line, String station) {
    StationConfig configured = stationByKey.get(new StationKey(site, area, line, station));
    return configured != null ? configured : stationDefaults.forStation(station);
  }

  /**
   * The state code table for a topic: the station's own if it is configured, else the default one.
   * A line or area topic gets the default. Fits {@link
   * io.gemba.collector.telemetry.DecoderSettings#stateCodes} as {@code model::stateCodes}.
   */
  public StateCodeTable stateCodes(Topic topic) {
    if (topic.isWholeLine()) {
      return stationDefaults.stateCodes();
    }
    StationConfig configured =
        stationByKey.get(new StationKey(topic.site(), topic.area(), topic.line(), topic.station()));
    return configured != null ? configured.stateCodes() : stationDefaults.stateCodes();
  }

  private record LineKey(String site, String area, String line) {}

  private record StationKey(String site, String area, String line, String station) {}
}
