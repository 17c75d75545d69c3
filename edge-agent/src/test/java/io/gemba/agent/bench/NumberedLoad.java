package io.gemba.agent.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The benchmark's load generator: numbered {@code cycle} messages at QoS 1 over several Paho MQTT 5
 * asynchronous connections, paced open loop by a {@link StepSchedule}.
 *
 * <p>One thread (the caller of {@link #publish}) hands each message over when it is due. The line
 * of a message's station picks its connection, so each station's messages travel in order on one
 * connection. Each connection has at most as many messages awaiting PUBACK as the broker's receive
 * maximum (Mosquitto announces 100); when a window is full the thread waits, and the time it waits
 * is counted: the broker pushing back. Event times come from the wall clock, made strictly
 * increasing per station ({@link StationClock}).
 */
final class NumberedLoad implements AutoCloseable {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
  private static final long RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
  private static final int MQTT_DEFAULT_RECEIVE_MAXIMUM = 65_535;

  private final LoadPlan plan;
  private final List<MqttAsyncClient> clients;
  private final Semaphore[] windows;
  private final int[] windowSizes;
  private final MqttActionListener[] listeners;
  private final String[] topics;
  private final StationClock clock;
  private final AtomicLong failed = new AtomicLong();
  private volatile Throwable lastFailure;

  private NumberedLoad(LoadPlan plan, List<MqttAsyncClient> clients, int[] receiveMaximums) {
    this.plan = plan;
    this.clients = List.copyOf(clients);
    this.windows = new Semaphore[clients.size()];
    this.windowSizes = receiveMaximums.clone();
    this.listeners = new MqttActionListener[clients.size()];
    for (int c = 0; c < windows.length; c++) {
      windows[c] = new Semaphore(windowSizes[c]);
      listeners[c] = new Completion(windows[c]);
    }
    this.topics = new String[plan.stations()];
    for (int s = 0; s < topics.length; s++) {
      topics[s] = plan.topic(s);
    }
    this.clock = new StationClock(plan.stations());
  }

  /** Connects {@code connections} clients ({@code clientIdPrefix-0}, ...) with clean start. */
  static NumberedLoad connect(
      String brokerUri, int connections, LoadPlan plan, String clientIdPrefix)
      throws MqttException {
    if (connections < 1 || connections > plan.lines()) {
      throw new IllegalArgumentException(
          "connections must be 1 to " + plan.lines() + ": " + connections);
    }
    List<MqttAsyncClient> clients = new ArrayList<>();
    int[] receiveMaximums = new int[connections];
    try {
      for (int c = 0; c < connections; c++) {
        MqttAsyncClient client =
            new MqttAsyncClient(brokerUri, clientIdPrefix + "-" + c, new MemoryPersistence());
        clients.add(client);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout((int) CONNECT_TIMEOUT.toSeconds());
        IMqttToken token = client.connect(options);
        token.waitForCompletion(CONNECT_TIMEOUT.toMillis());
        MqttProperties granted = token.getResponseProperties();
        Integer max = granted == null ? null : granted.getReceiveMaximum();
        receiveMaximums[c] = max == null ? MQTT_DEFAULT_RECEIVE_MAXIMUM : max;
      }
    } catch (MqttException e) {
      closeAll(clients);
      throw e;
    }
    return new NumberedLoad(plan, clients, receiveMaximums);
  }

  /** The window of each connection: the receive maximum its broker announced. */
  int window() {
    return windowSizes[0];
  }

  /**
   * Publishes the messages {@code log.first()} on, as {@code schedule} says; returns once all are
   * handed over and acknowledged (or 30 s after the last was handed over).
   */
  Published publish(StepSchedule schedule, SentLog log) throws InterruptedException {
    long failedBefore = failed.get();
    long maxBehind = 0;
    long windowWait = 0;
    long lastHanded = schedule.startNanos();
    for (long i = 0; i < schedule.count(); i++) {
      long due = schedule.dueNanos(i);
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      long number = log.first() + i;
      int station = plan.stationOf(number);
      int c = plan.lineOf(station) % clients.size();
      if (!windows[c].tryAcquire()) {
        windows[c].acquire();
        windowWait += System.nanoTime() - now;
      }
      long ts = clock.stamp(station, System.currentTimeMillis());
      long handed = System.nanoTime();
      log.sent(number, handed, ts);
      send(c, topics[station], LoadPlan.payload(ts, number));
      maxBehind = Math.max(maxBehind, handed - due);
      lastHanded = handed;
    }
    boolean acknowledged = awaitWindows(ACK_TIMEOUT);
    return new Published(
        schedule.count(),
        schedule.achievedRate(lastHanded),
        maxBehind,
        windowWait,
        failed.get() - failedBefore,
        acknowledged);
  }

  /**
   * Publishes a message that belongs to no step ({@code seq} 0) on the first connection: to see
   * that a subscriber is subscribed.
   */
  void probe() throws InterruptedException {
    windows[0].acquire();
    send(
        0,
        "gemba/v1/" + plan.site() + "/probe/_/_/heartbeat",
        "{\"seq\":0}".getBytes(StandardCharsets.UTF_8));
  }

  /** The last publish that failed, or null. */
  Throwable lastFailure() {
    return lastFailure;
  }

  private void send(int c, String topic, byte[] payload) {
    while (true) {
      try {
        clients.get(c).publish(topic, payload, 1, false, null, listeners[c]);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
          // Paho has not yet counted a completion that released our window: try again.
          LockSupport.parkNanos(RETRY_NANOS);
          continue;
        }
        windows[c].release();
        failed.incrementAndGet();
        lastFailure = e;
        return;
      }
    }
  }

  private boolean awaitWindows(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int c = 0; c < windows.length; c++) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!windows[c].tryAcquire(windowSizes[c], left, TimeUnit.NANOSECONDS)) {
        return false;
      }
      windows[c].release(windowSizes[c]);
    }
    return true;
  }

  @Override
  public void close() {
    closeAll(clients);
  }

  private static void closeAll(List<MqttAsyncClient> clients) {
    for (MqttAsyncClient client : clients) {
      try {
        if (client.isConnected()) {
          client.disconnect(5_000).waitForCompletion(6_000);
        }
      } catch (MqttException e) {
        // closing anyway
      }
      try {
        client.close(true);
      } catch (MqttException e) {
        // nothing more to do
      }
    }
  }

  /** Releases a connection's window when the broker acknowledged a message, or it failed. */
  private final class Completion implements MqttActionListener {
    private final Semaphore window;

    Completion(Semaphore window) {
      this.window = window;
    }

    @Override
    public void onSuccess(IMqttToken token) {
      window.release();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable cause) {
      window.release();
      failed.incrementAndGet();
      lastFailure = cause;
    }
  }

  /**
   * What one step's publishing did.
   *
   * @param handed messages handed over to the connections
   * @param achievedRate messages per second handed over ({@link StepSchedule#achievedRate})
   * @param maxBehindNanos the latest a message was handed over after it was due
   * @param windowWaitNanos time spent waiting for PUBACKs to free a window (the broker pushing
   *     back)
   * @param failed publishes refused or failed
   * @param acknowledged whether every message was acknowledged in the end
   */
  record Published(
      long handed,
      double achievedRate,
      long maxBehindNanos,
      long windowWaitNanos,
      long failed,
      boolean acknowledged) {}
}
