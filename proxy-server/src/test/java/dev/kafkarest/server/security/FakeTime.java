package dev.kafkarest.server.security;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A Caffeine ticker and a wall clock that move together, only when a test moves them. */
final class FakeTime implements Ticker {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Instant start;

  FakeTime(Instant start) {
    this.start = start;
  }

  FakeTime() {
    this(Instant.parse("2026-11-27T12:00:00Z"));
  }

  @Override
  public long read() {
    return nanos.get();
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  Instant now() {
    return start.plusNanos(nanos.get() - 1_000_000_000L);
  }

  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }
}
