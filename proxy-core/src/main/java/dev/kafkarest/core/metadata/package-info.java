/**
 * Cluster metadata for the v2 read-only endpoints: topics, partitions with their replicas, partition
 * offsets and brokers, answered asynchronously from Kafka's Admin client with bounded timeouts.
 */
@NullMarked
package dev.kafkarest.core.metadata;

import org.jspecify.annotations.NullMarked;
