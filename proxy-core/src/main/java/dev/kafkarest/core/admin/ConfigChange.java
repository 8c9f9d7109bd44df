package dev.kafkarest.core.admin;

import org.jspecify.annotations.Nullable;

/** One change in a batch of config changes: set a value, or delete it (back to its default). */
public record ConfigChange(String name, @Nullable String value, Operation operation) {

  /** What the change does. */
  public enum Operation { SET, DELETE }

  /** {@return a change that sets {@code name} to {@code value}} */
  public static ConfigChange set(String name, @Nullable String value) {
    return new ConfigChange(name, value, Operation.SET);
  }

  /** {@return a change that resets {@code name}} */
  public static ConfigChange delete(String name) {
    return new ConfigChange(name, null, Operation.DELETE);
  }
}
