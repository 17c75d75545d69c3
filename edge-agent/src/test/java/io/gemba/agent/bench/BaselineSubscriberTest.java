package io.gemba.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BaselineSubscriberTest {

  @Test
  void seqOf_payloads_theNumberOrMinusOne() {
    assertThat(BaselineSubscriber.seqOf("{\"ts\":1795654860123,\"seq\":42,\"cycleMs\":42}"))
        .isEqualTo(42);
    assertThat(BaselineSubscriber.seqOf("{\"seq\":0}")).isZero();
    assertThat(BaselineSubscriber.seqOf("{\"ts\":1}")).isEqualTo(-1);
    assertThat(BaselineSubscriber.seqOf("{\"seq\":\"x\"}")).isEqualTo(-1);
  }
}
