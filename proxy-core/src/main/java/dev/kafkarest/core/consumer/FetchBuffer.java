package dev.kafkarest.core.consumer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * An instance's polls, and the records they fetched that no read has returned yet, in fetch order. A read
 * polls only once the buffer is empty, and a prefetch after a full read only while the buffer holds fewer
 * records than that read took, so it holds at most about one read and one poll's worth ({@code
 * max.poll.records}). Records of partitions the instance seeks, loses or gives up are dropped, since the
 * consumer fetches them again from the new position.
 *
 * <p>It may also hold the next read's answer written ahead over its first records ({@link ReadAhead}); removing
 * records by any way but the read that takes it over drops it.
 */
@LaneConfined
final class FetchBuffer {
  private final Consumer<byte[], byte[]> consumer;
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> records = new ArrayDeque<>();
  private @Nullable ReadAhead<?> ahead;

  FetchBuffer(Consumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  /** Polls once without blocking and buffers what it brings; {@return whether it brought records} */
  boolean poll() {
    return addAll(consumer.poll(Duration.ZERO));
  }

  /**
   * Polls once with every assigned partition paused: the consumer takes part in its group (rebalances,
   * {@code max.poll.interval.ms}) but fetches nothing for the partitions it had; {@return whether it brought
   * records}, those of partitions a rebalance inside the poll assigned
   */
  boolean pollPaused() {
    consumer.pause(consumer.assignment());
    ConsumerRecords<byte[], byte[]> polled;
    try {
      polled = consumer.poll(Duration.ZERO);
    } finally {
      consumer.resume(consumer.paused());
    }
    // Partitions assigned by a rebalance inside this poll were not paused; their records have moved
    // the position on, so keep them for the next read.
    return addAll(polled);
  }

  private boolean addAll(ConsumerRecords<byte[], byte[]> polled) {
    for (ConsumerRecord<byte[], byte[]> record : polled) {
      records.add(record);
    }
    return !polled.isEmpty();
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  /** {@return how many records are buffered} */
  int size() {
    return records.size();
  }

  /** {@return the next record, left in the buffer; null when the buffer is empty} */
  @Nullable ConsumerRecord<byte[], byte[]> peek() {
    return records.peek();
  }

  /** Removes the record {@link #peek} returned. */
  void removeFirst() {
    ahead = null;
    records.poll();
  }

  /**
   * Writes the next read's answer ahead, in a read of {@code shape}, over the buffered records; see {@link
   * ReadAhead}. An answer of that shape written before and not complete is extended with the records buffered
   * since (polls add records at the end, so its records are still the first ones); any other is replaced.
   */
  void writeAhead(ReadShape<?> shape) {
    ReadAhead<?> partial = ahead;
    if (partial != null && !partial.isFull() && partial.writerFor(shape) != null) {
      Iterator<ConsumerRecord<byte[], byte[]>> after = records.iterator();
      for (int i = 0; i < partial.count(); i++) {
        after.next();
      }
      if (!partial.extend(after)) {
        ahead = null;
      }
      return;
    }
    ahead = records.isEmpty() ? null : ReadAhead.write(shape, records.iterator());
  }

  /**
   * {@return whether a top-up could add to the answer written ahead: there is one and it is not complete, or
   *     there is none because the buffer is empty}; not when the buffer's first record could not be written ahead
   *     (undecodable, or the writer failed), since a poll would only put more records behind it
   */
  boolean aheadCanGrow() {
    return ahead != null ? !ahead.isFull() : records.isEmpty();
  }

  /**
   * {@return the answer written ahead, if any, which the buffer then forgets}: the read that asks takes it
   *     over or leaves it, and in both cases removes the records itself
   */
  @Nullable ReadAhead<?> takeAhead() {
    ReadAhead<?> taken = ahead;
    ahead = null;
    return taken;
  }

  /** Drops the records of these partitions. */
  void drop(Collection<TopicPartition> partitions) {
    ahead = null;
    records.removeIf(record -> partitions.contains(partitionOf(record)));
  }

  /** Drops the records of every partition but these. */
  void keepOnly(Set<TopicPartition> partitions) {
    ahead = null;
    records.removeIf(record -> !partitions.contains(partitionOf(record)));
  }

  void clear() {
    ahead = null;
    records.clear();
  }

  static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }
}
