package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Keys of the proxy's meters in JMX: {@code metrics.jmx.prefix} is Confluent's key (the JMX domain); the switch
 * is the proxy's own. See docs/operations.md#jmx.
 */
public final class JmxKeys {
  public static final String ENABLED = "metrics.jmx.enabled";
  public static final String PREFIX = "metrics.jmx.prefix";

  private JmxKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "JMX")
        .define(ENABLED, Type.BOOLEAN, false, null, Importance.LOW,
            "Whether the proxy's meters are also registered as JMX MBeans (beside the Prometheus scrape).")
        .define(PREFIX, Type.STRING, "kafka.rest", null, Importance.LOW,
            "JMX domain of the proxy's MBeans.");
  }
}
