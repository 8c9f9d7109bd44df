package dev.kafkarest.core.quota;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** One client's token buckets: requests and bytes, for produce and for consume; null where unlimited. */
final class ClientBuckets {
  private final QuotaLimits limits;
  private final @Nullable Bucket produceRequests;
  private final @Nullable Bucket produceBytes;
  private final @Nullable Bucket consumeRequests;
  private final @Nullable Bucket consumeBytes;

  ClientBuckets(QuotaLimits limits, TimeMeter time) {
    this.limits = limits;
    this.produceRequests = bucket(limits.produce().requestsPerSecond(), time);
    this.produceBytes = bucket(limits.produce().bytesPerSecond(), time);
    this.consumeRequests = bucket(limits.consume().requestsPerSecond(), time);
    this.consumeBytes = bucket(limits.consume().bytesPerSecond(), time);
  }

  @Nullable Bucket requests(QuotaKind kind) {
    return kind == QuotaKind.PRODUCE ? produceRequests : consumeRequests;
  }

  @Nullable Bucket bytes(QuotaKind kind) {
    return kind == QuotaKind.PRODUCE ? produceBytes : consumeBytes;
  }

  /** {@return how many bytes {@code kind}'s byte bucket holds when full} */
  long bytesCapacity(QuotaKind kind) {
    return limits.rate(kind).bytesPerSecond();
  }

  /** A bucket holding one second's allowance, refilled continuously; none for a rate of 0. */
  private static @Nullable Bucket bucket(long perSecond, TimeMeter time) {
    if (perSecond == 0) {
      return null;
    }
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
        .withCustomTimePrecision(time)
        .build();
  }
}
