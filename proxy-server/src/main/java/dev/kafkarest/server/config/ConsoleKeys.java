package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Keys of the browser console served at {@code /console}. */
public final class ConsoleKeys {
  public static final String ENABLED = "console.enabled";

  private ConsoleKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "Console")
        .define(ENABLED, Type.BOOLEAN, true, null, Importance.LOW,
            "Serve the browser console (static HTML, CSS and JavaScript) at /console.");
  }
}
