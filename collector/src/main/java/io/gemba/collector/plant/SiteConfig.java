package io.gemba.collector.plant;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A configured site: a plant, with its country (for local content), time zone and shifts.
 *
 * @param id the site's name in topics, 1 to 64 characters of {@code [A-Za-z0-9_-]}
 * @param country the ISO 3166-1 alpha-2 code of the site's country, upper case, as in {@code PK}
 * @param zone the site's time zone
 * @param shifts the site's shift calendar, in {@code zone}
 * @param areas the areas, with distinct ids; may be empty
 */
public record SiteConfig(
    String id, String country, ZoneId zone, ShiftCalendar shifts, List<AreaConfig> areas) {

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  /**
   * Builds a site configuration; the list is copied.
   *
   * @throws IllegalArgumentException if the id is invalid, the country is not an ISO 3166-1 alpha-2
   *     code, the calendar is in another zone, or two areas have the same id
   */
  public SiteConfig {
    ConfigChecks.requireId("site", id);
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(shifts, "shifts");
    areas = List.copyOf(Objects.requireNonNull(areas, "areas"));
    if (!COUNTRIES.contains(country)) {
      throw new IllegalArgumentException(
          "site '"
              + id
              + "': country '"
              + country
              + "' is not an ISO 3166-1 alpha-2 code (two upper-case letters, as in PK)");
    }
    if (!shifts.zone().equals(zone)) {
      throw new IllegalArgumentException(
          "site '"
              + id
              + "': the shift calendar's zone '"
              + shifts.zone()
              + "' is not the site's zone '"
              + zone
              + "'");
    }
    ConfigChecks.requireUniqueIds("site '" + id + "'", "area", areas, AreaConfig::id);
  }
}
