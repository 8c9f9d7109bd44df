package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Keys of cluster metadata: the bound on Admin calls and how long topic partition counts are trusted. */
public final class MetadataKeys {
  public static final String TIMEOUT_MS = "metadata.timeout.ms";
  public static final String CACHE_MS = "metadata.cache.ms";

  private MetadataKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "Metadata")
        .define(TIMEOUT_MS, Type.INT, 5_000, Range.between(100, 600_000), Importance.MEDIUM,
            "Bound on each Admin call (metadata endpoints, topic checks before produce) and on how long a produce "
                + "request waits for Kafka before answering (503/50302 when Kafka acknowledged no record).")
        .define(CACHE_MS, Type.LONG, 30_000L, Range.between(0, 3_600_000), Importance.LOW,
            "How long the produce path trusts a topic's known partition count.");
  }
}
