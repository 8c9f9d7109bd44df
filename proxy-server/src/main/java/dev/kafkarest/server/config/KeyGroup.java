package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.jspecify.annotations.Nullable;

/** Defines the keys of one concern in a {@link ConfigDef}, as one group, in the order given. */
public final class KeyGroup {
  private final ConfigDef definition;
  private final String group;
  private int order;

  public KeyGroup(ConfigDef definition, String group) {
    this.definition = definition;
    this.group = group;
  }

  public KeyGroup define(String key, Type type, Object defaultValue, @Nullable Validator validator, Importance importance,
      String documentation) {
    definition.define(key, type, defaultValue, validator, importance, documentation, group, ++order, Width.NONE, key);
    return this;
  }
}
