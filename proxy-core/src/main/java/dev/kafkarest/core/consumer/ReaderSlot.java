package dev.kafkarest.core.consumer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * One pooled consumer of a {@link PartitionReader}, assigned to one partition at a time, with the records
 * fetched but not yet returned. Used by one read at a time, on its lane only.
 */
final class ReaderSlot {
  final Consumer<byte[], byte[]> consumer;
  final SerialLane lane;
  @LaneConfined final ArrayDeque<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
  /** The partition the consumer is assigned to; read by the pool (a hint), written on the lane. */
  volatile @Nullable TopicPartition assigned;
  /** The offset of the first fetched record, or of the next one to fetch. */
  @LaneConfined long next = -1;

  ReaderSlot(Consumer<byte[], byte[]> consumer, SerialLane lane) {
    this.consumer = consumer;
    this.lane = lane;
  }

  /**
   * Positions the consumer at {@code offset} of {@code partition}, keeping what it fetched when it is
   * already there.
   */
  void position(TopicPartition partition, long offset) {
    if (partition.equals(assigned) && offset == next) {
      return;
    }
    if (!partition.equals(assigned)) {
      consumer.assign(List.of(partition));
      assigned = partition;
    }
    fetched.clear();
    consumer.seek(partition, offset);
    next = offset;
  }

  /**
   * Polls without waiting; {@return whether records arrived}. When none did and none is left, {@link #next}
   * follows the consumer's position, which moves past offsets that hold no record to return (transaction
   * markers, aborted records).
   */
  boolean poll(TopicPartition partition) {
    List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(Duration.ZERO).records(partition);
    fetched.addAll(records);
    if (records.isEmpty() && fetched.isEmpty()) {
      try {
        next = Math.max(next, consumer.position(partition, Duration.ZERO));
      } catch (RuntimeException unknownYet) {
        // The position is known after the first fetch; the next poll asks again.
      }
    }
    return !records.isEmpty();
  }

  /** Drops the assignment after a failure, so the next read starts afresh. */
  void forget() {
    fetched.clear();
    assigned = null;
    next = -1;
    consumer.assign(List.of());
  }
}
