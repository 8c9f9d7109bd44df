package dev.kafkarest.server.health;

import dev.kafkarest.core.error.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one readiness check.
 *
 * @param problem the error a not-ready answer carries, or null when ready
 * @param reason why the proxy is not ready, for the answer's message and the log; {@code ready} when ready
 */
record ReadinessResult(@Nullable ErrorCode problem, String reason) {
  static final ReadinessResult READY = new ReadinessResult(null, "ready");

  static ReadinessResult notReady(ErrorCode problem, String reason) {
    return new ReadinessResult(problem, reason);
  }

  boolean ready() {
    return problem == null;
  }
}
