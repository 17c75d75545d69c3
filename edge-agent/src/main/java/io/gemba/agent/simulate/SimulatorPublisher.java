package io.gemba.agent.simulate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a simulated plant to an MQTT broker, for the {@code simulate} and {@code demo} commands
 * and as the load generator of the end-to-end benchmark.
 *
 * <p>One thread of its own ({@code gemba-simulator}) takes the generator's messages in order and
 * hands each to its line's connection when the {@link Pacer} says it is due: as event time runs at
 * the simulation's speed-up (history before the options' {@code liveFrom} at once, as fast as the
 * windows allow), or at a steady open-loop rate. Each connection has at most {@code maxInflight}
 * messages in flight (at most the broker's receive maximum); when its window is full the thread
 * waits for completions, and in open-loop mode falls behind rather than dropping messages ({@link
 * #behind()} says by how much); it waits as well while it is too far ahead of a {@link Downstream}
 * consumer. Messages the broker or the connection refuses are counted as failed, logged at most
 * every 10 s, and the thread goes on.
 *
 * <p>{@link #close()} stops taking messages, waits (up to 30 s) for those in flight to complete,
 * then disconnects. The wall clock is read through the given {@link Clock}.
 */
public final class SimulatorPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorPublisher.class);
  private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /** Waits on the publishing thread; a test passes one that moves its clock instead. */
  interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final PlantGenerator generator;
  private final PublishOptions options;
  private final List<BrokerConnection> connections;
  private final Semaphore[] windows;
  private final int[] windowSizes;
  private final Clock clock;
  private final Sleeper sleeper;
  private final PublishListener listener;
  private final Downstream downstream;
  private final Map<String, Integer> connectionByTopic = new HashMap<>();
  private final Thread thread;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong lastWarnNanos = new AtomicLong(Long.MIN_VALUE);
  private volatile boolean stopping;
  private volatile long behindNanos;

  SimulatorPublisher(
      PlantGenerator generator,
      PublishOptions options,
      List<BrokerConnection> connections,
      Clock clock,
      Sleeper sleeper,
      PublishListener listener,
      Downstream downstream) {
    this.generator = Objects.requireNonNull(generator, "generator");
    this.options = Objects.requireNonNull(options, "options");
    this.connections = List.copyOf(connections);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.downstream = Objects.requireNonNull(downstream, "downstream");
    this.windows = new Semaphore[this.connections.size()];
    this.windowSizes = new int[this.connections.size()];
    for (int i = 0; i < windows.length; i++) {
      windowSizes[i] = Math.min(options.maxInflight(), this.connections.get(i).receiveMaximum());
      windows[i] = new Semaphore(windowSizes[i]);
    }
    this.thread = new Thread(this::run, "gemba-simulator");
    this.thread.setDaemon(true);
  }

  /**
   * Connects and starts publishing. Blocks while it connects.
   *
   * @param generator the plant's messages; the publisher takes them from its own thread from now on
   * @param options where and how to publish
   * @param clock the wall clock
   * @param listener hears of every message
   * @throws IllegalArgumentException if there are more clients than lines
   * @throws MqttException if a connection fails; those already made are closed
   */
  public static SimulatorPublisher start(
      PlantGenerator generator, PublishOptions options, Clock clock, PublishListener listener)
      throws MqttException {
    return start(generator, options, clock, listener, Downstream.NONE);
  }

  /**
   * Connects and starts publishing, never more than {@code downstream} allows ahead of its
   * consumer. Blocks while it connects.
   *
   * @see #start(PlantGenerator, PublishOptions, Clock, PublishListener)
   */
  public static SimulatorPublisher start(
      PlantGenerator generator,
      PublishOptions options,
      Clock clock,
      PublishListener listener,
      Downstream downstream)
      throws MqttException {
    requireClientsFitLines(generator, options);
    List<BrokerConnection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < options.clients(); i++) {
        connections.add(PahoConnection.connect(options, i, CONNECT_TIMEOUT));
      }
    } catch (MqttException e) {
      connections.forEach(BrokerConnection::close);
      throw e;
    }
    SimulatorPublisher publisher =
        new SimulatorPublisher(
            generator, options, connections, clock, SimulatorPublisher::park, listener, downstream);
    publisher.thread.start();
    return publisher;
  }

  static void requireClientsFitLines(PlantGenerator generator, PublishOptions options) {
    int lines = generator.plant().lines().size();
    if (options.clients() > lines) {
      throw new IllegalArgumentException(
          "clients ("
              + options.clients()
              + ") must not exceed the simulated lines ("
              + lines
              + ")");
    }
  }

  /** Starts the publishing thread of a publisher made with its package-private constructor. */
  SimulatorPublisher begin() {
    requireClientsFitLines(generator, options);
    thread.start();
    return this;
  }

  private static void park(long nanos) throws InterruptedException {
    LockSupport.parkNanos(nanos);
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  /** Messages the broker acknowledged (QoS 1, 2) or that were written (QoS 0). */
  public long published() {
    return published.get();
  }

  /** Messages refused or failed. */
  public long failed() {
    return failed.get();
  }

  /** Messages handed to a connection and not yet completed. */
  public int inFlight() {
    int inFlight = 0;
    for (int i = 0; i < windows.length; i++) {
      inFlight += windowSizes[i] - windows[i].availablePermits();
    }
    return inFlight;
  }

  /** How late the last message was handed over, after it was due: 0 when keeping up. */
  public Duration behind() {
    return Duration.ofNanos(behindNanos);
  }

  /**
   * Waits until the publishing thread ends: its duration is over, or it was closed.
   *
   * @return whether it ended within {@code timeout}
   */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Stops publishing, waits for the messages in flight to complete (up to 30 s), and disconnects.
   * Idempotent; not to be called from a {@link PublishListener}.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopping = true;
    try {
      thread.join();
      long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
      for (int i = 0; i < windows.length; i++) {
        long left = Math.max(0, deadline - System.nanoTime());
        // All of a window's permits back: nothing in flight on that connection.
        if (windows[i].tryAcquire(windowSizes[i], left, TimeUnit.NANOSECONDS)) {
          windows[i].release(windowSizes[i]);
        } else {
          LOG.warn("[client: {}] closing with {} messages still in flight", i, inFlight());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connections.forEach(BrokerConnection::close);
      LOG.info("[simulator] closed: {} published, {} failed", published(), failed());
    }
  }

  private void run() {
    try {
      long startNanos = nowNanos();
      Pacer pacer =
          options.messagesPerSecond() > 0
              ? Pacer.atRate(startNanos, options.messagesPerSecond(), options.duration())
              : Pacer.byEventTime(
                  startNanos,
                  options.liveFrom() != null ? options.liveFrom() : generator.peekTime(),
                  generator.plant().options().speedUp(),
                  options.duration());
      for (long index = 0; !stopping; ) {
        long due = pacer.dueNanos(index, generator.peekTime());
        if (pacer.isAfterEnd(due)) {
          break;
        }
        long wait = Pacer.waitNanos(due, nowNanos());
        if (wait > 0) {
          sleeper.sleepNanos(Math.min(wait, NAP_NANOS));
          continue;
        }
        if (downstream.full(index)) {
          sleeper.sleepNanos(BUSY_NANOS);
          continue;
        }
        Outgoing message = generator.next();
        index++;
        if (!hand(message)) {
          break;
        }
        behindNanos = Math.max(0, nowNanos() - due);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("[simulator] stopped publishing: {}", e.toString(), e);
    } finally {
      finished.countDown();
    }
  }

  /**
   * Hands a message to its connection, waiting for room in its window.
   *
   * @return {@code false} if closing came first and the message was not handed over
   */
  private boolean hand(Outgoing message) throws InterruptedException {
    int c = connectionFor(message.topic());
    Semaphore window = windows[c];
    boolean announced = false;
    while (true) {
      if (!window.tryAcquire(NAP_NANOS, TimeUnit.NANOSECONDS)) {
        if (stopping) {
          return false;
        }
        continue;
      }
      if (!announced) {
        listener.sent(message, nowNanos());
        announced = true;
      }
      try {
        boolean taken =
            connections
                .get(c)
                .publish(
                    message.topic(),
                    message.payload(),
                    options.qos(),
                    failure -> completed(message, window, failure));
        if (taken) {
          return true;
        }
      } catch (Exception refused) {
        window.release();
        fail(message, refused);
        return true;
      }
      // The connection's own window is full (completions not yet counted by its client).
      window.release();
      sleeper.sleepNanos(BUSY_NANOS);
    }
  }

  private void completed(Outgoing message, Semaphore window, Throwable failure) {
    window.release();
    if (failure == null) {
      published.incrementAndGet();
      listener.completed(message);
    } else {
      fail(message, failure);
    }
  }

  private void fail(Outgoing message, Throwable cause) {
    long failures = failed.incrementAndGet();
    listener.failed(message, cause);
    long now = System.nanoTime();
    long last = lastWarnNanos.get();
    if ((last == Long.MIN_VALUE || now - last >= WARN_EVERY_NANOS)
        && lastWarnNanos.compareAndSet(last, now)) {
      LOG.warn(
          "[simulator] publishing failed, {} failures so far: [topic: {}] {}",
          failures,
          message.topic(),
          cause.toString());
    }
  }

  /** The connection of a topic's line: line {@code i} goes to connection {@code i mod n}. */
  private int connectionFor(String topic) {
    Integer known = connectionByTopic.get(topic);
    if (known != null) {
      return known;
    }
    String[] levels = topic.split("/");
    int line = levels.length > 4 ? generator.plant().lines().indexOf(levels[4]) : -1;
    int connection = Math.max(0, line) % connections.size();
    connectionByTopic.put(topic, connection);
    return connection;
  }

  private long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
