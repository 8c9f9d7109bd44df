package dev.kafkarest.core.quota;

/** The rates one client (a principal, or an address while anonymous) is held to, per kind of traffic. */
public record QuotaLimits(QuotaRate produce, QuotaRate consume) {
  /** No limits at all. */
  public static final QuotaLimits UNLIMITED = new QuotaLimits(QuotaRate.UNLIMITED, QuotaRate.UNLIMITED);

  /** {@return the rate for {@code kind}} */
  public QuotaRate rate(QuotaKind kind) {
    return kind == QuotaKind.PRODUCE ? produce : consume;
  }

  /** {@return these limits with {@code kind}'s rate replaced}: how an override changes some values only */
  public QuotaLimits with(QuotaKind kind, QuotaRate rate) {
    return kind == QuotaKind.PRODUCE ? new QuotaLimits(rate, consume) : new QuotaLimits(produce, rate);
  }

  /** {@return whether nothing is limited} */
  public boolean unlimited() {
    return produce.unlimited() && consume.unlimited();
  }
}
