package io.gemba.agent.config;

/** A secret value that never shows in logs. (Interim.) */
public final class Secret {
  private static final Secret NONE = new Secret(null);
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  public static Secret none() {
    return NONE;
  }

  public boolean isPresent() {
    return value != null;
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return value == null ? "<none>" : "<secret>";
  }
}
