package dev.kafkarest.server.security;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.access.AccessPolicy;
import dev.kafkarest.core.access.AccessRulesException;
import dev.kafkarest.core.access.AccessSettings;
import dev.kafkarest.server.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the {@link AccessPolicy} in force, once, at start-up. */
public final class Authorization {
  private static final Logger LOG = LoggerFactory.getLogger(Authorization.class);

  private Authorization() {}

  /**
   * {@return the policy the settings describe}; a topic is internal when its name starts with {@code __},
   * so no decision asks Kafka
   *
   * @throws InvalidConfigException naming the file and the line when the rules file cannot be read or has
   *     a line that is not a rule
   */
  public static AccessPolicy policy(AccessSettings settings, Ticker ticker) {
    try {
      AccessPolicy policy = settings.createPolicy(ticker, topic -> false);
      if (!settings.authorizationEnabled()) {
        LOG.info("Authorization is off: every request is permitted{}", settings.internalTopicsAccess() ? ""
            : ", except that internal topics may only be described (internal.topics.access=false)");
      }
      return policy;
    } catch (AccessRulesException e) {
      throw new InvalidConfigException(e.getMessage(), e);
    }
  }
}
