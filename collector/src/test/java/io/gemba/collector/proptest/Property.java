package io.gemba.collector.proptest;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a property over seeded random examples: {@code tries} of them, the first ones given as edge
 * cases if any, the rest made by a generator from one {@link Draw}. The seed is new on each run
 * unless the system property {@value #SEED} sets it; a failure reports the seed, the try and the
 * example, and the same seed makes the same examples again:
 *
 * <pre>./mvnw -pl collector test -Dtest=KpiPropertiesTest#losses... -Dgemba.property.seed=...</pre>
 */
public final class Property {

  /** The system property that fixes the seed of every property run, to replay a failure. */
  public static final String SEED = "gemba.property.seed";

  private Property() {}

  /** A check of one example; it fails by throwing, as an assertion does. */
  @FunctionalInterface
  public interface Check<T> {
    void accept(T example) throws Exception;
  }

  /** Checks {@code tries} examples made by {@code generator}. */
  public static <T> void forAll(int tries, Function<Draw, T> generator, Check<T> check) {
    forAll(tries, List.of(), generator, check);
  }

  /**
   * Checks {@code edgeCases}, then examples made by {@code generator} up to {@code tries} in all.
   */
  public static <T> void forAll(
      int tries, List<T> edgeCases, Function<Draw, T> generator, Check<T> check) {
    if (edgeCases.size() > tries) {
      throw new IllegalArgumentException("more edge cases than tries");
    }
    String fixed = System.getProperty(SEED);
    long seed =
        fixed != null ? Long.parseLong(fixed.trim()) : ThreadLocalRandom.current().nextLong();
    run(seed, fixed != null ? " (set by " + SEED + ")" : "", tries, edgeCases, generator, check);
  }

  static <T> void run(
      long seed,
      String seedOrigin,
      int tries,
      List<T> edgeCases,
      Function<Draw, T> generator,
      Check<T> check) {
    Draw draw = new Draw(seed);
    for (int i = 0; i < tries; i++) {
      Object example = "(not made: the generator failed)";
      try {
        T value = i < edgeCases.size() ? edgeCases.get(i) : generator.apply(draw);
        example = value;
        check.accept(value);
      } catch (Exception | Error failure) {
        throw new AssertionError(
            String.format(
                "Property failed on try %d of %d%s, seed %d%s.%n"
                    + "Replay: -D%s=%d%nExample: %s%nFailure: %s",
                i + 1,
                tries,
                i < edgeCases.size() ? " (an edge case)" : "",
                seed,
                seedOrigin,
                SEED,
                seed,
                describe(example),
                failure),
            failure);
      }
    }
  }

  /** A record by its components, arrays and collections by element, the rest by toString. */
  static String describe(Object value) {
    if (!(value instanceof Record record)) {
      return element(value);
    }
    StringBuilder text = new StringBuilder(record.getClass().getSimpleName()).append('[');
    RecordComponent[] components = record.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      try {
        Method accessor = components[i].getAccessor();
        accessor.setAccessible(true);
        text.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=');
        text.append(element(accessor.invoke(record)));
      } catch (ReflectiveOperationException e) {
        return String.valueOf(record);
      }
    }
    return text.append(']').toString();
  }

  private static String element(Object value) {
    if (value instanceof Collection<?> collection) {
      return collection.stream().map(Property::element).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value != null && value.getClass().isArray()) {
      String wrapped = Arrays.deepToString(new Object[] {value});
      return wrapped.substring(1, wrapped.length() - 1);
    }
    return String.valueOf(value);
  }
}
