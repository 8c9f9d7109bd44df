package dev.kafkarest.core.quota;

import java.time.Duration;
import java.util.Map;

/**
 * The quotas in force.
 *
 * @param defaults the limits of every client without an override, and of every anonymous client
 * @param overrides limits by principal name, replacing {@code defaults} for that principal entirely (use
 *     {@link QuotaLimits#with} to change some values only); a zero rate exempts the principal
 * @param produceBytesInFlightMax the most produce body bytes accepted but not yet completed, over all
 *     clients; 0 for no cap
 * @param maxTrackedClients the most clients whose buckets are kept; the least valuable are dropped beyond
 * @param idleTimeout how long the buckets of a client that sends nothing are kept; a client that comes
 *     back later starts with full buckets, so keep it above the longest wait a client can run up
 */
public record QuotaSettings(QuotaLimits defaults, Map<String, QuotaLimits> overrides, long produceBytesInFlightMax,
    long maxTrackedClients, Duration idleTimeout) {
  /** The default for {@link #maxTrackedClients}. */
  public static final long DEFAULT_MAX_TRACKED_CLIENTS = 100_000;
  /** The default for {@link #idleTimeout}. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

  public QuotaSettings {
    overrides = Map.copyOf(overrides);
    if (produceBytesInFlightMax < 0) {
      throw new IllegalArgumentException("produce bytes in flight must not be negative: " + produceBytesInFlightMax);
    }
    if (maxTrackedClients < 1) {
      throw new IllegalArgumentException("the number of tracked clients must be positive: " + maxTrackedClients);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("the quota idle timeout must be positive: " + idleTimeout);
    }
  }

  /** {@return settings that limit nothing} */
  public static QuotaSettings unlimited() {
    return new QuotaSettings(QuotaLimits.UNLIMITED, Map.of(), 0, DEFAULT_MAX_TRACKED_CLIENTS, DEFAULT_IDLE_TIMEOUT);
  }

  /** {@return whether these settings limit nothing, so that no quota check is needed} */
  public boolean limitsNothing() {
    return defaults.unlimited()
        && overrides.values().stream().allMatch(QuotaLimits::unlimited)
        && produceBytesInFlightMax == 0;
  }

  /** {@return the limits of {@code key}: its override when it is a principal that has one, else the defaults} */
  public QuotaLimits limitsFor(QuotaKey key) {
    return key.principal() ? overrides.getOrDefault(key.name(), defaults) : defaults;
  }
}
