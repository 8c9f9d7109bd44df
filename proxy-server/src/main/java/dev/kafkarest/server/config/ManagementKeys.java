package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Keys of the optional management listener, the proxy's own. See docs/operations.md#management-listener. */
public final class ManagementKeys {
  public static final String LISTENER = "management.listener";

  private ManagementKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "Management")
        .define(LISTENER, Type.STRING, "", null, Importance.LOW,
            "An http URL such as http://0.0.0.0:8083 where the health probes and the metrics scrape are served "
                + "instead of on the main listeners, without authentication; empty serves them on the main "
                + "listeners.");
  }
}
