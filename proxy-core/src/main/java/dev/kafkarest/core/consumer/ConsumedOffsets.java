package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.error.KafkaErrors;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offsets an instance has returned to its client ("consumed"): per partition, the offset after the
 * last record returned. Commits without explicit offsets, and every commit the proxy makes on its own
 * (auto-commit while the client reads, on rebalance, before a new assignment or subscription, on close),
 * commit these and never records still buffered, so a client that commits what it processed loses
 * nothing and reads nothing twice.
 */
@LaneConfined
final class ConsumedOffsets {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumedOffsets.class);
  /** Bounds each synchronous commit the proxy makes on its own (on rebalance, reassignment and close). */
  static final Duration SYNC_COMMIT_TIMEOUT = Duration.ofSeconds(5);

  private final ConsumerInstanceId id;
  private final Consumer<byte[], byte[]> consumer;
  private final Ticker ticker;
  private final boolean autoCommit;
  private final long autoCommitIntervalNanos;
  private final Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
  private long lastAutoCommit;

  ConsumedOffsets(ConsumerInstanceId id, Consumer<byte[], byte[]> consumer, InstancePolicy policy, Ticker ticker) {
    this.id = id;
    this.consumer = consumer;
    this.ticker = ticker;
    this.autoCommit = policy.autoCommit();
    this.autoCommitIntervalNanos = policy.autoCommitInterval().toNanos();
    this.lastAutoCommit = ticker.read();
  }

  /** Records that a read returned this record (and every earlier one of its partition). */
  void markConsumed(ConsumerRecord<byte[], byte[]> record) {
    consumed.put(FetchBuffer.partitionOf(record), new OffsetAndMetadata(record.offset() + 1));
  }

  /** {@return the consumed offsets of the partitions the consumer is assigned now} */
  Map<TopicPartition, OffsetAndMetadata> onAssigned() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(consumed);
    offsets.keySet().retainAll(consumer.assignment());
    return offsets;
  }

  /** Forgets the partitions the instance no longer reads. */
  void forget(Collection<TopicPartition> partitions) {
    consumed.keySet().removeAll(partitions);
  }

  /** Forgets every partition but these. */
  void keepOnly(Set<TopicPartition> partitions) {
    consumed.keySet().retainAll(partitions);
  }

  void clear() {
    consumed.clear();
  }

  boolean autoCommit() {
    return autoCommit;
  }

  /**
   * With auto-commit on, commits what was consumed on the assigned partitions, synchronously; a failure is
   * logged, not thrown, since the operation that asked (close, reassignment) must go on.
   */
  void autoCommitAssigned() {
    if (autoCommit) {
      commitSyncQuietly(onAssigned(), "Committing consumed offsets");
    }
  }

  /** With auto-commit on, commits what was consumed on partitions a rebalance takes away. */
  private void autoCommitRevoked(Collection<TopicPartition> revoked) {
    if (autoCommit) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(consumed);
      offsets.keySet().retainAll(revoked);
      commitSyncQuietly(offsets, "Commit on rebalance");
    }
  }

  /**
   * With auto-commit on and the interval passed since the last one, commits what earlier reads returned,
   * asynchronously. Called by a read before it takes any record.
   */
  void maybeAutoCommit() {
    long now = ticker.read();
    if (!autoCommit || now - lastAutoCommit < autoCommitIntervalNanos) {
      return;
    }
    lastAutoCommit = now;
    commitAsync(onAssigned(), "Auto-commit");
  }

  /** Commits asynchronously; a failure is logged as {@code what} failed. Nothing to commit does nothing. */
  void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, String what) {
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commitAsync(offsets, (committed, error) -> {
      if (error != null && KafkaErrors.isClientMistake(error)) {
        // The client's mistake (metadata over the broker's limit, in an asynchronous commit): no line above debug.
        LOG.debug("{} of {} failed: {}", what, id, error.toString());
      } else if (error != null) {
        LOG.warn("{} of {} failed: {}", what, id, error.toString());
      }
    });
  }

  /**
   * {@return the listener that, inside {@code poll}, commits what was consumed on partitions a rebalance
   *     revokes (auto-commit on), then forgets them and drops their buffered records; lost partitions are
   *     only forgotten}
   */
  ConsumerRebalanceListener rebalanceListener(FetchBuffer buffer) {
    return new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        autoCommitRevoked(partitions);
        forget(partitions);
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
      }

      private void forget(Collection<TopicPartition> partitions) {
        buffer.drop(partitions);
        ConsumedOffsets.this.forget(partitions);
      }
    };
  }

  private void commitSyncQuietly(Map<TopicPartition, OffsetAndMetadata> offsets, String what) {
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, SYNC_COMMIT_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.warn("{} of {} failed: {}", what, id, e.toString());
    }
  }
}
