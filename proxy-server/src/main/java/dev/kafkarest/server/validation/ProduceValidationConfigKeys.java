package dev.kafkarest.server.validation;

import dev.kafkarest.core.produce.ProduceRules;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The settings of produce validation.
 *
 * <ul>
 *   <li>{@code produce.records.max}: the most records one produce request may hold (413 beyond).
 *   <li>{@code produce.value.schema.topic.<topic>=<file>}: the JSON Schema that json values produced to
 *       {@code <topic>} must match.
 *   <li>{@code produce.value.schema.prefix.<prefix>=<file>}: the same for every topic whose name starts
 *       with {@code <prefix>}; an exact topic key wins, then the longest prefix.
 * </ul>
 *
 * <p>The schema keys embed a topic name, so a {@code ConfigDef} cannot list them: the proxy's check for
 * unknown keys asks {@link #isSchemaKey}, and {@link ProduceValidationSettings#from} validates them.
 */
public final class ProduceValidationConfigKeys {
  public static final String PRODUCE_RECORDS_MAX = "produce.records.max";
  /** Prefix of the keys that map one topic to a schema file. */
  public static final String TOPIC_SCHEMA = "produce.value.schema.topic.";
  /** Prefix of the keys that map a topic-name prefix to a schema file. */
  public static final String PREFIX_SCHEMA = "produce.value.schema.prefix.";
  static final String SCHEMA_KEYS = "produce.value.schema.";

  private ProduceValidationConfigKeys() {}

  /** {@return {@code definition}, with the fixed keys of produce validation added} */
  public static ConfigDef define(ConfigDef definition) {
    return definition.define(PRODUCE_RECORDS_MAX, Type.INT, ProduceRules.DEFAULT_MAX_RECORDS,
        Range.between(1, 1_000_000), Importance.MEDIUM,
        "The most records one produce request may hold; more get 413.", "Produce validation", 1,
        ConfigDef.Width.SHORT, PRODUCE_RECORDS_MAX);
  }

  /**
   * {@return whether {@code key} belongs to the per-topic schema settings}; such keys are checked by
   * {@link ProduceValidationSettings#from}, which refuses malformed ones with a message naming them
   */
  public static boolean isSchemaKey(String key) {
    return key.startsWith(SCHEMA_KEYS);
  }
}
