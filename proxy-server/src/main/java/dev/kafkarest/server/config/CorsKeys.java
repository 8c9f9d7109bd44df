package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Keys of cross-origin (browser) access, named as in Confluent REST Proxy. */
public final class CorsKeys {
  public static final String ALLOW_ORIGIN = "access.control.allow.origin";
  public static final String ALLOW_METHODS = "access.control.allow.methods";
  public static final String ALLOW_HEADERS = "access.control.allow.headers";

  private CorsKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "CORS")
        .define(ALLOW_ORIGIN, Type.LIST, "", null, Importance.LOW,
            "Origins allowed to call the proxy from a browser (comma-separated, * for any); empty disables CORS.")
        .define(ALLOW_METHODS, Type.LIST, "GET,POST,DELETE,OPTIONS,HEAD", null, Importance.LOW,
            "Methods a CORS preflight allows.")
        .define(ALLOW_HEADERS, Type.LIST, "", null, Importance.LOW,
            "Request headers a CORS preflight allows; empty allows those the browser asks for.");
  }
}
