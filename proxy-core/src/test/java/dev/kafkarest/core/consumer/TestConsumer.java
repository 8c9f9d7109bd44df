package dev.kafkarest.core.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's {@code MockConsumer}, made to behave like {@code KafkaConsumer} where the proxy relies on it,
 * and recording what the proxy does with it.
 *
 * <ul>
 *   <li>{@code poll} fails with {@link IllegalStateException} when the consumer is neither subscribed nor
 *       assigned, as {@code KafkaConsumer#poll} documents (MockConsumer just returns nothing);
 *   <li>{@code committed} maps partitions without a committed offset to null, as {@code
 *       KafkaConsumer#committed} documents (MockConsumer leaves them out);
 *   <li>every commit is logged, since MockConsumer forgets commits on assign and refuses to answer after
 *       close.
 * </ul>
 */
final class TestConsumer extends MockConsumer<byte[], byte[]> {
  private final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
  private int polls;
  private int pausedPolls;
  private Runnable onClose = () -> {};
  private boolean positionsUnknown;

  TestConsumer() {
    super("earliest");
  }

  /** While set, {@link #position(TopicPartition, Duration)} fails as a consumer still looking positions up does. */
  void positionsUnknown(boolean unknown) {
    positionsUnknown = unknown;
  }

  @Override
  public synchronized long position(TopicPartition partition, Duration timeout) {
    if (positionsUnknown) {
      throw new org.apache.kafka.common.errors.TimeoutException("The position is not known yet");
    }
    return super.position(partition, timeout);
  }

  @Override
  public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
    if (!closed() && subscription().isEmpty() && assignment().isEmpty()) {
      throw new IllegalStateException("Consumer is not subscribed to any topics or assigned any partitions");
    }
    polls++;
    Set<TopicPartition> assigned = assignment();
    if (!assigned.isEmpty() && paused().containsAll(assigned)) {
      pausedPolls++;
    }
    return super.poll(timeout);
  }

  @Override
  public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> known = super.committed(partitions);
    Map<TopicPartition, OffsetAndMetadata> answer = new HashMap<>();
    partitions.forEach(partition -> answer.put(partition, known.get(partition)));
    return answer;
  }

  @Override
  public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
      OffsetCommitCallback callback) {
    super.commitAsync(offsets, callback);
    commits.add(Map.copyOf(offsets));
  }

  /** {@return every commit so far, oldest first} */
  synchronized List<Map<TopicPartition, OffsetAndMetadata>> commits() {
    return List.copyOf(commits);
  }

  /** {@return the offsets the group would hold: every commit so far, later ones winning} */
  synchronized Map<TopicPartition, Long> committedOffsets() {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    commits.forEach(commit -> commit.forEach((partition, offset) -> offsets.put(partition, offset.offset())));
    return offsets;
  }

  /** {@return how many polls ran} */
  synchronized int polls() {
    return polls;
  }

  @Override
  public void close(Duration timeout) {
    onClose.run();
    super.close(timeout);
  }

  /** Runs {@code action} when {@code close} is called, before the consumer closes. */
  void onClose(Runnable action) {
    this.onClose = action;
  }

  /** Forgets the polls counted so far. */
  synchronized void resetPollCounts() {
    polls = 0;
    pausedPolls = 0;
  }

  /** {@return how many polls ran with every assigned partition paused} */
  synchronized int pausedPolls() {
    return pausedPolls;
  }
}
