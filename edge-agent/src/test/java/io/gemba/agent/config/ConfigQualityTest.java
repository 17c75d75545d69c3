package io.gemba.agent.config;

import static io.gemba.agent.config.ConfigFixtures.MINIMAL;
import static io.gemba.agent.config.ConfigFixtures.load;
import static io.gemba.agent.config.ConfigFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.SpecLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code plant.quality} and {@code plant.lean}: values, defaults, problems, variables. */
class ConfigQualityTest {

  /** {@link ConfigFixtures#MINIMAL} with {@code sections} (indented as keys of plant) first. */
  private static String withPlant(String sections) {
    return MINIMAL.replace("plant:\n", "plant:\n" + sections);
  }

  private static final String LIMITS =
      """
        quality:
          window: 200
          spcMinTests: 30
          limits:
            - {product: HEV-PACK-1.3KWH, measurement: ocv_v, lsl: 198.6, usl: 204.6, target: 201.6}
            - {product: HEV-PACK-1.3KWH, measurement: dcir_mohm, usl: 92}
            - {product: HEV-PACK-1.3KWH, measurement: capacity_ah, lsl: "6.42"}
        lean:
          auditCadence: 10d
          kaizenEffectDays: 14
      """;

  @Test
  void load_qualityAndLean_valuesRead() {
    AgentConfig config = load(withPlant(LIMITS));

    QualityPolicy quality = config.plant().quality();
    assertThat(quality.window()).isEqualTo(200);
    assertThat(quality.spcMinTests()).isEqualTo(30);
    assertThat(quality.limits())
        .containsExactly(
            new SpecLimits("HEV-PACK-1.3KWH", "ocv_v", 198.6, 204.6, 201.6),
            new SpecLimits("HEV-PACK-1.3KWH", "dcir_mohm", null, 92.0, null),
            new SpecLimits("HEV-PACK-1.3KWH", "capacity_ah", 6.42, null, null));
    assertThat(config.plant().limits("HEV-PACK-1.3KWH"))
        .containsOnlyKeys("ocv_v", "dcir_mohm", "capacity_ah");
    assertThat(config.plant().lean()).isEqualTo(new LeanPolicy(Duration.ofDays(10), 14));
  }

  @Test
  void load_withoutQualityOrLean_theDefaults() {
    AgentConfig config = load(MINIMAL);

    assertThat(config.plant().quality()).isEqualTo(QualityPolicy.defaults());
    assertThat(config.plant().lean()).isEqualTo(LeanPolicy.defaults());
  }

  @Test
  void load_emptySections_theDefaults() {
    AgentConfig config = load(withPlant("  quality: {limits: []}\n  lean: {}\n"));

    assertThat(config.plant().quality()).isEqualTo(QualityPolicy.defaults());
    assertThat(config.plant().lean()).isEqualTo(LeanPolicy.defaults());
  }

  @Test
  void load_badValues_eachReportedWithItsKey() {
    String yaml =
        withPlant(
            """
              quality:
                window: 1
                spcMinTests: many
                limits:
                  - {measurement: ocv v, lsl: low, usl: NaN, target: .inf}
                  - {product: P, measurement: temp_c, lsl: 1e400, usl: 0x10, tolerance: 2}
                  - just-a-measurement
              lean: {auditCadence: 30m, kaizenEffectDays: 91}
            """);

    assertThat(problems(yaml))
        .containsExactly(
            "plant.quality.window: must be between 2 and 10000, was 1",
            "plant.quality.spcMinTests: must be an integer, was 'many'",
            "plant.quality.limits[2]: must be a mapping of keys to values",
            "plant.quality.limits[0].product: required key is missing",
            "plant.quality.limits[0].measurement: must be 1 to 64 characters of A-Z, a-z, 0-9, _"
                + " and -, was 'ocv v'",
            "plant.quality.limits[0].lsl: must be a finite number, as 201.6, was 'low'",
            "plant.quality.limits[0].usl: must be a finite number, as 201.6, was 'NaN'",
            "plant.quality.limits[0].target: must be a finite number, as 201.6, was '.inf'",
            "plant.quality.limits[1].lsl: must be a finite number, as 201.6, was '1e400'",
            "plant.quality.limits[1].usl: must be a finite number, as 201.6, was '0x10'",
            "plant.quality.limits[1].tolerance: unknown key",
            "plant.lean.auditCadence: must be between 1h and 366d, was 30m",
            "plant.lean.kaizenEffectDays: must be between 1 and 90, was 91");
  }

  @Test
  void load_productNames_likeTheTelemetryContracts() {
    String long65 = "P".repeat(65);

    assertThat(
            problems(
                withPlant(
                    "  quality:\n    limits:\n      - {product: "
                        + long65
                        + ", measurement: ocv_v, usl: 1}\n")))
        .containsExactly(
            "plant.quality.limits[0].product: must be 1 to 64 printable characters, was '"
                + "P".repeat(60)
                + "…'");
    assertThat(
            load(withPlant(
                    "  quality:\n    limits:\n      - {product: "
                        + "P".repeat(64)
                        + ", measurement: ocv_v, usl: 1}\n"))
                .plant()
                .limits("P".repeat(64)))
        .containsOnlyKeys("ocv_v");
  }

