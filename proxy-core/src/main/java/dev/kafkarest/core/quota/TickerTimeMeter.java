package dev.kafkarest.core.quota;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;

/** Bucket4j's clock read from a Caffeine {@link Ticker}, so that buckets and their cache share one time. */
record TickerTimeMeter(Ticker ticker) implements TimeMeter {
  @Override
  public long currentTimeNanos() {
    return ticker.read();
  }

  @Override
  public boolean isWallClockBased() {
    return false;
  }
}
