package io.gemba.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.agent.ingest.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpoolRecordsTest {

  private static final Instant ARRIVAL = Instant.parse("2026-11-26T06:00:00.123456789Z");

  @Test
  void run_keepsItsMessagesWithTheirArrival_andItsPoints() {
    List<Message> messages =
        List.of(
            message("gemba/v1/tlx/battery/pack-1/st10/state", "{\"state\":\"RUNNING\"}", ARRIVAL),
            // a topic beyond ASCII and an empty payload
            message("gemba/v1/győr/prüfung/linie-1/st10/count", "", ARRIVAL.plusNanos(1)));
    List<String> lines =
        List.of("machine_state,line=pack-1 duration_s=0 1", "oee,line=pack-1 oee=0.8 2");

    byte[] payload = SpoolRecords.run(messages, lines);

    // 4 (input length) + 4 (count) + per message 12 + 2 + topic + 4 + payload, then the lines
    int topic1 = "gemba/v1/tlx/battery/pack-1/st10/state".length();
    int topic2 = "gemba/v1/győr/prüfung/linie-1/st10/count".getBytes(StandardCharsets.UTF_8).length;
    int input = 4 + (18 + topic1 + 19) + (18 + topic2);
    assertThat(payload).hasSize(4 + input + String.join("\n", lines).length());
    List<Message> read = SpoolRecords.messages(payload);
    assertThat(read).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(read.get(i).topic()).isEqualTo(messages.get(i).topic());
      assertThat(read.get(i).payload()).isEqualTo(messages.get(i).payload());
      assertThat(read.get(i).arrival()).isEqualTo(messages.get(i).arrival());
    }
    assertThat(SpoolRecords.points(payload)).isEqualTo(lines);
  }

  @Test
  void tick_keepsItsInstant_andARunOrTickWithoutPointsHasNone() {
    byte[] tick = SpoolRecords.tick(ARRIVAL, List.of());
    assertThat(tick).hasSize(4 + 12);
    assertThat(SpoolRecords.tick(tick)).isEqualTo(ARRIVAL);
    assertThat(SpoolRecords.points(tick)).isEmpty();
    assertThat(SpoolRecords.points(SpoolRecords.run(List.of(), List.of()))).isEmpty();
    assertThat(SpoolRecords.points(SpoolRecords.tick(ARRIVAL, List.of("a b=1i 1"))))
        .containsExactly("a b=1i 1");
  }

  private static Message message(String topic, String payload, Instant arrival) {
    return new SpoolRecords.LoggedMessage(topic, payload.getBytes(StandardCharsets.UTF_8), arrival);
  }
}
