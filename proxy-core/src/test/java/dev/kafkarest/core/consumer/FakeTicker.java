package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A Caffeine ticker that only moves when a test moves it. */
final class FakeTicker implements Ticker {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long read() {
    return nanos.get();
  }

  /** Moves time on without running anything that is scheduled (see {@link FakeScheduler#advance}). */
  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  void set(long value) {
    nanos.set(value);
  }
}
