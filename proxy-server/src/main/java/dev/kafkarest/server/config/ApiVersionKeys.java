package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Keys that switch an API version on or off; the names are Confluent's. */
public final class ApiVersionKeys {
  public static final String V3_ENABLE = "api.v3.enable";

  private ApiVersionKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "API versions")
        .define(V3_ENABLE, Type.BOOLEAN, true, null, Importance.MEDIUM,
            "Whether the v3 subset (clusters, brokers, topics, topic configs, partitions, consumer groups and "
                + "their lags under /v3) is served.");
  }
}
