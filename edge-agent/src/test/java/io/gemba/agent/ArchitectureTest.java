package io.gemba.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * One role per package (docs/development.md): {@code app} wires the others and nothing depends on
 * it; each outside library stays in the package whose role it is.
 */
@AnalyzeClasses(packages = "io.gemba.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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
