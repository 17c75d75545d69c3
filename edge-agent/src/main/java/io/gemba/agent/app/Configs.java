package io.gemba.agent.app;

import io.gemba.agent.config.AgentConfig;
import io.gemba.agent.config.ConfigException;
import io.gemba.agent.config.ConfigLoader;
import io.vertx.core.Future;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Model.CommandSpec;

/** Loading the configuration and waiting for a start, for the commands. */
final class Configs {

  private Configs() {}

  /**
   * The configuration of {@code file} with the environment, or null after printing its problems to
   * {@code err}.
   */
  static AgentConfig load(Path file, PrintWriter err) {
    try {
      return ConfigLoader.load(file, System.getenv());
    } catch (ConfigException e) {
      err.println("configuration " + file + " is not valid:");
      for (String problem : e.problems()) {
        err.println("  " + problem);
      }
      err.flush();
      return null;
    }
  }

  /**
   * Runs {@code command} with the configuration of {@code file}; if it is not valid, prints its
   * problems to the command line's error stream and returns {@link Main#BAD_CONFIGURATION}.
   */
  static int withConfig(Path file, CommandSpec spec, ToIntFunction<AgentConfig> command) {
    AgentConfig loaded = load(file, spec.commandLine().getErr());
    if (loaded == null) {
      return Main.BAD_CONFIGURATION;
    }
    return command.applyAsInt(loaded);
  }

  /** Waits for {@code future}; a failure becomes an exception that ends the command. */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "could not start: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
  }
}
