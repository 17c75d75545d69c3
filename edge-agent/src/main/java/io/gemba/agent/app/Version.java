package io.gemba.agent.app;

import picocli.CommandLine;

/** The version from the jar's manifest ("development" when run from classes). */
final class Version implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"Gemba edge agent " + (version == null ? "development" : version)};
  }
}
