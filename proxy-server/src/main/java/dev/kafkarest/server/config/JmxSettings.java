package dev.kafkarest.server.config;

import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * The proxy's meters in JMX ({@link JmxKeys}).
 *
 * @param enabled whether the meters are registered as MBeans too
 * @param prefix the MBeans' JMX domain
 */
public record JmxSettings(boolean enabled, String prefix) {
  /** Characters a JMX domain may hold without quoting (no ':', '*', '?', ',', '=' or spaces). */
  private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9._-]+");

  static JmxSettings from(AbstractConfig config) {
    String prefix = config.getString(JmxKeys.PREFIX).strip();
    if (!DOMAIN.matcher(prefix).matches()) {
      throw new InvalidConfigException("Invalid setting: " + JmxKeys.PREFIX + " '" + prefix
          + "' must be a JMX domain of letters, digits, '.', '_' or '-'");
    }
    return new JmxSettings(config.getBoolean(JmxKeys.ENABLED), prefix);
  }
}
