package io.gemba.collector.bench;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;

/**
 * Compares two builds of the engine on {@link KpiEngineBenchmark}'s stream in one JVM, pass by
 * pass, in alternating order: on a shared machine whose speed swings by half within minutes, runs
 * one after the other compare the machine's moods more than the code, while passes a second apart
 * see the same machine. Each build is loaded in its own class loader, with the {@link EnginePass}
 * compiled against it. Run by {@code scripts/bench-engine-compare}, which builds both.
 *
 * <p>Arguments: the class path of build A, that of build B (each: its {@link EnginePass}, its
 * classes, its test classes and the dependencies), the number of pairs of passes, and {@code
 * accept} or {@code batches}. Prints each pair and the median of B's speed over A's.
 */
public final class EngineComparison {

  private static final int WARM_UP_PASSES = 4;

  private EngineComparison() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    if (args.length != 4) {
      throw new IllegalArgumentException(
          "usage: EngineComparison CLASSPATH_A CLASSPATH_B PAIRS accept|batches");
    }
    LongUnaryOperator a = pass(args[0]);
    LongUnaryOperator b = pass(args[1]);
    int pairs = Integer.parseInt(args[2]);
    long mode =
        switch (args[3]) {
          case "accept" -> EnginePass.ACCEPT;
          case "batches" -> EnginePass.BATCHES;
          default -> throw new IllegalArgumentException("accept or batches, not " + args[3]);
        };
    for (int i = 0; i < WARM_UP_PASSES; i++) {
      seconds(a, mode);
      seconds(b, mode);
    }
    double[] ratios = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      double secondsA;
      double secondsB;
      if (i % 2 == 0) {
        secondsA = seconds(a, mode);
        secondsB = seconds(b, mode);
      } else {
        secondsB = seconds(b, mode);
        secondsA = seconds(a, mode);
      }
      ratios[i] = secondsA / secondsB;
      System.out.printf(
          Locale.ROOT,
          "pair %2d  A %.3f M events/s  B %.3f M events/s  B/A %.3f%n",
          i + 1,
          eventsPerSecond(secondsA) / 1e6,
          eventsPerSecond(secondsB) / 1e6,
          ratios[i]);
    }
    Arrays.sort(ratios);
    System.out.printf(
        Locale.ROOT,
        "B/A median %.3f, quartiles %.3f and %.3f, over %d pairs (%s)%n",
        ratios[pairs / 2],
        ratios[pairs / 4],
        ratios[(3 * pairs) / 4],
        pairs,
        args[3]);
  }

  private static LongUnaryOperator pass(String classPath) throws ReflectiveOperationException {
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      try {
        urls.add(Path.of(entry).toUri().toURL());
      } catch (java.net.MalformedURLException e) {
        throw new IllegalArgumentException("not a class path entry: " + entry, e);
      }
    }
    ClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    return (LongUnaryOperator)
        loader.loadClass(EnginePass.class.getName()).getConstructor().newInstance();
  }

  /** One pass, after collecting the previous one's engine, in seconds. */
  private static double seconds(LongUnaryOperator pass, long mode) {
    System.gc();
    long start = System.nanoTime();
    long points = pass.applyAsLong(mode);
    long elapsed = System.nanoTime() - start;
    if (points < KpiEngineBenchmark.EVENTS) {
      throw new IllegalStateException("a pass made only " + points + " points");
    }
    return elapsed / 1e9;
  }

  private static double eventsPerSecond(double seconds) {
    return KpiEngineBenchmark.EVENTS / seconds;
  }
}
