package dev.kafkarest.server.security;

import dev.kafkarest.server.config.KeyGroup;
import dev.kafkarest.core.access.AccessSettings;
import dev.kafkarest.server.config.InvalidConfigException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The authorization settings, the proxy's own (Confluent has no equivalent without its commercial
 * security plugins), read into the core's {@link AccessSettings}. See docs/security.md.
 */
public final class AuthorizationConfigKeys {
  public static final String GROUP = "Authorization";

  public static final String ENABLED = "authorization.enabled";
  public static final String RULES_FILE = "authorization.rules.file";
  public static final String RULES_CHECK_INTERVAL_MS = "authorization.rules.check.interval.ms";
  public static final String INTERNAL_TOPICS_ACCESS = "internal.topics.access";

  private AuthorizationConfigKeys() {}

  /** {@return the definition, with the authorization keys added} */
  public static ConfigDef define(ConfigDef definition) {
    new KeyGroup(definition, GROUP)
        .define(ENABLED, Type.BOOLEAN, false, null, Importance.HIGH,
            "Decide every request on the rules file; off permits everything but produce, consume, delete, alter "
                + "and create of internal topics.")
        .define(RULES_FILE, Type.STRING, "", null, Importance.HIGH,
            "The allow and deny rules (one '<allow|deny> <who> <operations> <resource>' per line); required when "
                + ENABLED + " is true.")
        .define(RULES_CHECK_INTERVAL_MS, Type.LONG, AccessSettings.DEFAULT_RELOAD_INTERVAL.toMillis(),
            Range.between(0, 86_400_000), Importance.LOW,
            "The rules file is read again when it changed, checked at most this often.")
        .define(INTERNAL_TOPICS_ACCESS, Type.BOOLEAN, false, null, Importance.MEDIUM,
            "Leave produce, consume, delete, alter and create of internal topics (names starting with __) to the "
                + "rules instead of refusing them.");
    return definition;
  }

  /**
   * {@return the settings of a configuration parsed with a definition that includes {@link #define}}
   *
   * @throws InvalidConfigException when authorization is enabled without a rules file
   */
  public static AccessSettings settings(AbstractConfig config) {
    boolean enabled = config.getBoolean(ENABLED);
    String file = config.getString(RULES_FILE).strip();
    if (enabled && file.isEmpty()) {
      throw new InvalidConfigException("Invalid setting: " + ENABLED + "=true needs " + RULES_FILE);
    }
    return new AccessSettings(enabled, file.isEmpty() ? null : Path.of(file),
        Duration.ofMillis(config.getLong(RULES_CHECK_INTERVAL_MS)), config.getBoolean(INTERNAL_TOPICS_ACCESS));
  }
}
