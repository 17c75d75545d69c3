package io.gemba.collector.plant;

import static io.gemba.collector.plant.PlantFixtures.CELL_STACK_TIMES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdealCycleTimesTest {

  @Test
  void forProduct_listedProduct_returnsItsOwnTime() {
    assertThat(CELL_STACK_TIMES.forProduct("HEV-PACK-L")).contains(Duration.ofSeconds(60));
  }

  @Test
  void forProduct_unlistedOrNoProduct_returnsDefault() {
    assertThat(CELL_STACK_TIMES.forProduct("HEV-PACK-S")).contains(Duration.ofSeconds(45));
    assertThat(CELL_STACK_TIMES.forProduct(null)).contains(Duration.ofSeconds(45));
  }

  @Test
  void forProduct_noDefault_onlyListedProductsHaveATime() {
    IdealCycleTimes times =
        new IdealCycleTimes(null, Map.of("HEV-PACK-L", Duration.ofMillis(1500)));

    assertThat(times.forProduct("HEV-PACK-L")).contains(Duration.ofMillis(1500));
    assertThat(times.forProduct("HEV-PACK-S")).isEmpty();
    assertThat(times.forProduct(null)).isEmpty();
  }

  @Test
  void unknown_hasNoTimeForAnyProduct() {
    assertThat(IdealCycleTimes.unknown().forProduct("HEV-PACK-L")).isEmpty();
    assertThat(IdealCycleTimes.unknown().forProduct(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void constructor_defaultNotPositive_isRejected(long millis) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> IdealCycleTimes.of(Duration.ofMillis(millis)))
        .withMessageContaining("default ideal cycle time must be positive");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void constructor_productTimeNotPositive_isRejectedNamingTheProduct(long millis) {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new IdealCycleTimes(
                    Duration.ofSeconds(45), Map.of("HEV-PACK-L", Duration.ofMillis(millis))))
        .withMessageContaining("product 'HEV-PACK-L' must be positive");
  }

  @Test
  void constructor_emptyProductName_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new IdealCycleTimes(null, Map.of("", Duration.ofSeconds(1))))
        .withMessageContaining("product name must not be empty");
  }

  @Test
  void constructor_copiesTheMap() {
    Map<String, Duration> source = new HashMap<>(Map.of("A", Duration.ofSeconds(10)));
    IdealCycleTimes times = new IdealCycleTimes(null, source);

    source.put("B", Duration.ofSeconds(20));

    assertThat(times.forProduct("B")).isEmpty();
  }
}
