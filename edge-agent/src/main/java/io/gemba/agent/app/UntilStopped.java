package io.gemba.agent.app;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a command running until the process is asked to stop (SIGTERM, Ctrl-C). */
final class UntilStopped {

  private static final Logger log = LoggerFactory.getLogger(UntilStopped.class);
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private UntilStopped() {}

  /**
   * Blocks until the process is asked to stop, then runs {@code stop} and waits for it to finish
   * (at most {@value #STOP_TIMEOUT_SECONDS} s) before the process ends.
   */
  static void await(Supplier<CompletionStage<?>> stop) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping");
                  try {
                    stop.get().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    log.info("stopped");
                  } catch (Exception e) {
                    log.warn(
                        "did not stop cleanly within {} s: {}", STOP_TIMEOUT_SECONDS, e.toString());
                  } finally {
                    stopped.countDown();
                  }
                },
                "gemba-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
