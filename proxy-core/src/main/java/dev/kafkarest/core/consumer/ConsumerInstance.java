package dev.kafkarest.core.consumer;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.KafkaErrors;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stateful consumer instance: a {@code KafkaConsumer}, the records it fetched but has not yet
 * returned ({@link FetchBuffer}), and the offsets it has returned ({@link ConsumedOffsets}).
 *
 * <p>Every operation runs on the instance's {@link SerialLane} and returns a future; failures are
 * {@link ProxyException}s (Kafka's {@code IllegalStateException} becomes 409/40903, see {@link
 * #illegalState}). Commits without explicit offsets, and auto-commits, commit only what was returned to
 * the client, never records still buffered in the proxy. The Kafka client's own auto-commit is always
 * off; the proxy commits on the client's schedule while it reads, on rebalance and on close.
 *
 * <p>This class is the instance's public face: each operation is a few lines that queue work on the lane
 * and delegate to a part ({@link LongPollRead}, {@link FetchBuffer}, {@link ConsumedOffsets}, {@link
 * Positions}, {@link GroupMembership}, and {@link ReadPath} for the read path's polls, prefetch and wake-ups).
 */
public final class ConsumerInstance {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerInstance.class);
  /** Bounds {@code KafkaConsumer#close}, which leaves the group and closes fetch sessions. */
  private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final Comparator<TopicPartition> PARTITION_ORDER =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private final ConsumerInstanceId id;
  private final EmbeddedFormat format;
  private final RecordCodec codec;
  private final InstanceRuntime runtime;
  private final InstancePolicy policy;
  @LaneConfined private final Consumer<byte[], byte[]> consumer;
  @LaneConfined private final FetchBuffer buffer;
  @LaneConfined private final ConsumedOffsets offsets;
  @LaneConfined private final Positions positions;
  private final ConsumerRebalanceListener rebalance;

  private final GroupMembership membership;
  private final ReadPath reads;
  private final StreamTurns streams;
  private volatile boolean closed;
  private @Nullable CompletableFuture<Void> released;
  private final CompletableFuture<Void> consumerClosed = new CompletableFuture<>();

  ConsumerInstance(ConsumerInstanceId id, EmbeddedFormat format, Consumer<byte[], byte[]> consumer,
      InstanceRuntime runtime, InstancePolicy policy) {
    this.id = id;
    this.format = format;
    this.codec = RecordCodec.of(format);
    this.consumer = consumer;
    this.runtime = runtime;
    this.policy = policy;
    this.buffer = new FetchBuffer(consumer);
    this.offsets = new ConsumedOffsets(id, consumer, policy, runtime.ticker());
    this.positions = new Positions(consumer, buffer);
    this.rebalance = offsets.rebalanceListener(buffer);
    this.membership = new GroupMembership(runtime.ticker(), policy.keepAliveInterval().toNanos());
    this.reads = new ReadPath(id, consumer, buffer, membership, runtime.ticker(), runtime.scheduler(), runtime.lane(),
        this::isClosed);
    this.streams = new StreamTurns(reads::wakeWaitingRead);
  }

  public ConsumerInstanceId id() {
    return id;
  }

  /** {@return which of the instance's record streams may read} */
  public StreamTurns streams() {
    return streams;
  }

  /** {@return the embedded format records are returned in} */
  public EmbeddedFormat format() {
    return format;
  }

  /**
   * {@return the 409/40903 error of an operation the instance's state does not allow, in Confluent's
   *     words ("Illegal state: " and the detail)}
   */
  public static ProxyException illegalState(String detail, @Nullable Throwable cause) {
    return new ProxyException(ErrorCode.ILLEGAL_STATE, "Illegal state: " + detail, cause);
  }

  /** Subscribes to a list of topics, replacing any subscription; an empty list unsubscribes. */
  public CompletableFuture<Void> subscribe(List<String> topics) {
    return runVoid(() -> {
      if (topics.isEmpty()) {
        unsubscribeNow();
      } else {
        consumer.subscribe(topics, rebalance);
        membership.subscribed();
        reads.positionsMoved();
      }
    });
  }

  /** Subscribes to every topic matching a pattern, replacing any subscription. */
  public CompletableFuture<Void> subscribe(Pattern pattern) {
    return runVoid(() -> {
      consumer.subscribe(pattern, rebalance);
      membership.subscribed();
      reads.positionsMoved();
    });
  }

  /** {@return the subscribed topics, sorted (for a pattern: the topics matched so far)} */
  public CompletableFuture<List<String>> subscription() {
    return run(() -> consumer.subscription().stream().sorted().toList());
  }

  /** Drops the subscription and any manual assignment. */
  public CompletableFuture<Void> unsubscribe() {
    return runVoid(this::unsubscribeNow);
  }

  /** Assigns partitions manually, replacing any assignment; an empty list unassigns. */
  public CompletableFuture<Void> assign(List<TopicPartition> partitions) {
    return runVoid(() -> {
      if (!membership.isSubscribed()) {
        // As KafkaConsumer#assign does with auto-commit: commit on the old assignment before replacing it.
        offsets.autoCommitAssigned();
      }
      consumer.assign(partitions);
      Set<TopicPartition> kept = new HashSet<>(partitions);
      buffer.keepOnly(kept);
      offsets.keepOnly(kept);
      reads.positionsMoved();
      reads.wakeWaitingRead();
    });
  }

  /** {@return the partitions assigned to this instance, manually or by its group, by topic and partition} */
  public CompletableFuture<List<TopicPartition>> assignment() {
    return run(() -> consumer.assignment().stream().sorted(PARTITION_ORDER).toList());
  }

  /**
   * Moves positions: to an offset (the next record returned is that offset), or to the first offset
   * whose timestamp is at or after an instant (the end of the partition when there is none).
   */
  public CompletableFuture<Void> seek(Map<TopicPartition, Long> offsets, Map<TopicPartition, Instant> timestamps) {
    return runVoid(() -> {
      positions.seek(offsets, timestamps);
      reads.positionsMoved();
      reads.wakeWaitingRead();
    });
  }

  /**
   * Moves partitions to their first offset. Unlike Kafka's lazy seek, the position is resolved before
   * the call returns, so records produced afterwards are read.
   */
  public CompletableFuture<Void> seekToBeginning(List<TopicPartition> partitions) {
    return runVoid(() -> {
      positions.toBeginning(partitions);
      reads.positionsMoved();
      reads.wakeWaitingRead();
    });
  }

  /**
   * Moves partitions to their end. The position is resolved before the call returns, so a record
   * produced right after this call is read, not skipped.
   */
  public CompletableFuture<Void> seekToEnd(List<TopicPartition> partitions) {
    return runVoid(() -> {
      positions.toEnd(partitions);
      reads.positionsMoved();
      reads.wakeWaitingRead();
    });
  }

  /**
   * Commits offsets for the group: the given ones (each the offset of the next record to read), or
   * without, what this instance has returned on its assigned partitions. Synchronous unless {@code async}.
   */
  public CompletableFuture<Void> commit(@Nullable Map<TopicPartition, OffsetAndMetadata> given, boolean async) {
    return runVoid(() -> {
      Map<TopicPartition, OffsetAndMetadata> next = given != null ? given : offsets.onAssigned();
      if (async) {
        offsets.commitAsync(next, "Asynchronous commit");
      } else if (!next.isEmpty()) {
        consumer.commitSync(next);
      }
    });
  }

  /** {@return the group's committed offsets for the partitions that have one, by topic and partition} */
  public CompletableFuture<SortedMap<TopicPartition, OffsetAndMetadata>> committed(Set<TopicPartition> partitions) {
    return run(() -> {
      SortedMap<TopicPartition, OffsetAndMetadata> committed = new TreeMap<>(PARTITION_ORDER);
      consumer.committed(partitions).forEach((partition, offset) -> {
        if (offset != null) {
          committed.put(partition, offset);
        }
      });
      return committed;
    });
  }

  /**
   * Reads records into a writer of the caller's API, which decides the answer's shape. The read answers as soon as
   * it has records (or {@code fetch.min.bytes}), or {@code maxBytes} (a larger record alone), or with what it has
   * when the wait ends ({@code timeoutMs} when positive, capped by the request timeout), holding no thread
   * meanwhile. An undecodable record fails it with 408/40801 and stays first in line; a failure after it took
   * records answers with them, since they count as consumed. With auto-commit on, a read first commits what
   * earlier reads returned, once the interval has passed. See {@link LongPollRead}.
   *
   * @param writers creates the read's writer, which is then used by one step of the read at a time
   */
  public <T> CompletableFuture<T> read(long timeoutMs, long maxBytes, RecordBatchWriter.Factory<T> writers) {
    return read(timeoutMs, maxBytes, writers, () -> true);
  }

  /** Reads for a stream, taking records only while its {@code turn} ({@link #streams}) holds. */
  public <T> CompletableFuture<T> read(long timeoutMs, long maxBytes, RecordBatchWriter.Factory<T> writers,
      BooleanSupplier turn) {
    LongPollRead<T> read = new LongPollRead<>(this, reads, buffer, offsets, runtime, policy.limits(),
        policy.keepAliveInterval().toNanos(), timeoutMs, maxBytes, writers, codec, turn);
    membership.readStarted();
    CompletableFuture<T> result = read.start();
    result.whenComplete((body, error) -> membership.readEnded());
    return result;
  }

  /**
   * Polls once without fetching when the instance is in its group (subscribed, and a read has polled
   * since) and has been idle for the keep-alive interval, so that it takes part in rebalances and stays
   * in its group while its client is between reads. An instance that has not read yet is left alone:
   * as with {@code KafkaConsumer}, it joins its group at its first read.
   *
   * @return whether a keep-alive poll was queued
   */
  boolean keepAliveIfIdle() {
    if (closed || !membership.takeKeepAlive()) {
      return false;
    }
    runVoid(() -> {
      if (membership.isJoined()) {
        buffer.pollPaused();
        membership.polled();
      }
    });
    return true;
  }

  /**
   * Closes the instance, idempotently: later operations fail with 404/40403. Through its lane it commits what was
   * consumed when auto-commit is on; then the closer closes the Kafka consumer, leaving its group.
   *
   * @return a future that completes once the commit is done (or was not needed); the Kafka consumer closes after
   *     that ({@link #consumerClosed()}), which can wait {@code fetch.max.wait.ms} for a fetch the broker holds
   */
  public synchronized CompletableFuture<Void> close() {
    if (released == null) {
      closed = true;
      reads.wakeWaitingRead();
      CompletableFuture<Void> committed = new CompletableFuture<>();
      released = committed;
      runtime.lane().submitDespiteCapacity(() -> {
        try {
          offsets.autoCommitAssigned();
          buffer.clear();
        } finally {
          committed.complete(null);
        }
        return null;
      }).whenComplete((done, error) -> {
        // Once closed, the lane runs nothing more on this consumer, so another thread may close it.
        committed.complete(null);
        try {
          runtime.closer().execute(this::closeConsumer);
        } catch (RejectedExecutionException e) {
          closeConsumer();
        }
      });
    }
    return released;
  }

  /** {@return a future that completes when the Kafka consumer has closed}, only after {@link #close()} */
  CompletableFuture<Void> consumerClosed() {
    return consumerClosed;
  }

  private void closeConsumer() {
    try {
      consumer.close(CONSUMER_CLOSE_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.warn("Closing consumer instance {} failed: {}", id, e.toString());
    } finally {
      consumerClosed.complete(null);
    }
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Runs an operation on the lane, translating its failures; fails with 404/40403 once closed, and 429/42902 when
   * the lane is full.
   */
  <T> CompletableFuture<T> run(Callable<T> operation) {
    return run(operation, LaneEntry.BOUNDED);
  }

  /**
   * Like {@link #run}, but never refused for a full lane: for a later step of a read the lane admitted (each read
   * has at most one step queued, so these are bounded by the reads admitted).
   */
  <T> CompletableFuture<T> runAdmitted(Callable<T> operation) {
    return run(operation, LaneEntry.ADMITTED);
  }

  /**
   * Like {@link #runAdmitted}, but on the calling thread when the lane is idle ({@link
   * SerialLane#submitHereIfIdle}): for a read's step that neither polls nor blocks, from the scheduler's thread.
   */
  <T> CompletableFuture<T> runHereIfIdle(Callable<T> operation) {
    return run(operation, LaneEntry.HERE_IF_IDLE);
  }

  /** How an operation enters the lane. */
  private enum LaneEntry { BOUNDED, ADMITTED, HERE_IF_IDLE }

  private <T> CompletableFuture<T> run(Callable<T> operation, LaneEntry entry) {
    if (closed) {
      return CompletableFuture.failedFuture(notFound());
    }
    Callable<T> translated = () -> {
      if (closed) {
        throw notFound();
      }
      try {
        return operation.call();
      } catch (IllegalStateException e) {
        throw illegalState(e.getMessage(), e);
      } catch (ProxyException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, e.getMessage(), e);
      } catch (RuntimeException e) {
        throw KafkaErrors.translate(e);
      }
    };
    return switch (entry) {
      case BOUNDED -> runtime.lane().submit(translated);
      case ADMITTED -> runtime.lane().submitDespiteCapacity(translated);
      case HERE_IF_IDLE -> runtime.lane().submitHereIfIdle(translated);
    };
  }

  private CompletableFuture<Void> runVoid(Runnable operation) {
    return run(() -> {
      operation.run();
      return null;
    });
  }

  private static ProxyException notFound() {
    return new ProxyException(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND);
  }

  private void unsubscribeNow() {
    offsets.autoCommitAssigned();
    consumer.unsubscribe();
    membership.unsubscribed();
    buffer.clear();
    offsets.clear();
    reads.positionsMoved();
  }
}