  @Test
  void load_spcMinTestsAboveTheWindow_namesSpcMinTests() {
    assertThat(problems(withPlant("  quality: {window: 20, spcMinTests: 21}\n")))
        .containsExactly("plant.quality.spcMinTests: must not be more than window (20), was 21");
    assertThat(problems(withPlant("  quality: {window: 10}\n")))
        .containsExactly(
            "plant.quality.spcMinTests: must not be more than window (10), was 25 (the default)");
    assertThat(load(withPlant("  quality: {window: 10, spcMinTests: 10}\n")).plant().quality())
        .isEqualTo(new QualityPolicy(10, 10, List.of()));
  }

  @Test
  void load_limitsTheRecordRefuses_atTheElement_andTwiceTheSame_atTheList() {
    String yaml =
        withPlant(
            """
              quality:
                limits:
                  - {product: P, measurement: ocv_v}
                  - {product: P, measurement: ocv_v, lsl: 204.6, usl: 198.6}
                  - {product: P, measurement: temp_c, lsl: 15, usl: 40, target: 45}
            """);

    assertThat(problems(yaml))
        .containsExactly(
            "plant.quality.limits[0]: limits of ocv_v of P: set lsl, usl or both",
            "plant.quality.limits[1]: limits of ocv_v of P: lsl 204.6 is not below usl 198.6",
            "plant.quality.limits[2]: limits of temp_c of P: target 45.0 is outside the limits");
    assertThat(
            problems(
                withPlant(
                    """
                      quality:
                        limits:
                          - {product: P, measurement: ocv_v, usl: 2}
                          - {product: Q, measurement: ocv_v, usl: 2}
                          - {product: P, measurement: ocv_v, lsl: 1}
                    """)))
        .containsExactly("plant.quality.limits: limits of ocv_v of P appear more than once");
  }

  @Test
  void load_variables_overrideTheFile_byTheUsualRule() {
    AgentConfig config =
        load(
            withPlant(LIMITS),
            Map.of(
                "GEMBA_PLANT_QUALITY_WINDOW", "300",
                "GEMBA_PLANT_QUALITY_LIMITS_0_USL", "205",
                "GEMBA_PLANT_QUALITY_LIMITS_1_PRODUCT", "HEV-PACK-1.6KWH",
                "GEMBA_PLANT_QUALITY_LIMITS_2_LSL", "",
                "GEMBA_PLANT_QUALITY_LIMITS_2_USL", "7.5",
                "GEMBA_PLANT_LEAN_AUDIT_CADENCE", "3d",
                "GEMBA_PLANT_LEAN_KAIZEN_EFFECT_DAYS", ""));

    assertThat(config.plant().quality().window()).isEqualTo(300);
    assertThat(config.plant().quality().limits())
        .containsExactly(
            new SpecLimits("HEV-PACK-1.3KWH", "ocv_v", 198.6, 205.0, 201.6),
            new SpecLimits("HEV-PACK-1.6KWH", "dcir_mohm", null, 92.0, null),
            new SpecLimits("HEV-PACK-1.3KWH", "capacity_ah", null, 7.5, null));
    assertThat(config.plant().lean())
        .isEqualTo(new LeanPolicy(Duration.ofDays(3), LeanPolicy.DEFAULT_KAIZEN_EFFECT_DAYS));
  }

  @Test
  void load_variables_withoutQualityInTheFile_setTheWindow_butAddNoLimit() {
    AgentConfig config = load(MINIMAL, Map.of("GEMBA_PLANT_QUALITY_SPC_MIN_TESTS", "50"));
    assertThat(config.plant().quality().spcMinTests()).isEqualTo(50);

    assertThat(
            problems(
                withPlant(LIMITS),
                Map.of(
                    "GEMBA_PLANT_QUALITY_LIMITS_3_USL", "1",
                    "GEMBA_PLANT_QUALITY_SPC_MIN_TESTS", "201",
                    "GEMBA_PLANT_LEAN_AUDIT_CADENCE", "7")))
        .containsExactly(
            "plant.quality.spcMinTests: must not be more than window (200), was 201 (from"
                + " GEMBA_PLANT_QUALITY_SPC_MIN_TESTS)",
            "plant.lean.auditCadence: must be a duration such as 90s, 2m, 1h30m, 500ms or PT2M,"
                + " was '7' (from GEMBA_PLANT_LEAN_AUDIT_CADENCE)",
            "GEMBA_PLANT_QUALITY_LIMITS_3_USL: names no configuration key (did you mean"
                + " GEMBA_PLANT_QUALITY_LIMITS_0_USL?)");
  }
}
