package dev.kafkarest.core.consumer;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

/**
 * The limits of a {@link PartitionReader}.
 *
 * @param consumerProperties the Kafka properties each pooled consumer starts from (bootstrap servers,
 *     security); the reader sets deserializers, no group, no auto-commit and no offset reset itself
 * @param poolSize how many Kafka consumers all stateless reads share
 * @param queueCapacity how many reads may wait for a free consumer; more are refused with 429
 * @param maxTimeout the longest a read waits for its first record
 * @param maxBytes the most key and value bytes one read returns (beyond its first record)
 * @param maxCount the highest {@code count} a read may ask for
 * @param maxBackoff the longest pause between two attempts of a waiting read
 */
public record PartitionReadSettings(Map<String, Object> consumerProperties, int poolSize, int queueCapacity,
    Duration maxTimeout, long maxBytes, int maxCount, Duration maxBackoff) {

  public PartitionReadSettings {
    consumerProperties = Map.copyOf(consumerProperties);
    if (poolSize < 1 || queueCapacity < 0 || maxBytes < 1 || maxCount < 1) {
      throw new IllegalArgumentException("pool size, max bytes and max count must be positive");
    }
  }

  /** {@return the settings with the consumer properties' names only}: their values may hold passwords */
  @Override
  public String toString() {
    return "PartitionReadSettings[consumerProperties=" + new TreeSet<>(consumerProperties.keySet()) + ", poolSize="
        + poolSize + ", queueCapacity=" + queueCapacity + ", maxTimeout=" + maxTimeout + ", maxBytes=" + maxBytes
        + ", maxCount=" + maxCount + ", maxBackoff=" + maxBackoff + "]";
  }
}
