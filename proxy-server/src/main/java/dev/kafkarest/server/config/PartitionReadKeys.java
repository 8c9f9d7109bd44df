package dev.kafkarest.server.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Keys of stateless reads by offset (v2's {@code GET /topics/{t}/partitions/{p}/records}, v1's simple read,
 * HDInsight's consume): the shared consumer pool and the limits of one read.
 */
public final class PartitionReadKeys {
  public static final String CONSUMERS = "partition.reads.consumers";
  public static final String QUEUE_MAX = "partition.reads.queue.max";
  public static final String TIMEOUT_MAX_MS = "partition.reads.timeout.max.ms";
  public static final String MAX_BYTES = "partition.reads.max.bytes";
  public static final String COUNT_MAX = "partition.reads.count.max";

  private PartitionReadKeys() {}

  static void define(ConfigDef definition) {
    new KeyGroup(definition, "Reads by offset")
        .define(CONSUMERS, Type.INT, 4, Range.between(1, 256), Importance.MEDIUM,
            "Kafka consumers shared by every read by offset (created on first need, kept assigned).")
        .define(QUEUE_MAX, Type.INT, 100, Range.between(0, 100_000), Importance.LOW,
            "Reads by offset that may wait for a free consumer; more are refused with 429.")
        .define(TIMEOUT_MAX_MS, Type.INT, 30_000, Range.between(0, 600_000), Importance.LOW,
            "The longest a read by offset waits for its first record at the end of a partition.")
        .define(MAX_BYTES, Type.LONG, 67_108_864L, Range.between(1, Integer.MAX_VALUE), Importance.LOW,
            "Cap on the key and value bytes of one read by offset (its first record is always returned).")
        .define(COUNT_MAX, Type.INT, 10_000, Range.between(1, 1_000_000), Importance.LOW,
            "The highest count one read by offset may ask for; above it the read is refused with 400.");
  }
}
