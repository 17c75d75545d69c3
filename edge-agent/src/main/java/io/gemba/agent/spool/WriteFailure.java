package io.gemba.agent.spool;

import io.gemba.agent.timing.Backoff;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Why a write to the time-series database did not happen: the server's HTTP status, 0 when it did
 * not answer, and the wait it asked for ({@code Retry-After}), if any.
 */
public final class WriteFailure extends Exception {

  private static final long serialVersionUID = 1L;

  /** The first wait after a failed write; it doubles with each failure up to the longest. */
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

  private final int status;
  private final transient OptionalLong retryAfterMs;

  /**
   * A failure with {@code status} (0: no answer) and the server's {@code Retry-After}.
   *
   * @param message what the server or the connection said
   */
  public WriteFailure(int status, String message, OptionalLong retryAfterMs, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }

  /** The waits between the tries of a write that fails: 1 s doubling to 30 s, with jitter. */
  public static Backoff backoff() {
    return new Backoff(FIRST_RETRY, LONGEST_RETRY);
  }

  /** The HTTP status; 0 when the server did not answer. */
  public int status() {
    return status;
  }

  /**
   * Whether the server refused the lines for what they hold (a 4xx other than 429): sending them
   * again will not help. Anything else (no answer, 5xx, 429) is worth trying again.
   */
  public boolean refused() {
    return status >= 400 && status < 500 && status != 429;
  }

  /**
   * The label of a failure to try again, for the metrics: {@code unreachable} or {@code http_N}.
   */
  public String reason() {
    return status == 0 ? "unreachable" : "http_" + status;
  }

  /** How long the server asked to wait before the next try, if it said. */
  public OptionalLong retryAfterMs() {
    return retryAfterMs;
  }
}
