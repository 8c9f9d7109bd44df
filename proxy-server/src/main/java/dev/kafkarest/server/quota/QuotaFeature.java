package dev.kafkarest.server.quota;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.quota.QuotaGuard;
import dev.kafkarest.core.quota.QuotaRate;
import dev.kafkarest.core.quota.QuotaSettings;
import dev.kafkarest.server.http.BodyAdmission;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quotas as one Jersey feature: {@code application.register(new QuotaFeature(config.quota()))}. When the
 * settings limit nothing it registers nothing, so requests pay nothing for quotas.
 */
public final class QuotaFeature implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaFeature.class);

  private final @Nullable QuotaFilter filter;

  public QuotaFeature(QuotaSettings settings) {
    this(settings, Ticker.systemTicker());
  }

  QuotaFeature(QuotaSettings settings, Ticker ticker) {
    this.filter = settings.limitsNothing() ? null : new QuotaFilter(new QuotaGuard(settings, ticker));
    if (filter != null) {
      LOG.info("Quotas per client: produce {}, consume {}; {} principal overrides; produce bytes in flight: {}",
          describe(settings.defaults().produce()), describe(settings.defaults().consume()),
          settings.overrides().size(), limit(settings.produceBytesInFlightMax(), ""));
    }
  }

  /**
   * {@return what a produce body still arriving counts against: the produce bytes in flight of this
   * feature's guard, or nothing when no in-flight cap is set}
   */
  public BodyAdmission bodyAdmission() {
    return filter == null ? BodyAdmission.NONE : filter.bodyAdmission();
  }

  @Override
  public boolean configure(FeatureContext context) {
    if (filter != null) {
      context.register(filter);
    }
    return true;
  }

  private static String describe(QuotaRate rate) {
    return limit(rate.requestsPerSecond(), " requests/s") + " and " + limit(rate.bytesPerSecond(), " bytes/s");
  }

  private static String limit(long value, String unit) {
    return value == 0 ? "unlimited" + unit : value + unit;
  }

  /** {@return whether the feature registers a filter} */
  boolean active() {
    return filter != null;
  }
}
