package io.gemba.agent.bench;

import io.gemba.agent.testkit.MosquittoServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The machine and the versions a run was made with. */
record Machine(
    int processors,
    String cpuModel,
    long memoryMiB,
    String os,
    String java,
    String mosquitto,
    String victoriaMetrics) {

  // Empty in Debian's build, which then gives the package's version.
  private static final Pattern VM_VERSION = Pattern.compile("short_version=\"([^\"]+)\"");

  /** This machine; {@code victoriaMetricsUrl} is asked for its version. */
  static Machine probe(String victoriaMetricsUrl) {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        procValue("/proc/cpuinfo", "model name"),
        parseKib(procValue("/proc/meminfo", "MemTotal")) / 1024,
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.runtime.name") + " " + System.getProperty("java.runtime.version"),
        mosquittoVersion(),
        victoriaMetricsVersion(victoriaMetricsUrl));
  }

  String describe() {
    return "%d processors (%s), %,d MiB, %s; %s; %s; VictoriaMetrics %s"
        .formatted(processors, cpuModel, memoryMiB, os, java, mosquitto, victoriaMetrics);
  }

  private static String procValue(String file, String key) {
    try {
      for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      // unknown
    }
    return "unknown";
  }

  private static long parseKib(String value) {
    try {
      return Long.parseLong(value.split(" ")[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String mosquittoVersion() {
    try {
      Process p =
          new ProcessBuilder(MosquittoServer.BINARY.toString(), "-h")
              .redirectErrorStream(true)
              .start();
      String first =
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .findFirst()
              .orElse("");
      p.waitFor();
      return first.isBlank() ? "mosquitto (unknown version)" : first.strip();
    } catch (IOException e) {
      return "mosquitto (unknown version)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "mosquitto (unknown version)";
    }
  }

  private static String debianVersion(String pkg) {
    try {
      Process p =
          new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", pkg)
              .redirectErrorStream(true)
              .start();
      String version =
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 && !version.isEmpty()
          ? version + " (Debian package)"
          : "(unknown version)";
    } catch (IOException e) {
      return "(unknown version)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(unknown version)";
    }
  }

  private static String victoriaMetricsVersion(String url) {
    try {
      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/metrics"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      Matcher m = VM_VERSION.matcher(metrics.body());
      return m.find() ? m.group(1) : debianVersion("victoria-metrics");
    } catch (IOException e) {
      return "(unknown version)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(unknown version)";
    }
  }
}
