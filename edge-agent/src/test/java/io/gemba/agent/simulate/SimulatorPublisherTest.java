package io.gemba.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gemba.agent.testkit.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The publisher's loop against connections that only record, on a clock that moves when the
 * publisher sleeps: what it sends when, how it bounds what is in flight, and how it closes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulatorPublisherTest {

  private static final long START = 5_000_000_000_000L;
  private static final URI BROKER = URI.create("tcp://localhost:1883");

  private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(0, START));
  private final Recorder listener = new Recorder();

  @Test
  void publisher_atRate_handsEachMessageOverWhenDue() throws InterruptedException {
    FakeConnection connection = new FakeConnection(65_535, false);
    PublishOptions options =
        PublishOptions.to(BROKER).withRate(100).withDuration(Duration.ofSeconds(1));

    try (SimulatorPublisher publisher =
        start(generator(SimulationOptions.defaults()), options, connection)) {
      assertThat(publisher.awaitEnd(Duration.ofSeconds(10))).isTrue();
      assertThat(publisher.published()).isEqualTo(100);
      assertThat(publisher.failed()).isZero();
      assertThat(publisher.inFlight()).isZero();
      assertThat(publisher.behind()).isZero();
    }
    // 100 a second for 1 s: messages 1 to 100, 10 ms apart from the start.
    assertThat(listener.numbers).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(listener.numbers.get(i)).isEqualTo(i + 1);
      assertThat(listener.wallNanos.get(i)).isEqualTo(START + i * 10_000_000L);
    }
    assertThat(connection.closed).isTrue();
  }

  @Test
  void publisher_byEventTime_followsTheSpeedUp() throws InterruptedException {
    SimulationOptions simulation = SimulationOptions.defaults().withSpeedUp(3_600);
    PlantGenerator generator = generator(simulation);
    Instant first = generator.peekTime();
    // 2 s of wall time at 3,600x: the first two hours of the plant.
    List<Outgoing> expected = generator(simulation).until(first.plus(Duration.ofHours(2)));
    FakeConnection connection = new FakeConnection(65_535, false);
    PublishOptions options =
        PublishOptions.to(BROKER).withQos(0).withDuration(Duration.ofSeconds(2));

    try (SimulatorPublisher publisher = start(generator, options, connection)) {
      assertThat(publisher.awaitEnd(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(connection.topics).isEqualTo(expected.stream().map(Outgoing::topic).toList());
    for (int i = 0; i < expected.size(); i++) {
      long eventNanos = Duration.between(first, expected.get(i).eventTime()).toNanos();
      assertThat(listener.wallNanos.get(i)).isEqualTo(START + Math.round(eventNanos / 3_600.0));
    }
  }

  @Test
  void publisher_history_sentAtOnce_thenTheLivePlantAtTheSpeedUp() throws InterruptedException {
    SimulationOptions simulation = SimulationOptions.defaults().withSpeedUp(3_600);
    PlantGenerator generator = generator(simulation);
    Instant liveFrom = generator.peekTime().plus(Duration.ofHours(3));
    // 3 h of history, then 1 s of wall time at 3,600x: the plant until an hour after liveFrom.
    List<Outgoing> expected = generator(simulation).until(liveFrom.plus(Duration.ofHours(1)));
    FakeConnection connection = new FakeConnection(65_535, false);
    PublishOptions options =
        PublishOptions.to(BROKER)
            .withQos(0)
            .withDuration(Duration.ofSeconds(1))
            .withLiveFrom(liveFrom);

    try (SimulatorPublisher publisher = start(generator, options, connection)) {
      assertThat(publisher.awaitEnd(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(connection.topics).isEqualTo(expected.stream().map(Outgoing::topic).toList());
    for (int i = 0; i < expected.size(); i++) {
      Instant eventTime = expected.get(i).eventTime();
      long sinceLive = Math.max(0, Duration.between(liveFrom, eventTime).toNanos());
      assertThat(listener.wallNanos.get(i))
          .as("message %d at %s", i, eventTime)
          .isEqualTo(START + Math.round(sinceLive / 3_600.0));
    }
    assertThat(expected.stream().filter(m -> m.eventTime().isBefore(liveFrom)).count())
        .as("history")
        .isGreaterThan(100);
  }

  @Test
  void publisher_downstream_neverMoreThanItsMostAheadOfTheConsumer() {
    FakeConnection connection = new FakeConnection(65_535, false);
    AtomicInteger taken = new AtomicInteger();
    SimulatorPublisher publisher =
        new SimulatorPublisher(
                generator(SimulationOptions.defaults()),
                PublishOptions.to(BROKER).withRate(1_000_000),
                List.of(connection),
                clock,
                this::sleep,
                listener,
                new Downstream(taken::get, 10))
            .begin();
    try {
      // The broker took 10 at once, but the consumer none: the publisher waits for it.
      await().atMost(Duration.ofSeconds(5)).until(() -> connection.topics.size() == 10);
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(1))
          .until(() -> connection.topics.size() == 10);

      taken.set(4);
      await().atMost(Duration.ofSeconds(5)).until(() -> connection.topics.size() == 14);
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(1))
          .until(() -> connection.topics.size() == 14);
    } finally {
      publisher.close();
    }
  }

  @Test
  void publisher_twoClients_eachLineOnItsOwnConnection() throws InterruptedException {
    FakeConnection first = new FakeConnection(65_535, false);
    FakeConnection second = new FakeConnection(65_535, false);
    PublishOptions options =
        PublishOptions.to(BROKER)
            .withClients(2)
            .withRate(1_000)
            .withDuration(Duration.ofSeconds(1));

    try (SimulatorPublisher publisher =
        start(generator(SimulationOptions.defaults()), options, first, second)) {
      assertThat(publisher.awaitEnd(Duration.ofSeconds(10))).isTrue();
      assertThat(publisher.published()).isEqualTo(1_000);
    }
    assertThat(first.topics).isNotEmpty().allMatch(t -> t.contains("/pack-1/"));
    assertThat(second.topics).isNotEmpty().allMatch(t -> t.contains("/pack-2/"));
  }

  @Test
  void publisher_fullWindow_waitsForCompletionsAndCloseWaitsForInFlight() {
    // The broker lets 3 be in flight, fewer than the 1,000 of the options.
    FakeConnection connection = new FakeConnection(3, true);
    PublishOptions options = PublishOptions.to(BROKER).withRate(1_000);
    SimulatorPublisher publisher =
        start(generator(SimulationOptions.defaults()), options, connection);

    await().atMost(Duration.ofSeconds(5)).until(() -> connection.topics.size() == 3);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(1))
        .until(() -> connection.topics.size() == 3);
    assertThat(publisher.inFlight()).isEqualTo(3);

    connection.completeOne();
    await().atMost(Duration.ofSeconds(5)).until(() -> connection.topics.size() == 4);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(publisher::close);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(1))
        .until(() -> !closing.isDone());
    assertThat(connection.closed).isFalse();
    while (connection.completeOne()) {
      // the three in flight
    }
    closing.join();
    assertThat(connection.closed).isTrue();
    assertThat(connection.topics).hasSize(4);
    assertThat(publisher.published()).isEqualTo(4);
    assertThat(publisher.inFlight()).isZero();
  }

  @Test
  void publisher_refusedMessages_countedAsFailedAndItGoesOn() throws InterruptedException {
    FakeConnection connection = new FakeConnection(65_535, false);
    connection.refuseEvery = 2;
    PublishOptions options =
        PublishOptions.to(BROKER).withRate(100).withDuration(Duration.ofMillis(200));

    try (SimulatorPublisher publisher =
        start(generator(SimulationOptions.defaults()), options, connection)) {
      assertThat(publisher.awaitEnd(Duration.ofSeconds(10))).isTrue();
      assertThat(publisher.failed()).isEqualTo(10);
      assertThat(publisher.published()).isEqualTo(10);
    }
    assertThat(listener.failed).hasSize(10);
    assertThat(listener.completed).hasSize(10);
  }

  @Test
  void publisher_connectionBusy_triesAgain() throws InterruptedException {
    FakeConnection connection = new FakeConnection(65_535, false);
    connection.busyTimes.set(5);
    PublishOptions options =
        PublishOptions.to(BROKER).withRate(10).withDuration(Duration.ofMillis(100));

    try (SimulatorPublisher publisher =
        start(generator(SimulationOptions.defaults()), options, connection)) {
      assertThat(publisher.awaitEnd(Duration.ofSeconds(10))).isTrue();
      assertThat(publisher.published()).isEqualTo(1);
    }
    assertThat(listener.numbers).containsExactly(1L);
  }

  @Test
  void publisher_moreClientsThanLines_refused() {
    PublishOptions options = PublishOptions.to(BROKER).withClients(3);
    SimulatorPublisher publisher =
        new SimulatorPublisher(
            generator(SimulationOptions.defaults()),
            options,
            List.of(new FakeConnection(10, false)),
            clock,
            this::sleep,
            listener,
            Downstream.NONE);

    assertThatThrownBy(publisher::begin)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clients (3) must not exceed the simulated lines (2)");
  }

  /** The publisher's sleep: the clock moves on at once. */
  private void sleep(long nanos) {
    clock.advance(Duration.ofNanos(nanos));
  }

  private static PlantGenerator generator(SimulationOptions options) {
    return new PlantGenerator(options, SimulatedStream.MONDAY_0650);
  }

  private SimulatorPublisher start(
      PlantGenerator generator, PublishOptions options, FakeConnection... connections) {
    return new SimulatorPublisher(
            generator, options, List.of(connections), clock, this::sleep, listener, Downstream.NONE)
        .begin();
  }

  /** A connection that records what it is given, and completes it at once or when told. */
  private static final class FakeConnection implements BrokerConnection {

    final List<String> topics = Collections.synchronizedList(new ArrayList<>());
    final Queue<Consumer<Throwable>> held = new ConcurrentLinkedQueue<>();
    final AtomicInteger busyTimes = new AtomicInteger();
    final int receiveMaximum;
    final boolean hold;
    volatile int refuseEvery;
    volatile boolean closed;
    private int offered;

    FakeConnection(int receiveMaximum, boolean hold) {
      this.receiveMaximum = receiveMaximum;
      this.hold = hold;
    }

    @Override
    public boolean publish(String topic, byte[] payload, int qos, Consumer<Throwable> done) {
      if (busyTimes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return false;
      }
      if (refuseEvery > 0 && ++offered % refuseEvery == 0) {
        throw new IllegalStateException("not connected");
      }
      topics.add(topic);
      if (hold) {
        held.add(done);
      } else {
        done.accept(null);
      }
      return true;
    }

    boolean completeOne() {
      Consumer<Throwable> done = held.poll();
      if (done != null) {
        done.accept(null);
      }
      return done != null;
    }

    @Override
    public int receiveMaximum() {
      return receiveMaximum;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Records what the publisher tells its listener. */
  private static final class Recorder implements PublishListener {

    final List<Long> numbers = Collections.synchronizedList(new ArrayList<>());
    final List<Long> wallNanos = Collections.synchronizedList(new ArrayList<>());
    final List<Outgoing> completed = Collections.synchronizedList(new ArrayList<>());
    final List<Outgoing> failed = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sent(Outgoing message, long nanos) {
      numbers.add(message.number());
      wallNanos.add(nanos);
    }

    @Override
    public void completed(Outgoing message) {
      completed.add(message);
    }

    @Override
    public void failed(Outgoing message, Throwable cause) {
      failed.add(message);
    }
  }
}
