package dev.kafkarest.server.validation;

import dev.kafkarest.core.produce.TopicNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The typed settings of produce validation (see {@link ProduceValidationConfigKeys}).
 *
 * @param maxRecords the most records one produce request may hold
 * @param topicSchemas schema files by exact topic name
 * @param prefixSchemas schema files by topic-name prefix
 */
public record ProduceValidationSettings(
    int maxRecords, Map<String, SchemaFile> topicSchemas, Map<String, SchemaFile> prefixSchemas) {

  private static final ConfigDef DEFINITION = ProduceValidationConfigKeys.define(new ConfigDef());

  public ProduceValidationSettings {
    topicSchemas = Map.copyOf(topicSchemas);
    prefixSchemas = Map.copyOf(prefixSchemas);
  }

  /**
   * A schema file and the setting that named it, for start-up messages.
   *
   * @param key the full setting name, e.g. {@code produce.value.schema.topic.orders}
   */
  public record SchemaFile(String key, Path file) {}

  /**
   * Reads the produce-validation settings out of all of the proxy's settings; other keys are ignored.
   * Schema files are not read here.
   *
   * @throws ConfigException naming the key, for an out-of-range {@code produce.records.max}, a
   *     schema key that is neither {@code produce.value.schema.topic.<topic>} with a legal topic name nor
   *     {@code produce.value.schema.prefix.<prefix>} with a non-empty prefix of legal characters, or an
   *     empty file name
   */
  public static ProduceValidationSettings from(Map<String, ?> settings) {
    Map<String, Object> fixed = new TreeMap<>();
    Map<String, SchemaFile> topics = new TreeMap<>();
    Map<String, SchemaFile> prefixes = new TreeMap<>();
    settings.forEach((key, value) -> {
      if (DEFINITION.names().contains(key)) {
        fixed.put(key, value);
      } else if (key.startsWith(ProduceValidationConfigKeys.TOPIC_SCHEMA)) {
        String topic = key.substring(ProduceValidationConfigKeys.TOPIC_SCHEMA.length());
        if (!TopicNames.isValid(topic)) {
          throw invalid(key, "'" + topic + "' is not a legal topic name (1 to 249 of [a-zA-Z0-9._-]).");
        }
        topics.put(topic, schemaFile(key, value));
      } else if (key.startsWith(ProduceValidationConfigKeys.PREFIX_SCHEMA)) {
        String prefix = key.substring(ProduceValidationConfigKeys.PREFIX_SCHEMA.length());
        if (!TopicNames.isValidPrefix(prefix)) {
          throw invalid(key, "'" + prefix + "' is not a topic-name prefix (1 to 249 of [a-zA-Z0-9._-]).");
        }
        prefixes.put(prefix, schemaFile(key, value));
      } else if (ProduceValidationConfigKeys.isSchemaKey(key)) {
        throw invalid(key, "unknown key; use " + ProduceValidationConfigKeys.TOPIC_SCHEMA + "<topic> or "
            + ProduceValidationConfigKeys.PREFIX_SCHEMA + "<prefix> (see docs/security.md).");
      }
    });
    AbstractConfig parsed = new AbstractConfig(DEFINITION, fixed, false);
    return new ProduceValidationSettings(
        parsed.getInt(ProduceValidationConfigKeys.PRODUCE_RECORDS_MAX), topics, prefixes);
  }

  /** {@return whether any topic has a schema} */
  public boolean hasSchemas() {
    return !topicSchemas.isEmpty() || !prefixSchemas.isEmpty();
  }

  private static SchemaFile schemaFile(String key, Object value) {
    String file = String.valueOf(value).trim();
    if (file.isEmpty()) {
      throw invalid(key, "the schema file name is empty.");
    }
    try {
      return new SchemaFile(key, Path.of(file));
    } catch (InvalidPathException e) {
      throw invalid(key, "'" + file + "' is not a file name: " + e.getReason() + ".");
    }
  }

  private static ConfigException invalid(String key, String problem) {
    return new ConfigException(key + ": " + problem);
  }
}
