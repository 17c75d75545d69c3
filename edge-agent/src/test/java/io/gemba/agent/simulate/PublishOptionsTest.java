package io.gemba.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PublishOptionsTest {

  private static final URI BROKER = URI.create("tcp://127.0.0.1:1883");

  @Test
  void options_to_qos1OneClientPacedByEventTimeUntilClosed() {
    assertThat(PublishOptions.to(BROKER))
        .isEqualTo(new PublishOptions(BROKER, 1, 1, 0, null, null, null, 1_000, "gemba-sim", null));
  }

  @Test
  void options_with_changesOnlyThatValue() {
    PublishOptions options =
        PublishOptions.to(BROKER)
            .withQos(2)
            .withClients(4)
            .withRate(500)
            .withDuration(Duration.ofSeconds(30))
            .withCredentials("line-7", PublishOptions.Secret.of("s3cret"))
            .withLiveFrom(Instant.parse("2026-11-23T12:55:00Z"));

    assertThat(options)
        .isEqualTo(
            new PublishOptions(
                BROKER,
                2,
                4,
                500,
                Duration.ofSeconds(30),
                "line-7",
                PublishOptions.Secret.of("s3cret"),
                1_000,
                "gemba-sim",
                Instant.parse("2026-11-23T12:55:00Z")));
  }

  @Test
  void options_with_outOfRange_failWithTheKey() {
    assertThatThrownBy(() -> PublishOptions.to(BROKER).withClients(65))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clients must be in [1, 64]: 65");
  }
}
