package io.gemba.agent.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes the benchmark starts itself (the agent, the baseline subscriber), stopped by a
 * shutdown hook if the benchmark ends without closing them: on Ctrl-C or SIGTERM. SIGTERM first, so
 * the agent writes what it holds; SIGKILL after 20 s. (Mosquitto and VictoriaMetrics are started by
 * the test kit, whose own hook kills them.)
 */
final class ChildProcesses {

  private final Set<Process> running = ConcurrentHashMap.newKeySet();

  ChildProcesses() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "bench-cleanup"));
  }

  void add(Process process) {
    running.add(process);
  }

  private void stopAll() {
    for (Process p : running) {
      p.destroy();
    }
    for (Process p : running) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
  }
}
