package dev.kafkarest.core.group;

import org.jspecify.annotations.Nullable;

/**
 * How far a group's committed offset on one partition is behind the partition's log end (read committed).
 * The consumer fields name the member the partition is assigned to, and are empty when it is unassigned.
 */
public record ConsumerLag(String topic, int partition, long currentOffset, long logEndOffset, long lag,
    String consumerId, @Nullable String instanceId, String clientId) {}
