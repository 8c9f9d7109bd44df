package dev.kafkarest.server.health;

import dev.kafkarest.core.error.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one readiness check.
 *
 * @param problem the error a not-ready answer carries, or null when ready
 * @param reason why the proxy is not ready, for the answer's message and the log; {@code ready} when ready
 * @param detail what the log adds to the reason (Kafka's own message, which may name hosts and security
 *     settings: {@code /readyz} answers anyone), or empty
 */
record ReadinessResult(@Nullable ErrorCode problem, String reason, String detail) {
  static final ReadinessResult READY = new ReadinessResult(null, "ready", "");

  static ReadinessResult notReady(ErrorCode problem, String reason) {
    return new ReadinessResult(problem, reason, "");
  }

  static ReadinessResult notReady(ErrorCode problem, String reason, String detail) {
    return new ReadinessResult(problem, reason, detail);
  }

  /** {@return the reason, and the detail after it when there is one}: for the log */
  String logged() {
    return detail.isEmpty() ? reason : reason + ": " + detail;
  }

  boolean ready() {
    return problem == null;
  }
}
