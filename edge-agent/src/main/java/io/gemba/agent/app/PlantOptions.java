package io.gemba.agent.app;

import io.gemba.agent.simulate.SimulationOptions;
import picocli.CommandLine.Option;

/** The simulated plant's size and seed, shared by {@code demo} and {@code simulate}. */
final class PlantOptions {

  @Option(
      names = "--lines",
      paramLabel = "N",
      defaultValue = "2",
      description = "simulated production lines (default: ${DEFAULT-VALUE})")
  int lines;

  @Option(
      names = "--stations",
      paramLabel = "N",
      defaultValue = "5",
      description = "stations per line (default: ${DEFAULT-VALUE})")
  int stations;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "20261126",
      description =
          "seed of the simulated plant: the same seed, the same messages (default:"
              + " ${DEFAULT-VALUE})")
  long seed;

  /** The simulation with these options, running {@code speedUp} times the clock. */
  SimulationOptions simulation(double speedUp) {
    return SimulationOptions.defaults()
        .withLines(lines)
        .withStationsPerLine(stations)
        .withSeed(seed)
        .withSpeedUp(speedUp);
  }
}
