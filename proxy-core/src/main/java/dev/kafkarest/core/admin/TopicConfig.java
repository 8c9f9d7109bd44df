package dev.kafkarest.core.admin;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One config of a topic, as Kafka describes it: the value is null when it is sensitive or unset;
 * {@code source} is Kafka's {@code ConfigEntry.ConfigSource} name ({@code DYNAMIC_TOPIC_CONFIG},
 * {@code DEFAULT_CONFIG}, ...), and the synonyms are listed in Kafka's order of precedence.
 */
public record TopicConfig(String topicName, String name, @Nullable String value, boolean isDefault,
    boolean isReadOnly, boolean isSensitive, String source, List<Synonym> synonyms) {
  public TopicConfig {
    synonyms = List.copyOf(synonyms);
  }

  /** A value that the config takes from another source, such as a broker default. */
  public record Synonym(String name, @Nullable String value, String source) {}
}
