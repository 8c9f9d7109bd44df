package dev.kafkarest.core.admin;

/**
 * A topic as the v3 API shows it. The replication factor is that of its first partition (Kafka has no
 * per-topic value), 0 for a topic with no partitions described.
 */
public record TopicInfo(String name, boolean internal, int replicationFactor, int partitionsCount) {}
