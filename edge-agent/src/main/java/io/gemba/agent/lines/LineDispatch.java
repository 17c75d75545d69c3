package io.gemba.agent.lines;

import io.gemba.agent.ingest.Delivery;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The hand-off from the MQTT session to the engine instances: each delivery goes to the inbox of
 * the instance that owns its line ({@link LineRouter}), so that all messages of a line are applied
 * in order on one instance.
 */
public final class LineDispatch implements Consumer<Delivery> {

  private final LineRouter router;
  private final List<Inbox> inboxes;

  /**
   * A dispatch to {@code inboxes}, one per instance of {@code router}, in the order of the
   * instances.
   */
  public LineDispatch(LineRouter router, List<? extends Inbox> inboxes) {
    this.router = Objects.requireNonNull(router, "router");
    this.inboxes = List.copyOf(inboxes);
    if (this.inboxes.size() != router.instances()) {
      throw new IllegalArgumentException(
          router.instances() + " engine instances but " + this.inboxes.size() + " inboxes");
    }
  }

  /** Hands {@code delivery} to its line's instance. On the MQTT client's thread; never blocks. */
  @Override
  public void accept(Delivery delivery) {
    inboxes.get(router.instanceOf(delivery.topic())).deliver(delivery);
  }
}
