package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.core.metadata.PartitionOffsets;
import dev.kafkarest.core.metrics.ProxyMetrics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a partition from an offset without a consumer instance: the stateless reads of the v1 APIs, and of
 * anything that streams a partition (read a batch, then the next from its {@link ReadBatch#nextOffset}).
 *
 * <p>All reads share a small pool of assigned Kafka consumers ({@code poolSize}, created on first need).
 * A read first resolves its offset against the partition's current range (which also proves that topic
 * and partition exist; records before the end are waited for up to 10 s whatever the read's timeout), then
 * takes a free consumer, preferring one already positioned on its partition
 * (so a client that follows {@code nextOffset} reuses the records fetched after its last batch), and
 * holds it until it answers. Reads that find every consumer busy wait in a queue of {@code queueCapacity};
 * beyond it they are refused with 429. No thread is held while a read waits: each attempt is a
 * non-blocking {@code poll(Duration.ZERO)} on the consumer's {@link SerialLane}, and the next attempt is
 * scheduled after a back-off that doubles from 1 ms up to {@code maxBackoff}.
 *
 * <p>An offset outside the partition's range is refused with 416/41601 naming the range, never reset.
 * Offsets that hold no record to return (transaction markers, aborted records) are passed: an answer
 * without records may still move {@code nextOffset} on, and answers at once when that reaches the end.
 */
public final class PartitionReader implements AutoCloseable {
  private static final int LANE_CAPACITY = 16;
  /**
   * How long a read waits for records known to be there (its offset is before the end), whatever its own
   * timeout: the first fetch after a seek takes a round trip to the broker.
   */
  static final long AVAILABLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** Looks up the range of a partition; fails with 404 for an unknown topic or partition. */
  @FunctionalInterface
  public interface OffsetLookup {
    CompletableFuture<PartitionOffsets> offsets(String topic, int partition);
  }

  private final PartitionReadSettings settings;
  private final ConsumerFactory factory;
  private final OffsetLookup lookup;
  private final Executor pool;
  private final Executor closer;
  private final Scheduler scheduler;
  private final Ticker ticker;
  private final ProxyMetrics metrics;
  private final Map<String, Object> consumerConfig;

  private final ArrayDeque<ReaderSlot> idle = new ArrayDeque<>();
  private final List<ReaderSlot> all = new ArrayList<>();
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private boolean closed;

  public PartitionReader(PartitionReadSettings settings, ConsumerFactory factory, OffsetLookup lookup, Executor pool,
      Executor closer, Scheduler scheduler, Ticker ticker, ProxyMetrics metrics) {
    this.settings = settings;
    this.factory = factory;
    this.lookup = lookup;
    this.pool = pool;
    this.closer = closer;
    this.scheduler = scheduler;
    this.ticker = ticker;
    this.metrics = metrics;
    Map<String, Object> config = new HashMap<>(settings.consumerProperties());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumerConfig = Map.copyOf(config);
  }

  /** {@return the reader's limits} */
  public PartitionReadSettings settings() {
    return settings;
  }

  /**
   * Reads records of one partition.
   *
   * @param format the embedded format the writer gets a codec of
   * @return the batch; fails with a {@link ProxyException}: 400 for a count above the maximum, 404 for an
   *     unknown topic or partition, 416/41601 for an offset out of range, 408/40801 when the first record
   *     cannot be read in {@code format}, 429 when too many reads wait for a consumer
   */
  public <T> CompletableFuture<ReadBatch<T>> read(PartitionRead request, EmbeddedFormat format,
      RecordBatchWriter.Factory<T> writers) {
    if (request.count() > settings.maxCount()) {
      return CompletableFuture.failedFuture(new ProxyException(ErrorCode.BAD_REQUEST,
          "count must be at most " + settings.maxCount() + ", not " + request.count() + "."));
    }
    RecordCodec codec;
    try {
      codec = RecordCodec.of(format);
    } catch (ProxyException e) {
      return CompletableFuture.failedFuture(e);
    }
    long waitNanos = request.timeoutMs() <= 0 ? 0
        : Math.min(TimeUnit.MILLISECONDS.toNanos(request.timeoutMs()), settings.maxTimeout().toNanos());
    long now = ticker.read();
    long maxBytes = request.maxBytes() > 0 ? Math.min(request.maxBytes(), settings.maxBytes()) : settings.maxBytes();
    return lookup.offsets(request.topic(), request.partition()).thenCompose(range -> {
      long from = resolve(request.topicPartition(), request.offset(), range);
      if (from == range.endOffset() && waitNanos == 0) {
        RecordBatchWriter<T> writer = writers.create(format, codec);
        return CompletableFuture.completedFuture(new ReadBatch<>(writer.finish(), 0, from, from));
      }
      long deadline = now + (from < range.endOffset() ? Math.max(waitNanos, AVAILABLE_WAIT_NANOS) : waitNanos);
      SlotRead<T> read = new SlotRead<>(request.topicPartition(), from, range, request.count(), maxBytes, deadline,
          writers.create(format, codec), format);
      return acquire(read.partition).thenCompose(slot -> read.start(slot).whenComplete((batch, error) -> release(slot)));
    });
  }

  /**
   * {@return the offset a read from {@code offset} of the partition starts at, with {@link PartitionRead#EARLIEST}
   *     and {@link PartitionRead#LATEST} resolved against its current range}; fails with a {@link ProxyException}:
   *     404 for an unknown topic or partition, 416/41601 for an offset out of range
   */
  public CompletableFuture<Long> startOffset(String topic, int partition, long offset) {
    TopicPartition topicPartition = new TopicPartition(topic, partition);
    return lookup.offsets(topic, partition).thenApply(range -> resolve(topicPartition, offset, range));
  }

  /** Closes every pooled consumer and refuses the reads still waiting with 503. */
  @Override
  public void close() {
    List<ReaderSlot> slots;
    List<Waiting> dropped;
    synchronized (this) {
      closed = true;
      slots = List.copyOf(all);
      dropped = List.copyOf(waiting);
      waiting.clear();
    }
    ProxyException unavailable = new ProxyException(ErrorCode.SERVICE_UNAVAILABLE, "The proxy is shutting down.");
    dropped.forEach(w -> w.slot.completeExceptionally(unavailable));
    slots.forEach(slot -> slot.lane.submitDespiteCapacity(() -> {
      closer.execute(slot.consumer::close);
      return null;
    }));
  }

  /** {@return how many Kafka consumers the pool holds now} */
  public synchronized int consumers() {
    return all.size();
  }

  /** {@return how many reads wait for a free consumer} */
  public synchronized int waiting() {
    return waiting.size();
  }

  private static long resolve(TopicPartition partition, long offset, PartitionOffsets range) {
    if (offset == PartitionRead.EARLIEST) {
      return range.beginningOffset();
    }
    if (offset == PartitionRead.LATEST) {
      return range.endOffset();
    }
    if (offset < range.beginningOffset() || offset > range.endOffset()) {
      throw outOfRange(partition, offset, range);
    }
    return offset;
  }

  static ProxyException outOfRange(TopicPartition partition, long offset, PartitionOffsets range) {
    return new ProxyException(ErrorCode.OFFSET_OUT_OF_RANGE, "Offset " + offset + " is out of range for topic "
        + partition.topic() + ", partition " + partition.partition() + ": valid offsets are "
        + range.beginningOffset() + " to " + range.endOffset() + " (the end, where a read waits for new records).");
  }

  private CompletableFuture<ReaderSlot> acquire(TopicPartition partition) {
    ReaderSlot slot;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new ProxyException(ErrorCode.SERVICE_UNAVAILABLE, "The proxy is shutting down."));
      }
      slot = takeIdle(partition);
      if (slot == null && all.size() < settings.poolSize()) {
        slot = new ReaderSlot(factory.create(configOf(all.size())), new SerialLane(pool, LANE_CAPACITY));
        all.add(slot);
      }
      if (slot == null) {
        if (waiting.size() >= settings.queueCapacity()) {
          return CompletableFuture.failedFuture(new ProxyException(ErrorCode.TOO_MANY_REQUESTS,
              "Too many reads by offset are waiting (limit " + settings.queueCapacity() + "); try again later."));
        }
        Waiting entry = new Waiting(new CompletableFuture<>());
        waiting.add(entry);
        return entry.slot;
      }
    }
    return CompletableFuture.completedFuture(slot);
  }

  /** {@return the properties of the pool's consumer number {@code index}: a client id of its own} */
  private Map<String, Object> configOf(int index) {
    Object clientId = consumerConfig.get(ConsumerConfig.CLIENT_ID_CONFIG);
    if (clientId == null) {
      return consumerConfig;
    }
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + index);
    return config;
  }

  private @Nullable ReaderSlot takeIdle(TopicPartition partition) {
    for (Iterator<ReaderSlot> it = idle.iterator(); it.hasNext(); ) {
      ReaderSlot candidate = it.next();
      if (partition.equals(candidate.assigned)) {
        it.remove();
        return candidate;
      }
    }
    return idle.poll();
  }

  private void release(ReaderSlot slot) {
    Waiting next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        idle.add(slot);
        return;
      }
    }
    next.slot.complete(slot);
  }

  private record Waiting(CompletableFuture<ReaderSlot> slot) {}

  /** One read on one pooled consumer; attempts run on the consumer's lane, one step at a time. */
  private final class SlotRead<T> {
    private final TopicPartition partition;
    private final long from;
    private final PartitionOffsets range;
    private final int count;
    private final long maxBytes;
    private final long deadline;
    private final RecordBatchWriter<T> writer;
    private final EmbeddedFormat format;
    private final CompletableFuture<ReadBatch<T>> result = new CompletableFuture<>();
    private @Nullable ReaderSlot slot;
    private long next;
    private long backoffNanos = TimeUnit.MILLISECONDS.toNanos(1);

    SlotRead(TopicPartition partition, long from, PartitionOffsets range, int count, long maxBytes, long deadline,
        RecordBatchWriter<T> writer, EmbeddedFormat format) {
      this.partition = partition;
      this.from = from;
      this.range = range;
      this.count = count;
      this.maxBytes = maxBytes;
      this.deadline = deadline;
      this.writer = writer;
      this.format = format;
      this.next = from;
    }

    CompletableFuture<ReadBatch<T>> start(ReaderSlot slot) {
      this.slot = slot;
      slot.lane.submit(() -> {
        slot.position(partition, from);
        return null;
      }).whenComplete((ignored, error) -> {
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          attemptNext(slot);
        }
      });
      return result;
    }

    private void attemptNext(ReaderSlot slot) {
      slot.lane.submit(() -> attempt(slot)).whenComplete((done, error) -> {
        if (error != null && writer.count() > 0) {
          answer();
        } else if (error != null) {
          result.completeExceptionally(error);
        } else if (done) {
          answer();
        } else {
          long wait = Math.min(backoffNanos, Math.max(0, deadline - ticker.read()));
          backoffNanos = Math.min(backoffNanos * 2, settings.maxBackoff().toNanos());
          scheduler.schedule(Runnable::run, () -> attemptNext(slot), wait, TimeUnit.NANOSECONDS);
        }
      });
    }

    private void answer() {
      metrics.consumerRead(writer.count(), writer.bytes());
      if (metrics.perTopic() && writer.count() > 0) {
        metrics.consumerRead(partition.topic(), writer.count(), writer.bytes());
      }
      int taken = writer.count();
      result.complete(new ReadBatch<>(writer.finish(), taken, from, next));
    }

    /** {@return whether to answer now} */
    private boolean attempt(ReaderSlot slot) {
      boolean full = drain(slot);
      while (!full) {
        try {
          if (!slot.poll(partition)) {
            break;
          }
        } catch (org.apache.kafka.clients.consumer.OffsetOutOfRangeException e) {
          slot.forget();
          throw outOfRange(partition, next, range);
        } catch (RuntimeException e) {
          slot.forget();
          throw e;
        }
        full = drain(slot);
      }
      if (writer.count() == 0 && slot.next > next) {
        // Offsets without a record to return (transaction markers): the answer may move on past them.
        next = slot.next;
        if (next >= range.endOffset()) {
          return true;
        }
      }
      return full || writer.count() > 0 || ticker.read() - deadline >= 0;
    }

    /** Moves fetched records into the answer; {@return whether the answer is full} */
    private boolean drain(ReaderSlot slot) {
      var record = slot.fetched.peek();
      while (record != null) {
        if (writer.count() >= count
            || writer.count() > 0 && writer.bytes() + RecordBatchWriter.sizeOf(record) > maxBytes) {
          return true;
        }
        try {
          writer.add(record);
        } catch (dev.kafkarest.core.format.UndecodableDataException e) {
          if (writer.count() > 0) {
            return true;
          }
          throw new ProxyException(ErrorCode.DESERIALIZATION_FAILED, "The record at topic " + record.topic()
              + ", partition " + record.partition() + ", offset " + record.offset() + " cannot be read in the "
              + format.wireName() + " format: " + e.getMessage() + ".", e);
        }
        slot.fetched.removeFirst();
        next = record.offset() + 1;
        slot.next = next;
        if (writer.count() >= count || writer.bytes() >= maxBytes) {
          return true;
        }
        record = slot.fetched.peek();
      }
      return false;
    }
  }
}
