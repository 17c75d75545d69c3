package io.gemba.collector.telemetry;

import java.util.Map;
import java.util.Objects;

/**
 * Channel {@code battery}: one end-of-line test of a hybrid battery pack. A test is a unit produced
 * at its station: {@code PASS} is good, {@code FAIL} is scrap.
 *
 * @param envelope topic, time and sequence
 * @param serial the pack's serial number
 * @param product the product
 * @param retest whether this is a second or later test of the serial (not a first-pass test)
 * @param result the station's verdict, or {@code null} when it sent none
 * @param measurements measured values by name; each name ends in its unit ({@code ocv_v})
 */
public record BatteryTest(
    Envelope envelope,
    String serial,
    String product,
    boolean retest,
    Verdict result,
    Map<String, Double> measurements)
    implements TelemetryEvent {

  /** The station's verdict. */
  public enum Verdict {
    PASS,
    FAIL
  }

  /** Builds a battery test; the measurements are copied. */
  public BatteryTest {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(product, "product");
    measurements = Map.copyOf(measurements);
  }

  @Override
  public Channel channel() {
    return Channel.BATTERY;
  }
}
