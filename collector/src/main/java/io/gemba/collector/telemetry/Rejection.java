package io.gemba.collector.telemetry;

/**
 * Thrown inside the decoder when input breaks the contract, and turned into a {@link Reject} before
 * the decoder returns: it never leaves the package. It has no stack trace, so a stream of bad input
 * costs little.
 */
final class Rejection extends Exception {

  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  Rejection(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  RejectReason reason() {
    return reason;
  }

  String detail() {
    return getMessage();
  }
}
