package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Follows partitions from an offset without a consumer instance: the stateless streams. A {@link Follower}
 * is a loop of {@link PartitionReader} reads, each from the previous batch's {@code nextOffset}.
 *
 * <p>A follower never holds a pooled consumer while it waits for new records. Its reads have no timeout:
 * at the end of the partition one answers at once, empty, without taking a consumer. The follower then
 * registers with {@link RecordArrivals} at its offset and reads again when a record arrives there (or, at
 * the latest, when its {@code idleWait} is over), so an idle partition costs no polling. When the arrival
 * watch is unavailable (switched off, failing), it looks again after a pause that doubles from 10 ms up to
 * {@code maxPause}. A read refused because too many reads wait for a pooled consumer (429) is retried after
 * the same pause: streams queue with the plain reads and never end because of them.
 *
 * <p>At most {@code maxFollowers} are open at once; beyond that, {@link #open} fails with 429 at once.
 */
public final class PartitionFollowers implements AutoCloseable {
  static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final PartitionReader reader;
  private final RecordArrivals arrivals;
  private final int maxFollowers;
  private final long idleWaitNanos;
  private final long maxPauseNanos;
  private final Scheduler scheduler;
  private final Ticker ticker;
  /** Guarded by {@code this}. */
  private final Set<Follower> open = new HashSet<>();
  private boolean closed;

  /**
   * @param arrivals wakes an idle follower when records arrive at its offset
   * @param maxFollowers how many followers may be open at once
   * @param idleWait the longest one {@link Follower#read} waits at the end of the partition before it
   *     answers empty (and the next read looks at the partition's range again)
   * @param maxPause the longest pause between two looks at an idle partition when {@code arrivals} cannot wake
   *     the follower
   */
  public PartitionFollowers(PartitionReader reader, RecordArrivals arrivals, int maxFollowers, Duration idleWait,
      Duration maxPause, Scheduler scheduler, Ticker ticker) {
    if (maxFollowers < 0) {
      throw new IllegalArgumentException("maxFollowers must not be negative");
    }
    this.reader = reader;
    this.arrivals = arrivals;
    this.maxFollowers = maxFollowers;
    this.idleWaitNanos = idleWait.toNanos();
    this.maxPauseNanos = Math.max(FIRST_PAUSE_NANOS, maxPause.toNanos());
    this.scheduler = scheduler;
    this.ticker = ticker;
  }

  /**
   * Opens a follower of a partition from {@code offset}. Its place among the open ones is taken before the
   * offset is looked up, and given back when the look-up fails.
   *
   * @param offset an offset, or {@link PartitionRead#EARLIEST} / {@link PartitionRead#LATEST}
   * @return the follower, to {@link Follower#close} when done; fails with a {@link ProxyException}: 400 for a
   *     format that cannot be read, 404 for an unknown topic or partition, 416/41601 for an offset out of
   *     range, 429 when {@code maxFollowers} are open, 503 once closed
   */
  public CompletableFuture<Follower> open(String topic, int partition, long offset, EmbeddedFormat format) {
    RecordCodec codec;
    try {
      codec = RecordCodec.of(format);
    } catch (ProxyException e) {
      return CompletableFuture.failedFuture(e);
    }
    Follower follower = new Follower(new TopicPartition(topic, partition), format, codec);
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(shuttingDown());
      }
      if (open.size() >= maxFollowers) {
        return CompletableFuture.failedFuture(new ProxyException(ErrorCode.TOO_MANY_REQUESTS,
            "Too many streams by offset are open (stream.partitions.max is " + maxFollowers + "); try again later."));
      }
      open.add(follower);
    }
    CompletableFuture<Follower> opened;
    try {
      opened = reader.startOffset(topic, partition, offset).thenApply(follower::startAt);
    } catch (RuntimeException e) {
      opened = CompletableFuture.failedFuture(e);
    }
    opened.whenComplete((ignored, error) -> {
      if (error != null) {
        follower.close();
      }
    });
    return opened;
  }

  /** {@return how many followers are open} */
  public synchronized int open() {
    return open.size();
  }

  /** Closes every open follower: a read in progress or waiting fails with 503; later opens fail too. */
  @Override
  public void close() {
    List<Follower> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(open);
    }
    all.forEach(follower -> follower.end(shuttingDown()));
  }

  private synchronized void release(Follower follower) {
    open.remove(follower);
  }

  private static ProxyException shuttingDown() {
    return new ProxyException(ErrorCode.SERVICE_UNAVAILABLE, "The proxy is shutting down.");
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  /** One partition followed from an offset; one read at a time. */
  public final class Follower implements AutoCloseable {
    private final TopicPartition partition;
    private final EmbeddedFormat format;
    private final RecordCodec codec;
    /** Guarded by {@code this}. */
    private long next;
    private long pauseNanos = FIRST_PAUSE_NANOS;
    private @Nullable ProxyException ended;
    /** The latest pause, which {@link #end} cuts short. */
    private @Nullable Wake waiting;

    private Follower(TopicPartition partition, EmbeddedFormat format, RecordCodec codec) {
      this.partition = partition;
      this.format = format;
      this.codec = codec;
    }

    private synchronized Follower startAt(long start) {
      this.next = start;
      return this;
    }

    /** {@return the offset the next read starts at} */
    public synchronized long nextOffset() {
      return next;
    }

    /**
     * Reads the next batch: completes once it has records, or empty after {@code idleWait} at the end of the
     * partition; holds no thread and no pooled consumer while it waits.
     *
     * @param maxBytes the most key and value bytes to take (capped by the reader's own limit)
     * @return the batch; fails with a {@link ProxyException} when a read fails (404 when the topic is gone,
     *     416/41601 when the records were deleted by retention, 408/40801 for a record {@code format} cannot
     *     read), 503 once the follower is closed
     */
    public <T> CompletableFuture<T> read(long maxBytes, RecordBatchWriter.Factory<T> writers) {
      CompletableFuture<T> result = new CompletableFuture<>();
      attempt(result, maxBytes, writers, ticker.read() + idleWaitNanos);
      return result;
    }

    private <T> void attempt(CompletableFuture<T> result, long maxBytes, RecordBatchWriter.Factory<T> writers,
        long giveUpAt) {
      long from;
      synchronized (this) {
        if (ended != null) {
          result.completeExceptionally(ended);
          return;
        }
        from = next;
      }
      PartitionRead request = new PartitionRead(partition.topic(), partition.partition(), from,
          reader.settings().maxCount(), maxBytes, 0);
      CompletableFuture<ReadBatch<T>> batch;
      try {
        batch = reader.read(request, format, writers);
      } catch (RuntimeException e) {
        batch = CompletableFuture.failedFuture(e);
      }
      batch.whenComplete((answer, error) -> {
        Throwable cause = error == null ? null : unwrap(error);
        boolean refused = cause instanceof ProxyException e && e.errorCode() == ErrorCode.TOO_MANY_REQUESTS;
        if (cause != null && !refused) {
          result.completeExceptionally(cause);
        } else if (answer != null && (answer.count() > 0 || answer.nextOffset() > from)) {
          // Records, or offsets without records (transaction markers) passed: the next read goes on after them.
          synchronized (this) {
            next = answer.nextOffset();
            pauseNanos = FIRST_PAUSE_NANOS;
          }
          result.complete(answer.records());
        } else if (giveUpAt - ticker.read() <= 0) {
          result.complete(answer != null ? answer.records() : writers.create(format, codec).finish());
        } else {
          pause(() -> attempt(result, maxBytes, writers, giveUpAt), from, giveUpAt, !refused);
        }
      });
    }

    /**
     * Waits before the next attempt without a thread: for a record at {@code from} when {@code atEnd} and the
     * arrival watch takes the follower, else for the growing pause; never past {@code giveUpAt}.
     */
    private void pause(Runnable again, long from, long giveUpAt, boolean atEnd) {
      Wake wake = new Wake(again);
      boolean open;
      synchronized (this) {
        open = ended == null;
        if (open) {
          waiting = wake;
        }
      }
      if (!open) {
        again.run();
        return;
      }
      RecordArrivals.Waiting registered = atEnd ? arrivals.await(Map.of(partition, from), wake::fire) : null;
      long left = Math.max(0, giveUpAt - ticker.read());
      long delay;
      synchronized (this) {
        if (registered != null) {
          delay = left;
        } else {
          delay = Math.min(pauseNanos, left);
          pauseNanos = Math.min(pauseNanos * 2, maxPauseNanos);
        }
      }
      wake.arm(registered, scheduler.schedule(Runnable::run, wake::fire, delay, TimeUnit.NANOSECONDS));
    }

    /** Ends the follower (its stream ended): frees its place among the open ones; idempotent. */
    @Override
    public void close() {
      end(new ProxyException(ErrorCode.SERVICE_UNAVAILABLE, "The stream has ended."));
    }

    private void end(ProxyException reason) {
      Wake pending;
      synchronized (this) {
        if (ended != null) {
          return;
        }
        ended = reason;
        pending = waiting;
        waiting = null;
      }
      release(this);
      if (pending != null) {
        pending.fire();
      }
    }
  }

  /** The end of one pause, whichever comes first: a record arrived, the timer, or the follower ended. */
  private static final class Wake {
    private final Runnable again;
    private final AtomicBoolean fired = new AtomicBoolean();
    private volatile RecordArrivals.@Nullable Waiting registered;
    private volatile @Nullable Future<?> timer;

    Wake(Runnable again) {
      this.again = again;
    }

    void arm(RecordArrivals.@Nullable Waiting arrival, Future<?> deadline) {
      registered = arrival;
      timer = deadline;
      if (fired.get()) {
        cancel();
      }
    }

    void fire() {
      if (fired.compareAndSet(false, true)) {
        cancel();
        again.run();
      }
    }

    private void cancel() {
      RecordArrivals.Waiting arrival = registered;
      if (arrival != null) {
        arrival.cancel();
      }
      Future<?> deadline = timer;
      if (deadline != null) {
        deadline.cancel(false);
      }
    }
  }
}
