package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigException;

/** Keys of cross-origin (browser) access, named as in Confluent REST Proxy. */
public final class CorsKeys {
  public static final String ALLOW_ORIGIN = "access.control.allow.origin";
  public static final String ALLOW_METHODS = "access.control.allow.methods";
  public static final String ALLOW_HEADERS = "access.control.allow.headers";
  public static final String EXPOSE_HEADERS = "access.control.expose.headers";
  public static final String SKIP_OPTIONS = "access.control.skip.options";

  private static final Validator SKIP_OPTIONS_ONLY_TRUE = (key, value) -> {
    if (Boolean.FALSE.equals(value)) {
      throw new ConfigException(key, value, "only true is supported: browsers send CORS preflights without "
          + "credentials, so preflights that needed authentication would all fail");
    }
  };

  private CorsKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "CORS")
        .define(ALLOW_ORIGIN, Type.LIST, "", null, Importance.LOW,
            "Origins allowed to call the proxy from a browser (comma-separated, * for any); empty disables CORS.")
        .define(ALLOW_METHODS, Type.LIST, "GET,POST,DELETE,OPTIONS,HEAD", null, Importance.LOW,
            "Methods a CORS preflight allows.")
        .define(ALLOW_HEADERS, Type.LIST, "", null, Importance.LOW,
            "Request headers a CORS preflight allows; empty allows those the browser asks for.")
        .define(EXPOSE_HEADERS, Type.LIST, "", null, Importance.LOW,
            "Response headers a browser lets scripts of an allowed origin read, besides the CORS-safelisted ones.")
        .define(SKIP_OPTIONS, Type.BOOLEAN, true, SKIP_OPTIONS_ONLY_TRUE, Importance.LOW,
            "Whether CORS preflights (OPTIONS) are answered without authentication; only true is supported, as "
                + "browsers send preflights without credentials.");
  }
}
