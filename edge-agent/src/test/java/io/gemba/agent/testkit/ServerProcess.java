package io.gemba.agent.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One server binary run as a child process of the test JVM, its output appended to a log file.
 *
 * <p>Every started process and every temp dir is also registered with one JVM shutdown hook that
 * kills the processes (SIGKILL) and deletes the dirs, so a test run that crashes or forgets to
 * close a server leaves nothing running.
 */
final class ServerProcess {

  private static final int TAIL_LINES = 30;
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
  private static final Set<Path> TEMP_DIRS = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ServerProcess::cleanUpAtExit, "gemba-testkit-cleanup"));
  }

  private final String name;
  private final Path logFile;
  private Process process;
  private long logOffsetAtStart;

  ServerProcess(String name, Path logFile) {
    this.name = name;
    this.logFile = logFile;
  }

  /** Fails with the install command when {@code binary} is not an executable file. */
  static void requireExecutable(Path binary, String installHint) {
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("missing " + binary + ": " + installHint);
    }
  }

  /** A new temp dir that the shutdown hook deletes if {@link #deleteTempDir} is never called. */
  static Path createTempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      TEMP_DIRS.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp dir for " + prefix, e);
    }
  }

  static void deleteTempDir(Path dir) {
    deleteRecursively(dir);
    TEMP_DIRS.remove(dir);
  }

  /** Starts {@code command}, stdout and stderr appended to the log file. */
  void start(List<String> command) {
    if (isRunning()) {
      throw new IllegalStateException(name + " is already running");
    }
    try {
      logOffsetAtStart = Files.exists(logFile) ? Files.size(logFile) : 0;
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
    RUNNING.add(process);
  }

  /**
   * Waits until {@code ready} answers true. Fails, with the last lines of the log, if the process
   * exits first or {@code timeout} passes (the process is then killed).
   */
  void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
    Process p = process;
    try {
      Awaitility.await(name + " " + what)
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> !p.isAlive() || ready.getAsBoolean());
    } catch (ConditionTimeoutException e) {
      kill();
      throw failure(
          name + " did not become ready (" + what + ") within " + timeout.toSeconds() + " s");
    }
    if (!p.isAlive()) {
      RUNNING.remove(p);
      throw failure(name + " exited with code " + p.exitValue() + " while starting (" + what + ")");
    }
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * SIGTERM, then waits for the exit, so that the server saves its state. A server still running
   * after {@code timeout} is killed and the call fails.
   */
  void stop(Duration timeout) {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    if (!waitFor(p, timeout)) {
      p.destroyForcibly();
      waitFor(p, timeout);
      RUNNING.remove(p);
      throw failure(name + " did not stop within " + timeout.toSeconds() + " s of SIGTERM; killed");
    }
    RUNNING.remove(p);
  }

  /** SIGKILL, then waits for the exit: a crash, nothing saved. */
  void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    waitFor(p, Duration.ofSeconds(10));
    RUNNING.remove(p);
  }

  /** What the process wrote to the log since its last start. */
  String outputSinceStart() {
    byte[] log = readLog();
    int from = (int) Math.min(logOffsetAtStart, log.length);
    return new String(log, from, log.length - from, StandardCharsets.UTF_8);
  }

  /** An exception whose message ends with the last lines of the log. */
  IllegalStateException failure(String message) {
    List<String> lines = Arrays.asList(new String(readLog(), StandardCharsets.UTF_8).split("\n"));
    List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    return new IllegalStateException(
        message + "; last lines of " + logFile + ":\n" + String.join("\n", tail));
  }

  private byte[] readLog() {
    try {
      return Files.exists(logFile) ? Files.readAllBytes(logFile) : new byte[0];
    } catch (IOException e) {
      return ("(cannot read the log: " + e + ")").getBytes(StandardCharsets.UTF_8);
    }
  }

  private static boolean waitFor(Process p, Duration timeout) {
    try {
      return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }

  private static void cleanUpAtExit() {
    for (Process p : RUNNING) {
      p.destroyForcibly();
    }
    for (Process p : RUNNING) {
      waitFor(p, Duration.ofSeconds(5));
    }
    for (Path dir : TEMP_DIRS) {
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
