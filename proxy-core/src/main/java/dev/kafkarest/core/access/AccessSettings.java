package dev.kafkarest.core.access;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How requests are authorized.
 *
 * @param authorizationEnabled when false every operation is permitted (internal topics aside); when true
 *     only what {@code rulesFile} allows
 * @param rulesFile the rules file; required when authorization is enabled
 * @param reloadInterval how often, at most, the rules file is checked for changes
 * @param internalTopicsAccess whether internal topics are left to the rules (true), rather than only described
 *     or always refused (false, the default)
 */
public record AccessSettings(boolean authorizationEnabled, @Nullable Path rulesFile, Duration reloadInterval,
    boolean internalTopicsAccess) {
  /** The default interval between checks of the rules file. */
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(10);

  public AccessSettings {
    if (authorizationEnabled && rulesFile == null) {
      throw new IllegalArgumentException("authorization is enabled but no rules file is set");
    }
    if (reloadInterval.isNegative()) {
      throw new IllegalArgumentException("the rules reload interval must not be negative: " + reloadInterval);
    }
  }

  /** {@return settings with authorization off and internal topics closed to produce and consume} */
  public static AccessSettings disabled() {
    return new AccessSettings(false, null, DEFAULT_RELOAD_INTERVAL, false);
  }

  /**
   * Builds the policy these settings describe: the rules file's policy (or allow-all when authorization is
   * off), wrapped in an {@link InternalTopicGuard}.
   *
   * @param internalInMetadata whether the cluster marks a topic internal, answered from memory
   * @throws AccessRulesException when the rules file cannot be read or has a bad line
   */
  public AccessPolicy createPolicy(Ticker ticker, Predicate<String> internalInMetadata) {
    Path file = rulesFile;
    AccessPolicy rules = authorizationEnabled && file != null
        ? RuleFilePolicy.load(file, reloadInterval, ticker)
        : AccessPolicy.allowAll();
    return new InternalTopicGuard(rules, internalTopicsAccess, internalInMetadata);
  }
}
