package dev.kafkarest.server.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that request bodies still arriving may hold, together, over every connection and listener
 * ({@code http.body.buffer.max.bytes}). {@link WholeBodyFilter} takes a body's bytes when its header
 * arrives (its {@code Content-Length}) or as they arrive (chunked), and gives them back once the body is
 * complete, times out or its connection closes. A body is always let in when nothing else is held, so one
 * body is never refused for the budget alone; the bytes held are therefore at most the budget plus one
 * {@code request.body.max.bytes}. Thread-safe and non-blocking.
 */
final class BodyBudget {
  private final long max;
  private final AtomicLong held = new AtomicLong();

  /** @param max the total; a body larger than it is let in only alone */
  BodyBudget(long max) {
    if (max <= 0) {
      throw new IllegalArgumentException("the body budget must be positive: " + max);
    }
    this.max = max;
  }

  /** {@return true when {@code bytes} were taken; false, taking nothing, when they would exceed the total} */
  boolean tryTake(long bytes) {
    while (true) {
      long current = held.get();
      if (current > 0 && current + bytes > max) {
        return false;
      }
      if (held.compareAndSet(current, current + bytes)) {
        return true;
      }
    }
  }

  /** Gives back bytes that {@link #tryTake} took. */
  void give(long bytes) {
    held.addAndGet(-bytes);
  }

  /** {@return the bytes held now} */
  long held() {
    return held.get();
  }

  /** {@return the total} */
  long max() {
    return max;
  }
}
