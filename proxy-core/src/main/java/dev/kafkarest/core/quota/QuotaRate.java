package dev.kafkarest.core.quota;

/**
 * The limits on one kind of traffic: requests per second and bytes per second, each 0 for unlimited. A
 * client may spend up to one second's allowance at once (the bucket's capacity), then waits for it to refill.
 */
public record QuotaRate(long requestsPerSecond, long bytesPerSecond) {
  /** No limit on either. */
  public static final QuotaRate UNLIMITED = new QuotaRate(0, 0);

  public QuotaRate {
    if (requestsPerSecond < 0) {
      throw new IllegalArgumentException("requests per second must not be negative: " + requestsPerSecond);
    }
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("bytes per second must not be negative: " + bytesPerSecond);
    }
  }

  /** {@return whether neither requests nor bytes are limited} */
  public boolean unlimited() {
    return requestsPerSecond == 0 && bytesPerSecond == 0;
  }

  /** {@return this rate with another request limit} */
  public QuotaRate withRequestsPerSecond(long value) {
    return new QuotaRate(value, bytesPerSecond);
  }

  /** {@return this rate with another byte limit} */
  public QuotaRate withBytesPerSecond(long value) {
    return new QuotaRate(requestsPerSecond, value);
  }
}
