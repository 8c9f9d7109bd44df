package dev.kafkarest.server.config;

import dev.kafkarest.core.consumer.PartitionReadSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * The settings of reads by offset ({@link PartitionReadKeys}).
 *
 * @param consumers Kafka consumers in the shared pool
 * @param queueMax reads that may wait for one
 * @param maxTimeout the longest wait for a first record
 * @param maxBytes cap on one read's key and value bytes
 * @param maxCount the highest count of one read
 */
public record PartitionReadLimits(int consumers, int queueMax, Duration maxTimeout, long maxBytes, int maxCount) {

  static PartitionReadLimits from(AbstractConfig config) {
    return new PartitionReadLimits(
        config.getInt(PartitionReadKeys.CONSUMERS),
        config.getInt(PartitionReadKeys.QUEUE_MAX),
        Duration.ofMillis(config.getInt(PartitionReadKeys.TIMEOUT_MAX_MS)),
        config.getLong(PartitionReadKeys.MAX_BYTES),
        config.getInt(PartitionReadKeys.COUNT_MAX));
  }

  /**
   * {@return the core reader's settings}
   *
   * @param consumerProperties the Kafka properties the pooled consumers start from
   * @param maxBackoff the longest pause between two attempts of a waiting read
   */
  public PartitionReadSettings settings(Map<String, Object> consumerProperties, Duration maxBackoff) {
    return new PartitionReadSettings(consumerProperties, consumers, queueMax, maxTimeout, maxBytes, maxCount,
        maxBackoff);
  }
}
