package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Keys that switch APIs and single endpoints off, named and meant as in Confluent REST Proxy. */
public final class EndpointKeys {
  public static final String API_V2_ENABLE = "api.v2.enable";
  public static final String ALLOWLIST = "api.endpoints.allowlist";
  public static final String BLOCKLIST = "api.endpoints.blocklist";

  private EndpointKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "Endpoints")
        .define(API_V2_ENABLE, Type.BOOLEAN, true, null, Importance.LOW,
            "Whether the v2 API (/topics, /brokers, /consumers, /) is served; false answers 404 on its paths.")
        .define(ALLOWLIST, Type.LIST, "", null, Importance.LOW,
            "Confluent endpoint names (api.v2.topics.list) or families (api.v2.topics.*) served; when set, every "
                + "other endpoint answers 404 to GET and 405 to other methods.")
        .define(BLOCKLIST, Type.LIST, "", null, Importance.LOW,
            "Confluent endpoint names or families not served: 404 to GET, 405 to other methods.");
  }
}
