package io.gemba.agent.lines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gemba.agent.ingest.Delivery;
import io.gemba.agent.testkit.TestPlant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDispatchTest {

  @Test
  void eachDelivery_goesToTheInboxOfItsLinesInstance_inOrder() {
    // TestPlant's lines pack-1, pack-2, pack-3 dealt out to two instances: 0, 1, 0
    LineRouter router = new LineRouter(TestPlant.model(), 2);
    List<List<String>> received = List.of(new ArrayList<>(), new ArrayList<>());
    LineDispatch dispatch =
        new LineDispatch(
            router,
            List.of(d -> received.get(0).add(d.topic()), d -> received.get(1).add(d.topic())));

    for (String topic :
        List.of(
            "gemba/v1/tlx/battery/pack-1/st10/state",
            "gemba/v1/tlx/battery/pack-2/eol/count",
            "gemba/v1/tlx/battery/pack-3/_/order",
            "gemba/v1/tlx/battery/pack-1/eol/cycle")) {
      dispatch.accept(new Delivery(topic, new byte[0], 1, 1, Instant.EPOCH, 0, 1));
    }

    assertThat(received.get(0))
        .containsExactly(
            "gemba/v1/tlx/battery/pack-1/st10/state",
            "gemba/v1/tlx/battery/pack-3/_/order",
            "gemba/v1/tlx/battery/pack-1/eol/cycle");
    assertThat(received.get(1)).containsExactly("gemba/v1/tlx/battery/pack-2/eol/count");
  }

  @Test
  void anInboxForEveryInstance_isRequired() {
    LineRouter router = new LineRouter(TestPlant.model(), 2);
    assertThatThrownBy(() -> new LineDispatch(router, List.of(d -> {})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2 engine instances but 1 inboxes");
  }
}
