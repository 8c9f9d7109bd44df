package dev.kafkarest.it;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a condition by polling it until a deadline, instead of sleeping for a guessed time. A
 * probe that throws counts as "not yet"; on timeout the last value or exception is reported.
 */
public final class Await {
  private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(20).toNanos();
  private static final long MAX_PAUSE_NANOS = Duration.ofMillis(250).toNanos();

  private Await() {}

  /**
   * Polls {@code probe} until its value satisfies {@code done} and returns that value.
   *
   * @throws AssertionError when the deadline passes first
   */
  public static <T> T until(Duration timeout, String description, Supplier<T> probe, Predicate<? super T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_PAUSE_NANOS;
    @Nullable Object last = null;
    @Nullable RuntimeException lastError = null;
    while (true) {
      try {
        T value = probe.get();
        if (done.test(value)) {
          return value;
        }
        last = value;
        lastError = null;
      } catch (RuntimeException e) {
        lastError = e;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        AssertionError failure = new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for "
            + description + (lastError == null ? "; last value: " + last : "; last error: " + lastError));
        if (lastError != null) {
          failure.initCause(lastError);
        }
        throw failure;
      }
      LockSupport.parkNanos(Math.min(pause, left));
      pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
    }
  }

  /** Polls {@code condition} until it holds; see {@link #until(Duration, String, Supplier, Predicate)}. */
  public static void until(Duration timeout, String description, BooleanSupplier condition) {
    until(timeout, description, condition::getAsBoolean, Boolean::booleanValue);
  }
}
