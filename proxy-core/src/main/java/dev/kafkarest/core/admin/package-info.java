/**
 * Cluster administration for the v3 API: the cluster and its brokers, topics (list, create, delete, add
 * partitions), topic configs (describe, set, reset) and partition offsets, answered asynchronously from
 * Kafka's Admin client with bounded timeouts. Failures are {@code ProxyException}s: 404/404 for a cluster,
 * topic, partition or config that does not exist, otherwise Kafka's failure translated by
 * {@code KafkaErrors}.
 */
@NullMarked
package dev.kafkarest.core.admin;

import org.jspecify.annotations.NullMarked;
