package io.gemba.agent.config;

import static io.gemba.agent.config.ConfigFixtures.minimalWith;
import static io.gemba.agent.config.ConfigFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigSpoolTest {

  private static final Path BASE = Path.of("/etc/gemba");

  @Test
  void load_noSpoolSection_isNoSpool() throws Exception {
    AgentConfig config = ConfigLoader.load(minimalWith(""), Map.of(), BASE);

    assertThat(config.spool().enabled()).isFalse();
    assertThat(config.spool()).isEqualTo(SpoolConfig.disabled());
  }

  @Test
  void load_relativeDir_isResolvedAgainstTheConfigDirectory_andTheVariablesWin() throws Exception {
    AgentConfig config =
        ConfigLoader.load(
            minimalWith("spool: {dir: spool, maxMegabytes: 256, checkpointInterval: 5m}\n"),
            Map.of("GEMBA_SPOOL_SEGMENT_MEGABYTES", "16"),
            BASE);

    assertThat(config.spool())
        .isEqualTo(
            new SpoolConfig(
                Optional.of(Path.of("/etc/gemba/spool")), 256, 16, Duration.ofMinutes(5)));
  }

  @Test
  void load_sizesOutOfRange_areProblems() {
    assertThat(
            problems(
                minimalWith(
                    "spool: {dir: s, maxMegabytes: 0, segmentMegabytes: 2048,"
                        + " checkpointInterval: 500ms}\n")))
        .containsExactly(
            "spool.maxMegabytes: must be between 1 and 1048576, was 0",
            "spool.segmentMegabytes: must be between 1 and 1024, was 2048",
            "spool.checkpointInterval: must be between 1s and 1h, was 500ms");
  }
}
