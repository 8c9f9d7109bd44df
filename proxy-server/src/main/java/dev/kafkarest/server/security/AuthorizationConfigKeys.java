package dev.kafkarest.server.security;

import dev.kafkarest.core.access.AccessSettings;
import dev.kafkarest.server.config.InvalidConfigException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

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
    int order = 0;
    return definition
        .define(ENABLED, Type.BOOLEAN, false, Importance.HIGH,
            "Decide every request on the rules file; off permits everything but produce and consume on internal "
                + "topics.",
            GROUP, ++order, Width.SHORT, ENABLED)
        .define(RULES_FILE, Type.STRING, "", Importance.HIGH,
            "The allow and deny rules (one '<allow|deny> <who> <operations> <resource>' per line); required when "
                + ENABLED + " is true.",
            GROUP, ++order, Width.LONG, RULES_FILE)
        .define(RULES_CHECK_INTERVAL_MS, Type.LONG, AccessSettings.DEFAULT_RELOAD_INTERVAL.toMillis(),
            Range.between(0, 86_400_000), Importance.LOW,
            "The rules file is read again when it changed, checked at most this often.",
            GROUP, ++order, Width.SHORT, RULES_CHECK_INTERVAL_MS)
        .define(INTERNAL_TOPICS_ACCESS, Type.BOOLEAN, false, Importance.MEDIUM,
            "Leave produce and consume on internal topics (names starting with __) to the rules instead of "
                + "refusing them.",
            GROUP, ++order, Width.SHORT, INTERNAL_TOPICS_ACCESS);
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
