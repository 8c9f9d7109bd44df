package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.KafkaErrors;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.core.format.UndecodableDataException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stateful consumer instance: a {@code KafkaConsumer} plus the records it fetched but has not yet
 * returned, and the offsets it has returned ("consumed").
 *
 * <p>Every operation runs on the instance's {@link SerialLane} and returns a future; failures are
 * {@link ProxyException}s (Kafka's {@code IllegalStateException} becomes 409/40903). Commits without
 * explicit offsets, and auto-commits, commit only what was returned to the client, never records still
 * buffered in the proxy, so a client that commits what it processed loses nothing and reads nothing
 * twice. The Kafka client's own auto-commit is always off; the proxy commits on the client's schedule
 * while it reads, on rebalance and on close.
 */
public final class ConsumerInstance {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerInstance.class);
  private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final ConsumerInstanceId id;
  private final EmbeddedFormat format;
  private final Consumer<byte[], byte[]> consumer;
  private final SerialLane lane;
  private final Executor closer;
  private final Scheduler scheduler;
  private final Ticker ticker;
  private final RecordCodec codec;
  private final ReadLimits limits;
  private final boolean autoCommit;
  private final long autoCommitIntervalNanos;
  private final long keepAliveNanos;

  // Confined to the lane.
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();
  private final Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
  private long lastAutoCommit;
  // Written on the lane, also read by the keep-alive timer.
  private volatile boolean subscribed;
  // Whether a read has polled since the instance subscribed, so that it is a member of its group.
  private volatile boolean joined;

  private volatile boolean closed;
  private volatile long lastActivity;
  private final AtomicInteger readsInFlight = new AtomicInteger();
  private @Nullable CompletableFuture<Void> released;
  private @Nullable CompletableFuture<Void> terminated;

  /** Per-instance read limits, already resolved against the proxy's defaults. */
  record ReadLimits(long requestTimeoutNanos, long requestMaxBytes, int fetchMinBytes, long maxBackoffNanos) {}

  /**
   * @param closer runs the Kafka consumer's {@code close}, which can block for {@code fetch.max.wait.ms},
   *     off the shared lane pool
   */
  ConsumerInstance(ConsumerInstanceId id, EmbeddedFormat format, Consumer<byte[], byte[]> consumer, SerialLane lane,
      Executor closer, Scheduler scheduler, Ticker ticker, ReadLimits limits, boolean autoCommit,
      Duration autoCommitInterval, Duration keepAliveInterval) {
    this.id = id;
    this.format = format;
    this.consumer = consumer;
    this.lane = lane;
    this.closer = closer;
    this.scheduler = scheduler;
    this.ticker = ticker;
    this.codec = RecordCodec.of(format);
    this.limits = limits;
    this.autoCommit = autoCommit;
    this.autoCommitIntervalNanos = autoCommitInterval.toNanos();
    this.keepAliveNanos = keepAliveInterval.toNanos();
    this.lastActivity = ticker.read();
    this.lastAutoCommit = lastActivity;
  }

  public ConsumerInstanceId id() {
    return id;
  }

  /** {@return the embedded format records are returned in} */
  public EmbeddedFormat format() {
    return format;
  }

  /** Subscribes to a list of topics, replacing any subscription; an empty list unsubscribes. */
  public CompletableFuture<Void> subscribe(List<String> topics) {
    return run(() -> {
      if (topics.isEmpty()) {
        unsubscribeNow();
      } else {
        consumer.subscribe(topics, rebalanceListener());
        subscribed = true;
        joined = false;
      }
      return null;
    });
  }

  /** Subscribes to every topic matching a pattern, replacing any subscription. */
  public CompletableFuture<Void> subscribe(Pattern pattern) {
    return run(() -> {
      consumer.subscribe(pattern, rebalanceListener());
      subscribed = true;
      joined = false;
      return null;
    });
  }

  /** {@return the subscribed topics, sorted (for a pattern: the topics matched so far)} */
  public CompletableFuture<List<String>> subscription() {
    return run(() -> consumer.subscription().stream().sorted().toList());
  }

  /** Drops the subscription and any manual assignment. */
  public CompletableFuture<Void> unsubscribe() {
    return run(() -> {
      unsubscribeNow();
      return null;
    });
  }

  /** Assigns partitions manually, replacing any assignment; an empty list unassigns. */
  public CompletableFuture<Void> assign(List<TopicPartition> partitions) {
    return run(() -> {
      if (autoCommit && !subscribed) {
        // As KafkaConsumer#assign does with auto-commit: commit on the old assignment before replacing it.
        commitConsumedQuietly();
      }
      consumer.assign(partitions);
      Set<TopicPartition> kept = new HashSet<>(partitions);
      buffer.removeIf(record -> !kept.contains(partitionOf(record)));
      consumed.keySet().retainAll(kept);
      return null;
    });
  }

  /** {@return the partitions assigned to this instance, manually or by its group} */
  public CompletableFuture<List<TopicPartition>> assignment() {
    return run(() -> consumer.assignment().stream()
        .sorted((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
            : a.topic().compareTo(b.topic()))
        .toList());
  }

  /**
   * Moves positions: to an offset (the next record returned is that offset), or to the first offset
   * whose timestamp is at or after an instant (the end of the partition when there is none).
   */
  public CompletableFuture<Void> seek(Map<TopicPartition, Long> offsets, Map<TopicPartition, Instant> timestamps) {
    return run(() -> {
      requireAssigned(offsets.keySet());
      requireAssigned(timestamps.keySet());
      offsets.forEach((partition, offset) -> {
        consumer.seek(partition, offset);
        dropBuffered(List.of(partition));
      });
      if (!timestamps.isEmpty()) {
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
          dropBuffered(List.of(partition));
        }
      }
      return null;
    });
  }

  /**
   * Moves partitions to their first offset. Unlike Kafka's lazy seek, the position is resolved before
   * the call returns, so records produced afterwards are read.
   */
  public CompletableFuture<Void> seekToBeginning(List<TopicPartition> partitions) {
    return run(() -> {
      requireAssigned(partitions);
      consumer.seekToBeginning(partitions);
      resolvePositions(partitions);
      return null;
    });
  }

  /**
   * Moves partitions to their end. The position is resolved before the call returns, so a record
   * produced right after this call is read, not skipped.
   */
  public CompletableFuture<Void> seekToEnd(List<TopicPartition> partitions) {
    return run(() -> {
      requireAssigned(partitions);
      consumer.seekToEnd(partitions);
      resolvePositions(partitions);
      return null;
    });
  }

  private void resolvePositions(Collection<TopicPartition> partitions) {
    dropBuffered(partitions);
    partitions.forEach(consumer::position);
  }

  /**
   * Commits offsets for the group. With {@code lastProcessed}, commits each given offset plus one (the
   * client names the last record it processed, as in Confluent's API); without, commits what this
   * instance has returned on its assigned partitions. Synchronous unless {@code async}.
   */
  public CompletableFuture<Void> commit(@Nullable Map<TopicPartition, OffsetAndMetadata> lastProcessed, boolean async) {
    return run(() -> {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      if (lastProcessed == null) {
        offsets.putAll(consumedOnAssigned());
      } else {
        lastProcessed.forEach((partition, last) ->
            offsets.put(partition, new OffsetAndMetadata(last.offset() + 1, last.metadata())));
      }
      if (offsets.isEmpty()) {
        return null;
      }
      if (async) {
        consumer.commitAsync(offsets, (committed, error) -> {
          if (error != null) {
            LOG.warn("Asynchronous commit of {} failed: {}", id, error.toString());
          }
        });
      } else {
        consumer.commitSync(offsets);
      }
      return null;
    });
  }

  /** {@return the group's committed offsets for the partitions that have one} */
  public CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> committed(Set<TopicPartition> partitions) {
    return run(() -> {
      Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
      consumer.committed(partitions).forEach((partition, offset) -> {
        if (offset != null) {
          committed.put(partition, offset);
        }
      });
      return committed;
    });
  }

  /**
   * Reads records into a writer of the caller's API, which decides the answer's shape.
   *
   * <p>The read answers as soon as it has records (or, when {@code fetch.min.bytes} is set, that many
   * bytes), or when it has {@code maxBytes}, or with what it has (possibly {@code []}) when the wait
   * ends: {@code timeoutMs} when positive, capped by the instance's request timeout. A record larger
   * than {@code maxBytes} is returned alone. While it waits the read holds no thread: it polls without
   * blocking and is scheduled again with a growing back-off. A record the format cannot decode fails the
   * read with 408/40801 naming its partition and offset and stays first in line; seeking past it
   * unblocks the instance. A failure after the read has collected records (a poll error, the instance
   * closing) answers with those records instead, since they already count as consumed. With
   * auto-commit on, a read first commits what earlier reads returned, once the interval has passed.
   *
   * @param writers creates the read's writer, which is then used on this instance's lane only
   */
  public <T> CompletableFuture<T> read(long timeoutMs, long maxBytes, RecordBatchWriter.Factory<T> writers) {
    long waitNanos = limits.requestTimeoutNanos();
    if (timeoutMs > 0) {
      waitNanos = Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(timeoutMs));
    }
    long cap = maxBytes > 0 ? Math.min(maxBytes, limits.requestMaxBytes()) : limits.requestMaxBytes();
    Read<T> read = new Read<>(ticker.read() + waitNanos, cap, writers.create(format, codec));
    readsInFlight.incrementAndGet();
    touch();
    read.result.whenComplete((body, error) -> {
      readsInFlight.decrementAndGet();
      touch();
    });
    read.next();
    return read.result;
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
    if (closed || !joined || readsInFlight.get() > 0 || ticker.read() - lastActivity < keepAliveNanos) {
      return false;
    }
    touch();
    run(() -> {
      if (!joined) {
        return null;
      }
      Set<TopicPartition> assigned = consumer.assignment();
      consumer.pause(assigned);
      ConsumerRecords<byte[], byte[]> polled;
      try {
        polled = consumer.poll(Duration.ZERO);
      } finally {
        consumer.resume(consumer.paused());
      }
      // Partitions assigned by a rebalance inside this poll were not paused; their records have moved
      // the position on, so keep them for the next read.
      polled.forEach(buffer::add);
      return null;
    });
    return true;
  }

  /**
   * Closes the instance: later operations fail with 404/40403. Through its lane it commits what was
   * consumed when auto-commit is on; then the closer closes the Kafka consumer, leaving its group.
   * Idempotent.
   *
   * @return a future that completes once the commit is done (or was not needed); the Kafka consumer
   *     finishes closing after that, see {@link #terminated()}. Its close can wait up to {@code
   *     fetch.max.wait.ms} for a fetch the broker is holding, which neither the client nor the lane pool
   *     should wait for.
   */
  public synchronized CompletableFuture<Void> close() {
    if (terminated == null) {
      closed = true;
      CompletableFuture<Void> committed = new CompletableFuture<>();
      CompletableFuture<Void> consumerClosed = new CompletableFuture<>();
      released = committed;
      terminated = consumerClosed;
      lane.submitDespiteCapacity(() -> {
        try {
          if (autoCommit) {
            commitConsumedQuietly();
          }
          buffer.clear();
        } finally {
          committed.complete(null);
        }
        return null;
      }).whenComplete((done, error) -> {
        // Once closed, the lane runs nothing more on this consumer, so another thread may close it.
        committed.complete(null);
        try {
          closer.execute(() -> closeConsumer(consumerClosed));
        } catch (RejectedExecutionException e) {
          closeConsumer(consumerClosed);
        }
      });
    }
    return released;
  }

  private void closeConsumer(CompletableFuture<Void> consumerClosed) {
    try {
      consumer.close(CLOSE_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.warn("Closing consumer instance {} failed: {}", id, e.toString());
    } finally {
      consumerClosed.complete(null);
    }
  }

  /** {@return a future that completes when the Kafka consumer is closed, after {@link #close()}} */
  synchronized CompletableFuture<Void> terminated() {
    close();
    return terminated;
  }

  private void touch() {
    lastActivity = ticker.read();
  }

  private <T> CompletableFuture<T> run(Callable<T> operation) {
    if (closed) {
      return CompletableFuture.failedFuture(notFound());
    }
    return lane.<T>submit(() -> {
      if (closed) {
        throw notFound();
      }
      try {
        return operation.call();
      } catch (IllegalStateException e) {
        throw new ProxyException(ErrorCode.ILLEGAL_STATE, "Illegal state: " + e.getMessage(), e);
      } catch (ProxyException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new ProxyException(ErrorCode.UNPROCESSABLE_ENTITY, e.getMessage(), e);
      } catch (RuntimeException e) {
        throw KafkaErrors.translate(e);
      }
    });
  }

  private static ProxyException notFound() {
    return new ProxyException(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND);
  }

  private void unsubscribeNow() {
    if (autoCommit) {
      commitConsumedQuietly();
    }
    consumer.unsubscribe();
    subscribed = false;
    joined = false;
    buffer.clear();
    consumed.clear();
  }

  private void requireAssigned(Collection<TopicPartition> partitions) {
    Set<TopicPartition> assigned = consumer.assignment();
    for (TopicPartition partition : partitions) {
      if (!assigned.contains(partition)) {
        throw new IllegalStateException("No current assignment for partition " + partition);
      }
    }
  }

  private void dropBuffered(Collection<TopicPartition> partitions) {
    buffer.removeIf(record -> partitions.contains(partitionOf(record)));
  }

  private Map<TopicPartition, OffsetAndMetadata> consumedOnAssigned() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(consumed);
    offsets.keySet().retainAll(consumer.assignment());
    return offsets;
  }

  private void commitConsumedQuietly() {
    Map<TopicPartition, OffsetAndMetadata> offsets = consumedOnAssigned();
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, CLOSE_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.warn("Committing consumed offsets of {} failed: {}", id, e.toString());
    }
  }

  private void maybeAutoCommit() {
    long now = ticker.read();
    if (!autoCommit || now - lastAutoCommit < autoCommitIntervalNanos) {
      return;
    }
    lastAutoCommit = now;
    Map<TopicPartition, OffsetAndMetadata> offsets = consumedOnAssigned();
    if (!offsets.isEmpty()) {
      consumer.commitAsync(offsets, (committed, error) -> {
        if (error != null) {
          LOG.warn("Auto-commit of {} failed: {}", id, error.toString());
        }
      });
    }
  }

  private ConsumerRebalanceListener rebalanceListener() {
    return new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (autoCommit) {
          Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(consumed);
          offsets.keySet().retainAll(partitions);
          if (!offsets.isEmpty()) {
            try {
              consumer.commitSync(offsets, CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
              LOG.warn("Commit on rebalance of {} failed: {}", id, e.toString());
            }
          }
        }
        forget(partitions);
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
      }

      private void forget(Collection<TopicPartition> partitions) {
        dropBuffered(partitions);
        consumed.keySet().removeAll(partitions);
      }
    };
  }

  private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  private static boolean samePartition(ConsumerRecord<?, ?> a, ConsumerRecord<?, ?> b) {
    return a.partition() == b.partition() && a.topic().equals(b.topic());
  }

  /** One long-poll read: a sequence of non-blocking attempts on the lane until it can answer. */
  private final class Read<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    private final long deadline;
    private final long maxBytes;
    private final RecordBatchWriter<T> writer;
    private long backoffNanos = MIN_BACKOFF_NANOS;
    private boolean firstAttempt = true;

    Read(long deadline, long maxBytes, RecordBatchWriter<T> writer) {
      this.deadline = deadline;
      this.maxBytes = maxBytes;
      this.writer = writer;
    }

    void next() {
      run(this::attempt).whenComplete((done, error) -> {
        if (error != null && writer.count() > 0) {
          // The records collected so far already count as consumed (and may be committed): deliver
          // them rather than drop them; the next read meets the error again if it persists.
          LOG.debug("Read on {} ends early with {} records: {}", id, writer.count(), error.toString());
          result.complete(writer.finish());
        } else if (error != null) {
          result.completeExceptionally(error);
        } else if (done) {
          result.complete(writer.finish());
        } else {
          long wait = Math.min(backoffNanos, Math.max(0, deadline - ticker.read()));
          backoffNanos = Math.min(backoffNanos * 2, limits.maxBackoffNanos());
          scheduler.schedule(Runnable::run, this::next, wait, TimeUnit.NANOSECONDS);
        }
      });
    }

    /** Takes what is buffered, then what a non-blocking poll brings; {@return whether to answer now} */
    private boolean attempt() {
      if (closed) {
        return true;
      }
      if (firstAttempt) {
        // Before this read takes anything: an auto-commit covers only what earlier reads returned.
        firstAttempt = false;
        maybeAutoCommit();
      }
      boolean full = drainBuffer();
      while (!full) {
        var polled = consumer.poll(Duration.ZERO);
        joined = subscribed;
        if (polled.isEmpty()) {
          break;
        }
        polled.forEach(buffer::add);
        full = drainBuffer();
      }
      return full || satisfied() || ticker.read() - deadline >= 0;
    }

    private boolean satisfied() {
      int minBytes = limits.fetchMinBytes();
      return minBytes <= 0 ? writer.count() > 0 : writer.bytes() >= minBytes;
    }

    /**
     * Moves buffered records into the response. The consumed offset is recorded once per run of
     * records from the same partition, not per record.
     *
     * @return whether the response is full
     */
    private boolean drainBuffer() {
      ConsumerRecord<byte[], byte[]> lastTaken = null;
      try {
        while (!buffer.isEmpty()) {
          ConsumerRecord<byte[], byte[]> record = buffer.peek();
          if (writer.count() > 0 && writer.bytes() + RecordBatchWriter.sizeOf(record) > maxBytes) {
            return true;
          }
          try {
            writer.add(record);
          } catch (UndecodableDataException e) {
            if (writer.count() > 0) {
              return true;
            }
            throw new ProxyException(ErrorCode.DESERIALIZATION_FAILED, "The record at topic " + record.topic()
                + ", partition " + record.partition() + ", offset " + record.offset() + " cannot be read in the "
                + format.wireName() + " format: " + e.getMessage() + ".", e);
          }
          buffer.poll();
          if (lastTaken != null && !samePartition(lastTaken, record)) {
            markConsumed(lastTaken);
          }
          lastTaken = record;
          if (writer.bytes() >= maxBytes) {
            return true;
          }
        }
        return false;
      } finally {
        if (lastTaken != null) {
          markConsumed(lastTaken);
        }
      }
    }

    private void markConsumed(ConsumerRecord<byte[], byte[]> record) {
      consumed.put(partitionOf(record), new OffsetAndMetadata(record.offset() + 1));
    }
  }
}
