package io.gemba.agent.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the kit's servers share: a temp dir of their own, one process listening on a free port of
 * 127.0.0.1, and start, stop, kill, restart and close. A {@link Launch} says what differs: the
 * command, the files it needs before each launch, and when it is ready.
 */
final class LocalServer {

  /** The parts of a server's start that differ from one server to another. */
  interface Launch {

    /** Writes what the process reads at start (configuration for this port); may do nothing. */
    void beforeLaunch(LocalServer server);

    /** The command line of the process. */
    List<String> command(LocalServer server);

    /** Whether this process, and not another that took the port, is ready. */
    boolean ready(LocalServer server);

    /** What ready means, for the message of a failed start. */
    String readiness(LocalServer server);
  }

  private static final int START_ATTEMPTS = 3;

  private final String name;
  private final Path binary;
  private final String installHint;
  private final Duration startTimeout;
  private final Duration stopTimeout;
  private final Launch launch;
  private Path dir;
  private ServerProcess process;
  private int port;

  LocalServer(
      String name,
      Path binary,
      String installHint,
      Duration startTimeout,
      Duration stopTimeout,
      Launch launch) {
    this.name = name;
    this.binary = binary;
    this.installHint = installHint;
    this.startTimeout = startTimeout;
    this.stopTimeout = stopTimeout;
    this.launch = launch;
  }

  /**
   * Makes the temp dir, lets {@code prepare} fill it, and launches on a free port; a port taken by
   * another process before the server bound it is tried again with a new one. Cleans up on failure.
   */
  void start(Runnable prepare) {
    if (dir != null) {
      throw new IllegalStateException("already started; use restart()");
    }
    ServerProcess.requireExecutable(binary, installHint);
    dir = ServerProcess.createTempDir("gemba-" + name + "-");
    process = new ServerProcess(name, logFile());
    try {
      prepare.run();
      launchOnFreePort();
    } catch (RuntimeException e) {
      try {
        close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void launchOnFreePort() {
    for (int attempt = 1; ; attempt++) {
      port = FreePort.find();
      try {
        launch();
        return;
      } catch (IllegalStateException e) {
        boolean portTaken =
            process.outputSinceStart().toLowerCase(Locale.ROOT).contains("address already in use");
        if (!portTaken || attempt == START_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private void launch() {
    launch.beforeLaunch(this);
    process.start(launch.command(this));
    process.awaitReady(launch.readiness(this), startTimeout, () -> launch.ready(this));
  }

  Path binary() {
    return binary;
  }

  /** The temp dir. */
  Path dir() {
    requireStarted();
    return dir;
  }

  /** The port on 127.0.0.1. */
  int port() {
    requireStarted();
    return port;
  }

  /** The process's output, kept across restarts. */
  Path logFile() {
    requireStarted();
    return dir.resolve(name + ".log");
  }

  /** An exception with {@code message} and the last lines of the log. */
  IllegalStateException failure(String message) {
    requireStarted();
    return process.failure(message);
  }

  /** The output of the current process since it started. */
  String outputSinceStart() {
    return process.outputSinceStart();
  }

  boolean isRunning() {
    return process != null && process.isRunning();
  }

  /** SIGTERM and wait for the exit. */
  void stop() {
    requireStarted();
    process.stop(stopTimeout);
  }

  /** SIGKILL: a crash. */
  void kill() {
    requireStarted();
    process.kill();
  }

  /** Starts the process again (stopping it first if it runs), on the same port and dir. */
  void restart() {
    requireStarted();
    if (process.isRunning()) {
      process.stop(stopTimeout);
    }
    launch();
  }

  /** Stops the process (SIGTERM, SIGKILL if that fails) and deletes the temp dir. */
  void close() {
    if (dir == null) {
      return;
    }
    try {
      if (process.isRunning()) {
        process.stop(stopTimeout);
      }
    } finally {
      ServerProcess.deleteTempDir(dir);
      dir = null;
    }
  }

  private void requireStarted() {
    if (dir == null) {
      throw new IllegalStateException(name + " not started (or already closed)");
    }
  }
}
