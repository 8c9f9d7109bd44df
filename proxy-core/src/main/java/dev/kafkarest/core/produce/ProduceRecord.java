package dev.kafkarest.core.produce;

import org.jspecify.annotations.Nullable;

/**
 * One record to produce, already encoded to Kafka bytes.
 *
 * @param partition the explicit partition, or null to let the producer's partitioner choose
 */
public record ProduceRecord(byte @Nullable [] key, byte @Nullable [] value, @Nullable Integer partition) {}
