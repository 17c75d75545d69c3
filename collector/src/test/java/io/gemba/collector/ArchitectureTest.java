package io.gemba.collector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The collector is the pure streaming core: it depends on no framework and does no I/O, so that it
 * runs the same in the agent, in a replay and in a unit test.
 */
@AnalyzeClasses(
    packages = "io.gemba.collector",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noFrameworkOrIoLibrary =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.vertx..",
              "io.netty..",
              "org.eclipse.paho..",
              "com.influxdb..",
              "org.influxdb..",
              "io.micrometer..",
              "org.slf4j..",
              "ch.qos.logback..",
              "org.apache.logging..",
              "java.util.logging..")
          .because(
              "collector is pure: Vert.x, Paho, InfluxDB, Micrometer and logging stay in edge-agent");

  @ArchTest
  static final ArchRule noFileNetworkOrProcessIo =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.net..", "java.nio.file..", "java.nio.channels..", "java.sql..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.io.File")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.io.FileInputStream")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.io.FileOutputStream")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.lang.ProcessBuilder")
          .because("collector computes on values handed to it; the agent owns files and sockets");

  @ArchTest
  static final ArchRule noWallClock =
      noClasses()
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(java.time.Instant.class, "now")
          .because("the core computes on event time; the caller passes arrival time in");

  @ArchTest
  static final ArchRule noAgentCode =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.gemba.agent..")
          .because("the dependency points one way: edge-agent depends on collector");
}
