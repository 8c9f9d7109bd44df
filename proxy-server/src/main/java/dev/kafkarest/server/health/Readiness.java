package dev.kafkarest.server.health;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.KafkaErrors;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's readiness, cheap enough to be asked every second by many probes: at most one check runs at a
 * time, and a new one starts only when the last started at least {@code cacheTtl} ago. Meanwhile callers get
 * the latest result at once; only the very first caller waits for a check. So a storm of probes makes at most
 * one Kafka request per {@code cacheTtl}, and the answer follows Kafka within {@code cacheTtl} plus the check's
 * own bound. A check that has not answered after {@code stuckAfter} is given up, so readiness never sticks.
 * Changes are logged once each. Thread-safe.
 */
final class Readiness {
  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

  private final Supplier<CompletableFuture<ReadinessResult>> check;
  private final long cacheTtlNanos;
  private final long stuckAfterNanos;
  private final Ticker ticker;

  private static final ReadinessResult STOPPING =
      ReadinessResult.notReady(ErrorCode.SERVICE_UNAVAILABLE, "the proxy is shutting down");

  private @Nullable ReadinessResult latest;
  private boolean stopping;
  private @Nullable CompletableFuture<ReadinessResult> running;
  private long startedAt;

  /**
   * @param check starts one check; its future must complete within {@code stuckAfter}
   * @param cacheTtl least time between the starts of two checks
   * @param stuckAfter when a check that has not answered is given up
   */
  Readiness(Supplier<CompletableFuture<ReadinessResult>> check, Duration cacheTtl, Duration stuckAfter, Ticker ticker) {
    this.check = check;
    this.cacheTtlNanos = cacheTtl.toNanos();
    this.stuckAfterNanos = stuckAfter.toNanos();
    this.ticker = ticker;
  }

  /** {@return the latest result, completed, or for the very first call the first check's result} */
  synchronized CompletableFuture<ReadinessResult> result() {
    if (stopping) {
      return CompletableFuture.completedFuture(STOPPING);
    }
    long now = ticker.read();
    if (running != null && now - startedAt >= stuckAfterNanos) {
      running = null;
      record(ReadinessResult.notReady(ErrorCode.SERVICE_UNAVAILABLE,
          "the readiness check did not answer within " + Duration.ofNanos(stuckAfterNanos).toMillis() + " ms"));
    }
    if (running == null && (latest == null || now - startedAt >= cacheTtlNanos)) {
      startedAt = now;
      CompletableFuture<ReadinessResult> started = start();
      running = started;
      started.thenAccept(result -> finished(started, result));
    }
    ReadinessResult known = latest;
    return known != null ? CompletableFuture.completedFuture(known) : Objects.requireNonNull(running);
  }

  /** From now on not ready, whatever Kafka says: the proxy is shutting down and balancers should move on. */
  synchronized void stop() {
    stopping = true;
    record(STOPPING);
  }

  private CompletableFuture<ReadinessResult> start() {
    try {
      return check.get().exceptionally(Readiness::checkFailed);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(checkFailed(e));
    }
  }

  private static ReadinessResult checkFailed(Throwable error) {
    return ReadinessResult.notReady(ErrorCode.SERVICE_UNAVAILABLE,
        "the readiness check failed (" + error.getClass().getSimpleName() + ")",
        KafkaErrors.withoutJaasQuotes(String.valueOf(error.getMessage())));
  }

  private synchronized void finished(CompletableFuture<ReadinessResult> check, ReadinessResult result) {
    if (running == check && !stopping) {
      running = null;
      record(result);
    }
  }

  private void record(ReadinessResult result) {
    ReadinessResult previous = latest;
    latest = result;
    if (previous == null || previous.ready() != result.ready()) {
      if (result.ready()) {
        LOG.info("Ready: Kafka answers and the producer takes records");
      } else {
        LOG.warn("Not ready: {}", result.logged());
      }
    }
  }
}
