package io.gemba.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void parse_nothing_theDefaults() {
    BenchOptions options = BenchOptions.parse();

    assertThat(options.rates()).containsExactly(1000, 2000, 4000, 6000, 8000, 10000, 12000, 15000);
    assertThat(options.step()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.accountingWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.connections()).isEqualTo(5);
    assertThat(options.agentHeap()).isEqualTo("1g");
    assertThat(options.spool()).isFalse();
  }

  @Test
  void parse_spool_isAFlag() {
    BenchOptions options = BenchOptions.parse("--spool", "--rates", "8000");

    assertThat(options.spool()).isTrue();
    assertThat(options.rates()).containsExactly(8000);
  }

  @Test
  void parse_quickRun_ratesAndStep() {
    BenchOptions options = BenchOptions.parse("--step-seconds", "5", "--rates", "500, 2000");

    assertThat(options.rates()).containsExactly(500, 2000);
    assertThat(options.step()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void parse_badValues_messageNamesTheOption() {
    assertThatThrownBy(() -> BenchOptions.parse("--rates", "2000,500"))
        .hasMessage("--rates: must rise, 500 after 2000");
    assertThatThrownBy(() -> BenchOptions.parse("--step-seconds", "ten"))
        .hasMessage("--step-seconds: not a whole number: 'ten'");
    assertThatThrownBy(() -> BenchOptions.parse("--step-seconds", "0"))
        .hasMessage("--step-seconds: at least 1");
    assertThatThrownBy(() -> BenchOptions.parse("--steps", "5"))
        .hasMessage("unknown option --steps");
    assertThatThrownBy(() -> BenchOptions.parse("--rates")).hasMessage("--rates: needs a value");
    assertThatThrownBy(() -> BenchOptions.parse("--agent-heap", "2GB"))
        .hasMessage("--agent-heap: a size such as 1g or 1536m, was '2GB'");
    assertThat(BenchOptions.parse("--agent-heap", "1536m").agentHeap()).isEqualTo("1536m");
  }
}
