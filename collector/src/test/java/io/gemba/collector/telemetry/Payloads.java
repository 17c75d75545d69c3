package io.gemba.collector.telemetry;

/** Payloads built to measure. */
final class Payloads {

  private Payloads() {}

  /** A valid count payload of exactly {@code bytes} bytes, padded with an ignored field. */
  static String countOfSize(int bytes) {
    String head = "{\"total\":1,\"good\":1,\"pad\":\"";
    String tail = "\"}";
    return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
  }
}
