package dev.kafkarest.core.access;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What a request does to a resource; the names follow Kafka's ACL operations. */
public enum Operation {
  /** Sees that a resource exists and reads its metadata (listings, partitions, offsets, brokers). */
  DESCRIBE,
  /** Consumes from a topic, or joins and commits as a consumer group. */
  READ,
  /** Produces to a topic. */
  WRITE,
  CREATE,
  DELETE,
  ALTER;

  private final String ruleName = name().toLowerCase(Locale.ROOT);

  /** {@return the lower-case name used in rule files and error messages} */
  public String ruleName() {
    return ruleName;
  }

  /** {@return the operation with this name, in any case, or null when there is none} */
  public static @Nullable Operation fromName(String name) {
    for (Operation operation : values()) {
      if (operation.ruleName.equalsIgnoreCase(name)) {
        return operation;
      }
    }
    return null;
  }
}
