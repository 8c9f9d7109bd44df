package dev.kafkarest.core.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Enforces {@link QuotaSettings}: per-client token buckets for requests and bytes, separately for produce
 * and consume, and a global cap on produce bytes in flight.
 *
 * <p>Intended use, for each request of a client with key {@code key}:
 * <ul>
 *   <li>Produce: {@link #tryAcquireProduceBytesInFlight} with the body's {@code Content-Length}, then
 *       {@link #tryAcquire}{@code (key, PRODUCE, length)}; when that refuses, release the bytes in flight at
 *       once, else when the produce completes. Without a {@code Content-Length}, acquire 0 bytes and
 *       {@link #charge} the parsed size.
 *   <li>Consume: {@link #tryAcquire}{@code (key, CONSUME, 0)} before the read (refused while the client
 *       owes bytes), then {@link #charge} the bytes of the response once it is built.
 * </ul>
 * A refusal carries the seconds to wait for a {@code Retry-After} header; answer it with 429/42901.
 *
 * <p>Buckets are kept for at most {@link QuotaSettings#maxTrackedClients} clients, each dropped after
 * {@link QuotaSettings#idleTimeout} without requests. All time, for buckets and their expiry, is read
 * from the given {@link Ticker}. Thread-safe and non-blocking.
 */
public final class QuotaGuard {
  private final QuotaSettings settings;
  private final TimeMeter time;
  private final Cache<QuotaKey, ClientBuckets> clients;
  private final AtomicLong produceBytesInFlight = new AtomicLong();

  public QuotaGuard(QuotaSettings settings, Ticker ticker) {
    this.settings = settings;
    this.time = new TickerTimeMeter(ticker);
    this.clients = Caffeine.newBuilder()
        .maximumSize(settings.maxTrackedClients())
        .expireAfterAccess(settings.idleTimeout())
        .ticker(ticker)
        .executor(Runnable::run)
        .build();
  }

  /**
   * Takes one request and {@code bytes} bytes from {@code key}'s {@code kind} buckets, or nothing when
   * either is short. A request with more bytes than the byte bucket holds waits for a full bucket, then goes
   * through and leaves the rest as debt. With {@code bytes} 0, the request is refused only while the client
   * owes bytes (see {@link #charge}).
   *
   * @param bytes the request's bytes when known in advance (a produce body's length), else 0
   * @return granted, or refused with the longer of the two waits
   */
  public QuotaDecision tryAcquire(QuotaKey key, QuotaKind kind, long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative: " + bytes);
    }
    QuotaLimits limits = settings.limitsFor(key);
    if (limits.rate(kind).unlimited()) {
      return QuotaDecision.GRANTED;
    }
    ClientBuckets buckets = clients.get(key, k -> new ClientBuckets(limits, time));
    Bucket requests = buckets.requests(kind);
    Bucket byteBucket = buckets.bytes(kind);
    long upFront = Math.max(1, Math.min(bytes, buckets.bytesCapacity(kind)));

    long waitNanos = 0;
    boolean requestTaken = false;
    if (requests != null) {
      ConsumptionProbe probe = requests.tryConsumeAndReturnRemaining(1);
      requestTaken = probe.isConsumed();
      waitNanos = requestTaken ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }
    if (byteBucket != null) {
      if (waitNanos > 0) {
        waitNanos = Math.max(waitNanos, byteBucket.estimateAbilityToConsume(upFront).getNanosToWaitForRefill());
      } else if (bytes == 0) {
        waitNanos = byteBucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
      } else {
        ConsumptionProbe probe = byteBucket.tryConsumeAndReturnRemaining(upFront);
        if (!probe.isConsumed()) {
          waitNanos = Math.max(1, probe.getNanosToWaitForRefill());
        } else if (bytes > upFront) {
          byteBucket.consumeIgnoringRateLimits(bytes - upFront);
        }
      }
      if (waitNanos > 0 && requestTaken) {
        requests.addTokens(1); // refused for its bytes: the request does not count
      }
    }
    return waitNanos > 0 ? QuotaDecision.retryAfterNanos(waitNanos) : QuotaDecision.GRANTED;
  }

  /**
   * {@link #charge}s {@code bytes}, then {@return how long until {@code key}'s {@code kind} byte bucket holds a
   *     byte again, in nanoseconds: 0 when the client owes nothing}. For a stream, which reads its next batch only
   *     then instead of being refused.
   */
  public long chargeAndOwedNanos(QuotaKey key, QuotaKind kind, long bytes) {
    charge(key, kind, bytes);
    QuotaLimits limits = settings.limitsFor(key);
    if (limits.rate(kind).bytesPerSecond() == 0) {
      return 0;
    }
    Bucket byteBucket = clients.get(key, k -> new ClientBuckets(limits, time)).bytes(kind);
    return byteBucket == null ? 0 : byteBucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
  }

  /**
   * Takes {@code bytes} from {@code key}'s {@code kind} byte bucket after the fact, even into debt: the
   * client's next requests of that kind are refused until the bucket has refilled. For the bytes of a
   * consumer read, known once the response is built.
   */
  public void charge(QuotaKey key, QuotaKind kind, long bytes) {
    QuotaLimits limits = settings.limitsFor(key);
    if (bytes <= 0 || limits.rate(kind).bytesPerSecond() == 0) {
      return;
    }
    Bucket byteBucket = clients.get(key, k -> new ClientBuckets(limits, time)).bytes(kind);
    if (byteBucket != null) {
      byteBucket.consumeIgnoringRateLimits(bytes);
    }
  }

  /**
   * Counts {@code bytes} of a produce body as in flight, unless that would take the total over
   * {@link QuotaSettings#produceBytesInFlightMax}; a body is always accepted when nothing else is in flight,
   * so that one larger than the cap is not refused forever. Each granted call must be followed by exactly
   * one {@link #releaseProduceBytesInFlight} with the same {@code bytes}.
   *
   * @return granted, or refused with a wait of 1 second
   */
  public QuotaDecision tryAcquireProduceBytesInFlight(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative: " + bytes);
    }
    long max = settings.produceBytesInFlightMax();
    while (true) {
      long current = produceBytesInFlight.get();
      if (max > 0 && current > 0 && current + bytes > max) {
        return QuotaDecision.retryAfterNanos(0);
      }
      if (produceBytesInFlight.compareAndSet(current, current + bytes)) {
        return QuotaDecision.GRANTED;
      }
    }
  }

  /** Releases bytes counted by a granted {@link #tryAcquireProduceBytesInFlight}, once the produce completed. */
  public void releaseProduceBytesInFlight(long bytes) {
    produceBytesInFlight.addAndGet(-bytes);
  }

  /** {@return the produce body bytes in flight now} */
  public long produceBytesInFlight() {
    return produceBytesInFlight.get();
  }

  /** {@return how many clients have buckets now, after removing expired ones} */
  long trackedClients() {
    clients.cleanUp();
    return clients.estimatedSize();
  }
}
