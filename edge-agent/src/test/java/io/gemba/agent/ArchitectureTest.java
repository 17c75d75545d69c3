package io.gemba.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * One role per package (the package-info of {@code io.gemba.agent}): the packages of the path a
 * message takes, ingest → lines → engine → spool → sink, each depending only on those before it;
 * {@code config}, {@code metrics} and {@code timing} beside it, usable by all and using none of it;
 * {@code app} wires the others and nothing depends on it; no cycles between packages; each outside
 * library stays in the package whose role it is.
 */
@AnalyzeClasses(packages = "io.gemba.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The packages of the path a message takes, in its order. */
  private static final String[] PATH = {
    "io.gemba.agent.ingest..",
    "io.gemba.agent.lines..",
    "io.gemba.agent.engine..",
    "io.gemba.agent.spool..",
    "io.gemba.agent.sink.."
  };

  @ArchTest
  static final ArchRule thePathDependsOnlyBackwards =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("ingest")
          .definedBy("io.gemba.agent.ingest..")
          .layer("lines")
          .definedBy("io.gemba.agent.lines..")
          .layer("engine")
          .definedBy("io.gemba.agent.engine..")
          .layer("spool")
          .definedBy("io.gemba.agent.spool..")
          .layer("sink")
          .definedBy("io.gemba.agent.sink..")
          .layer("outside the path")
          .definedBy(
              "io.gemba.agent.app..",
              "io.gemba.agent.http..",
              "io.gemba.agent.demo..",
              "io.gemba.agent.simulate..")
          .whereLayer("ingest")
          .mayOnlyBeAccessedByLayers("lines", "engine", "spool", "sink", "outside the path")
          .whereLayer("lines")
          .mayOnlyBeAccessedByLayers("engine", "spool", "sink", "outside the path")
          .whereLayer("engine")
          .mayOnlyBeAccessedByLayers("spool", "sink", "outside the path")
          .whereLayer("spool")
          .mayOnlyBeAccessedByLayers("sink", "outside the path")
          .whereLayer("sink")
          .mayOnlyBeAccessedByLayers("outside the path")
          .because(
              "each stage defines what it hands on to and the next implements it, so the path"
                  + " reads from ingest down and a stage can be replaced without touching those"
                  + " before it");

  @ArchTest
  static final ArchRule onlyAppWiresThePath =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.gemba.agent.http..", "io.gemba.agent.demo..", "io.gemba.agent.simulate..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(PATH)
          .because("the HTTP API, the demo's parts and the simulator are given what they need");

  @ArchTest
  static final ArchRule sharedPackagesUseNoneOfTheAgent =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.gemba.agent.config..", "io.gemba.agent.metrics..", "io.gemba.agent.timing..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(PATH)
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.gemba.agent.http..", "io.gemba.agent.demo..", "io.gemba.agent.simulate..")
          .because("configuration, metrics and timing are used by every part and know none");

  @ArchTest
  static final ArchRule noCyclesBetweenPackages =
      slices()
          .matching("io.gemba.agent.(*)..")
          .should()
          .beFreeOfCycles()
          .because("a cycle would make two packages one role");

  @ArchTest
  static final ArchRule onlyAppKnowsTheWiring =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.gemba.agent.app..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.gemba.agent.app..")
          .because("app is main and wiring only; the parts know each other through interfaces");

  @ArchTest
  static final ArchRule mqttClientOnlyInIngestSimulateAndDemo =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "io.gemba.agent.ingest..", "io.gemba.agent.simulate..", "io.gemba.agent.demo..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.eclipse.paho..")
          .because("Paho's callback thread is a border that only ingest (and the simulator) cross");

  @ArchTest
  static final ArchRule influxClientOnlyInSink =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.gemba.agent.sink..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.influxdb..", "okhttp3..")
          .because("the writer is the only part that talks to InfluxDB");

  @ArchTest
  static final ArchRule embeddedBrokerOnlyInDemo =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.gemba.agent.demo..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.hivemq..")
          .because("the embedded broker is for demo only");

  @ArchTest
  static final ArchRule configIsReadOnlyByAppAndConfig =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.gemba.agent.config..", "io.gemba.agent.app..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("io.gemba.agent.config.ConfigLoader")
          .because("parts get their configuration through constructors, never by reading files");
}
