package io.gemba.agent.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker-only baseline's subscriber: {@code mosquitto_sub -q 1 -c -i bench-baseline -t
 * 'gemba/v1/#' -F %p}, a QoS 1 subscriber (MQTT 3.1.1, persistent session) that prints each payload
 * on a line and does nothing else. A thread of ours reads the lines, takes the {@code seq} of each,
 * accounts for it and measures its latency from the moment it was handed to the publisher's
 * connection to the moment its line was read here; then the line is dropped.
 */
final class BaselineSubscriber implements AutoCloseable {

  /** Where the Debian package {@code mosquitto-clients} installs the subscriber. */
  static final Path BINARY = Path.of("/usr/bin/mosquitto_sub");

  private static final String SEQ = "\"seq\":";

  private final Process process;
  private final Thread reader;
  private final AtomicLong probes = new AtomicLong();
  private final AtomicLong outsideSteps = new AtomicLong();
  private volatile Expectation current;

  private BaselineSubscriber(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "bench-baseline-reader");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /** Starts the subscriber against the broker on {@code port}; its stderr goes to {@code log}. */
  static BaselineSubscriber start(int port, Path log, ChildProcesses children) throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          "missing "
              + BINARY
              + ": run scripts/install-test-services (or: sudo apt-get install mosquitto-clients)");
    }
    Process process =
        new ProcessBuilder(
                List.of(
                    BINARY.toString(),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    Integer.toString(port),
                    "-q",
                    "1",
                    "-c",
                    "-i",
                    "bench-baseline",
                    "-t",
                    "gemba/v1/#",
                    "-F",
                    "%p"))
            .redirectError(Redirect.appendTo(log.toFile()))
            .start();
    children.add(process);
    return new BaselineSubscriber(process);
  }

  long pid() {
    return process.pid();
  }

  /**
   * Publishes probes until one comes through: the subscription is in place.
   *
   * @throws IllegalStateException if none does within {@code timeout}
   */
  void awaitSubscribed(NumberedLoad load, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (probes.get() == 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mosquitto_sub exited with code " + process.exitValue());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "mosquitto_sub received no probe within " + timeout.toSeconds() + " s");
      }
      load.probe();
      Thread.sleep(200);
    }
  }

  /** From now on, lines are accounted for the step of {@code expectation}. */
  void expect(Expectation expectation) {
    current = expectation;
  }

  /** Lines that came while no step was expected, or that carried no {@code seq}. */
  long outsideSteps() {
    return outsideSteps.get();
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = lines.readLine()) != null) {
        long now = System.nanoTime();
        long seq = seqOf(line);
        Expectation step = current;
        if (seq == 0) {
          probes.incrementAndGet();
        } else if (seq < 0 || step == null) {
          outsideSteps.incrementAndGet();
        } else {
          step.accounting().record(seq);
          if (step.log().wasSent(seq)) {
            step.latency().add(now - step.log().sentNanos(seq));
          }
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** The {@code seq} of a payload, or −1 if it has none. */
  static long seqOf(String payload) {
    int at = payload.indexOf(SEQ);
    if (at < 0) {
      return -1;
    }
    int i = at + SEQ.length();
    long value = 0;
    int digits = 0;
    while (i < payload.length() && Character.isDigit(payload.charAt(i)) && digits < 18) {
      value = value * 10 + (payload.charAt(i++) - '0');
      digits++;
    }
    return digits == 0 ? -1 : value;
  }

  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(5_000);
  }

  /** What a step expects: its log, and where its numbers and latencies go. */
  record Expectation(SentLog log, NumberAccounting accounting, LatencySamples latency) {}
}
