package dev.kafkarest.core.consumer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 *
 * <p>All or nothing: every offset a move needs from Kafka (the first or last offsets, the offsets for
 * timestamps) is looked up before any position moves, so a move that fails (Kafka down, say) leaves every
 * position as it was. Kafka's own {@code seekToBeginning}/{@code seekToEnd} would not: they mark the
 * partition for a reset at once, and the reset happens at the next poll even when resolving it failed.
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
    Map<TopicPartition, Long> targets = new LinkedHashMap<>(offsets);
    if (!timestamps.isEmpty()) {
      Map<TopicPartition, Long> query = new HashMap<>();
      timestamps.forEach((partition, instant) -> query.put(partition, instant.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
      List<TopicPartition> toEnd = new ArrayList<>();
      for (TopicPartition partition : timestamps.keySet()) {
        OffsetAndTimestamp match = found.get(partition);
        if (match == null) {
          toEnd.add(partition);
        } else {
          targets.put(partition, match.offset());
        }
      }
      if (!toEnd.isEmpty()) {
        targets.putAll(consumer.endOffsets(toEnd));
      }
    }
    moveTo(targets);
  }

  /** Moves partitions to their first offsets, looked up before any position moves. */
  void toBeginning(List<TopicPartition> partitions) {
    requireAssigned(partitions);
    moveTo(consumer.beginningOffsets(partitions));
  }

  /**
   * Moves partitions to their ends, looked up before any position moves, so a record produced right after
   * is read, not skipped.
   */
  void toEnd(List<TopicPartition> partitions) {
    requireAssigned(partitions);
    moveTo(consumer.endOffsets(partitions));
  }

  /** Seeks without asking Kafka anything (the offsets are known), so it cannot fail half-way for Kafka. */
  private void moveTo(Map<TopicPartition, Long> targets) {
    targets.forEach(consumer::seek);
    buffer.drop(targets.keySet());
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
