package dev.kafkarest.core.consumer;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Moves an instance's positions. Every move drops the partition's buffered records, which the consumer
 * fetches again from the new position. A partition the instance is not assigned fails with Kafka's
 * {@link IllegalStateException}, which the instance answers with 409/40903.
 */
@LaneConfined
final class Positions {
  private final Consumer<byte[], byte[]> consumer;
  private final FetchBuffer buffer;

  Positions(Consumer<byte[], byte[]> consumer, FetchBuffer buffer) {
    this.consumer = consumer;
    this.buffer = buffer;
  }

  /** Seeks to offsets, then to the first offset at or after each timestamp (the end when there is none). */
  void seek(Map<TopicPartition, Long> offsets, Map<TopicPartition, Instant> timestamps) {
    requireAssigned(offsets.keySet());
    requireAssigned(timestamps.keySet());
    offsets.forEach((partition, offset) -> {
      consumer.seek(partition, offset);
      buffer.drop(List.of(partition));
    });
    if (timestamps.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> query = new HashMap<>();
    timestamps.forEach((partition, instant) -> query.put(partition, instant.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    for (TopicPartition partition : timestamps.keySet()) {
      OffsetAndTimestamp match = found.get(partition);
      if (match == null) {
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
      } else {
        consumer.seek(partition, match.offset());
      }
      buffer.drop(List.of(partition));
    }
  }

  /** Seeks to the first offsets and resolves them at once, unlike Kafka's lazy seek. */
  void toBeginning(List<TopicPartition> partitions) {
    requireAssigned(partitions);
    consumer.seekToBeginning(partitions);
    resolve(partitions);
  }

  /** Seeks to the ends and resolves them at once, so a record produced right after is read, not skipped. */
  void toEnd(List<TopicPartition> partitions) {
    requireAssigned(partitions);
    consumer.seekToEnd(partitions);
    resolve(partitions);
  }

  private void resolve(Collection<TopicPartition> partitions) {
    buffer.drop(partitions);
    partitions.forEach(consumer::position);
  }

  private void requireAssigned(Collection<TopicPartition> partitions) {
    Set<TopicPartition> assigned = consumer.assignment();
    for (TopicPartition partition : partitions) {
      if (!assigned.contains(partition)) {
        throw new IllegalStateException("No current assignment for partition " + partition);
      }
    }
  }
}
