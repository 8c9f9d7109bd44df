package dev.kafkarest.core.quota;

/**
 * The answer of a quota check: granted, or refused with the whole seconds to wait before trying again (the
 * value of a {@code Retry-After} header, at least 1).
 */
public record QuotaDecision(boolean granted, long retryAfterSeconds) {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** The decision that lets a request through. */
  public static final QuotaDecision GRANTED = new QuotaDecision(true, 0);

  public QuotaDecision {
    if (!granted && retryAfterSeconds < 1) {
      throw new IllegalArgumentException("a refusal waits at least 1 second, not " + retryAfterSeconds);
    }
  }

  /** {@return a refusal that waits {@code nanos}, rounded up to whole seconds and at least 1} */
  public static QuotaDecision retryAfterNanos(long nanos) {
    long seconds = nanos / NANOS_PER_SECOND + (nanos % NANOS_PER_SECOND > 0 ? 1 : 0);
    return new QuotaDecision(false, Math.max(1, seconds));
  }
}
