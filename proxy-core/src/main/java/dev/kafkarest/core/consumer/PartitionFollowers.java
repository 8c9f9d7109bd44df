package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Follows partitions from an offset without a consumer instance: the stateless streams. A {@link Follower}
 * is a loop of {@link PartitionReader} reads, each from the previous batch's {@code nextOffset}.
 *
 * <p>A follower never holds a pooled consumer while it waits for new records: it reads without a timeout,
 * which at the end of the partition answers at once, empty, without taking a consumer, and it tries again
 * after a pause that doubles from 10 ms up to {@code maxPause} while the partition stays idle (back to 10 ms
 * once records come). A read refused because too many reads wait for a consumer (429) counts as an empty
 * one: the follower tries again later, so streams queue with the plain reads and never end because of them.
 *
 * <p>At most {@code maxFollowers} are open at once; beyond that, {@link #open} fails with 429.
 */
public final class PartitionFollowers {
  static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final PartitionReader reader;
  private final int maxFollowers;
  private final long idleWaitNanos;
  private final long maxPauseNanos;
  private final Scheduler scheduler;
  private final Ticker ticker;
  private int open;

  /**
   * @param maxFollowers how many followers may be open at once
   * @param idleWait how long one {@link Follower#read} waits for records before it answers empty
   * @param maxPause the longest pause between two looks at an idle partition
   */
  public PartitionFollowers(PartitionReader reader, int maxFollowers, Duration idleWait, Duration maxPause,
      Scheduler scheduler, Ticker ticker) {
    if (maxFollowers < 0) {
      throw new IllegalArgumentException("maxFollowers must not be negative");
    }
    this.reader = reader;
    this.maxFollowers = maxFollowers;
    this.idleWaitNanos = idleWait.toNanos();
    this.maxPauseNanos = Math.max(FIRST_PAUSE_NANOS, maxPause.toNanos());
    this.scheduler = scheduler;
    this.ticker = ticker;
  }

  /**
   * Opens a follower of a partition from {@code offset}.
   *
   * @param offset an offset, or {@link PartitionRead#EARLIEST} / {@link PartitionRead#LATEST}
   * @return the follower; fails with a {@link ProxyException}: 400 for a format that cannot be read, 404 for
   *     an unknown topic or partition, 416/41601 for an offset out of range, 429 when {@code maxFollowers}
   *     are open
   */
  public CompletableFuture<Follower> open(String topic, int partition, long offset, EmbeddedFormat format) {
    RecordCodec codec;
    try {
      codec = RecordCodec.of(format);
    } catch (ProxyException e) {
      return CompletableFuture.failedFuture(e);
    }
    return reader.startOffset(topic, partition, offset).thenApply(start -> {
      synchronized (this) {
        if (open >= maxFollowers) {
          throw new ProxyException(ErrorCode.TOO_MANY_REQUESTS, "Too many streams by offset are open (limit "
              + maxFollowers + "); try again later.");
        }
        open++;
      }
      return new Follower(topic, partition, start, format, codec);
    });
  }

  /** {@return how many followers are open} */
  public synchronized int open() {
    return open;
  }

  /** {@return the most followers open at once} */
  public int limit() {
    return maxFollowers;
  }

  private synchronized void release() {
    open--;
  }

  /** One partition followed from an offset; reads one at a time. */
  public final class Follower implements AutoCloseable {
    private final String topic;
    private final int partition;
    private final EmbeddedFormat format;
    private final RecordCodec codec;
    private long next;
    private long pauseNanos = FIRST_PAUSE_NANOS;
    private boolean closed;

    private Follower(String topic, int partition, long start, EmbeddedFormat format, RecordCodec codec) {
      this.topic = topic;
      this.partition = partition;
      this.next = start;
      this.format = format;
      this.codec = codec;
    }

    /** {@return the offset the next read starts at} */
    public synchronized long nextOffset() {
      return next;
    }

    /**
     * Reads the next batch: completes once it has records, or empty after {@code idleWait}; holds no thread
     * and no pooled consumer while it waits.
     *
     * @param maxBytes the most key and value bytes to take (capped by the reader's own limit)
     * @return the batch; fails with a {@link ProxyException} when a read fails (416/41601 when the records
     *     were deleted by retention, 40801 for a record {@code format} cannot read), 503 when closed
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
        if (closed) {
          result.completeExceptionally(new ProxyException(ErrorCode.SERVICE_UNAVAILABLE, "The stream is closed."));
          return;
        }
        from = next;
      }
      PartitionRead request = new PartitionRead(topic, partition, from, reader.settings().maxCount(), maxBytes, 0);
      reader.read(request, format, writers).whenComplete((batch, error) -> {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause != null && !(cause instanceof ProxyException refused
            && refused.errorCode() == ErrorCode.TOO_MANY_REQUESTS)) {
          result.completeExceptionally(cause);
          return;
        }
        long pause;
        synchronized (this) {
          if (batch != null && batch.count() > 0) {
            next = batch.nextOffset();
            pauseNanos = FIRST_PAUSE_NANOS;
            result.complete(batch.records());
            return;
          }
          pause = pauseNanos;
          pauseNanos = Math.min(pauseNanos * 2, maxPauseNanos);
        }
        long left = giveUpAt - ticker.read();
        if (left <= 0) {
          result.complete(batch != null ? batch.records() : writers.create(format, codec).finish());
          return;
        }
        scheduler.schedule(Runnable::run, () -> attempt(result, maxBytes, writers, giveUpAt), Math.min(pause, left),
            TimeUnit.NANOSECONDS);
      });
    }

    /** Ends the follower: frees its place among the open ones (once, whatever how often it is called). */
    @Override
    public void close() {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      release();
    }
  }
}
