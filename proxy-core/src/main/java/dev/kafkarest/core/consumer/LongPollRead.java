package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.core.format.UndecodableDataException;
import dev.kafkarest.core.metrics.ProxyMetrics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-poll read: a sequence of non-blocking attempts on the instance's lane until it can answer, holding
 * no thread between them. When the instance knows its positions, a read that must wait registers with {@link
 * RecordArrivals} and the next attempt runs when records arrive for it (the first wake-up at once, later ones
 * after a back-off that doubles from 1 ms up to the instance's maximum, from 1 ms again once a read that backed
 * off while its positions were unknown waits on the watch), or at its deadline, where it answers without polling
 * again when nothing arrived (an idle read polls its consumer once, without fetching when the instance is quiet:
 * {@link ReadPath#endedQuietly}). Otherwise (no assignment yet, no watch) the scheduler queues the next attempt
 * after that back-off. See {@link ConsumerInstance#read} for when it answers.
 *
 * <p>Attempts run on the lane (the last one of a deadline with nothing arrived, which does not poll, on the
 * scheduler's thread when the lane is idle, holding it); the step between two (answer, or schedule the next)
 * runs when an attempt completes, before the next is queued. So one step at a time touches the read's state
 * and its writer. The writer is chosen at the first attempt: the answer written ahead for a read of this shape
 * ({@link ReadAhead}), taken over, or a new one.
 *
 * @param <T> the answer its writer builds
 */
@LaneConfined
final class LongPollRead<T> {
  private static final Logger LOG = LoggerFactory.getLogger(LongPollRead.class);
  private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final ConsumerInstance instance;
  private final ReadPath reads;
  private final FetchBuffer buffer;
  private final ConsumedOffsets offsets;
  private final Scheduler scheduler;
  private final Ticker ticker;
  private final ProxyMetrics metrics;
  private final RecordArrivals arrivals;
  private final InstancePolicy.ReadLimits limits;
  private final long deadline;
  private final long pollIntervalNanos;
  private final ReadShape<T> shape;
  /** Whether the read's stream still has its turn ({@link StreamTurns}); always, for the records call. */
  private final BooleanSupplier turn;
  /** The read's writer, from the first attempt on (see {@link #startWriter}). */
  private @Nullable RecordBatchWriter<T> writer;
  /** The writer counting per topic, when the metrics ask for it. */
  private @Nullable TopicTally<T> tally;
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private long backoffNanos = MIN_BACKOFF_NANOS;
  private boolean firstAttempt = true;
  /**
   * Wake-ups by arriving records so far; written only by the wake-up of the current wait, one at a time, and read
   * by the attempts it queues (once woken, polls fetch).
   */
  private int wakes;
  /** Whether the read took over the answer written ahead for it: its client is draining the instance. */
  private boolean tookAhead;
  /** Whether the answer was cut at max_bytes, so that more records are likely waiting. */
  private boolean full;
  /** Whether the read waited on the watch until its deadline in vain: the last attempt answers without polling. */
  private boolean quietDeadline;
  /** Whether the last attempt backed off without the watch: the back-off starts again once the read waits on it. */
  private boolean backedOff;

  private enum Step { ANSWER, BACK_OFF, WAIT }

  /**
   * @param pollIntervalNanos the longest a read waiting for records goes without polling its consumer
   * @param timeoutMs the client's wait when positive, capped by the instance's request timeout
   * @param maxBytes the client's cap on the answer's key and value bytes when positive, capped by the
   *     instance's; the first record is taken whatever its size
   * @param writers creates the read's writer, for the instance's format and {@code codec}
   * @param turn whether the read may still take records: false once a newer stream of the instance took over
   */
  LongPollRead(ConsumerInstance instance, ReadPath reads, FetchBuffer buffer, ConsumedOffsets offsets,
      InstanceRuntime runtime, InstancePolicy.ReadLimits limits, long pollIntervalNanos, long timeoutMs, long maxBytes,
      RecordBatchWriter.Factory<T> writers, RecordCodec codec, BooleanSupplier turn) {
    this.pollIntervalNanos = pollIntervalNanos;
    this.turn = turn;
    this.instance = instance;
    this.reads = reads;
    this.buffer = buffer;
    this.offsets = offsets;
    this.scheduler = runtime.scheduler();
    this.ticker = runtime.ticker();
    this.metrics = runtime.metrics();
    this.arrivals = runtime.arrivals();
    this.limits = limits;
    long waitNanos = limits.requestTimeoutNanos();
    if (timeoutMs > 0) {
      waitNanos = Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(timeoutMs));
    }
    this.deadline = ticker.read() + waitNanos;
    this.shape = new ReadShape<>(writers, instance.format(), codec,
        maxBytes > 0 ? Math.min(maxBytes, limits.requestMaxBytes()) : limits.requestMaxBytes());
  }

  /** Queues the first attempt; {@return the answer} */
  CompletableFuture<T> start() {
    metrics.readStarted();
    result.whenComplete((answer, error) -> metrics.readEnded());
    // On a lane thread, not the request thread (a poll may run the rebalance listener's synchronous commit); a full
    // lane refuses it (429). The later attempts belong to a read the lane admitted, and are never refused.
    then(instance.run(this::attempt));
    return result;
  }

  private void next() {
    then(instance.runAdmitted(this::attempt));
  }

  /** The step after an attempt: answer, or schedule the next attempt (a wait's wake-up or deadline queues it). */
  private void then(CompletableFuture<Step> attempted) {
    attempted.whenComplete((done, error) -> {
      if (error != null && writer != null && writer.count() > 0) {
        // The records collected so far already count as consumed (and may be committed): deliver
        // them rather than drop them; the next read meets the error again if it persists.
        LOG.debug("Read on {} ends early with {} records: {}", instance.id(), writer.count(), error.toString());
        answer();
      } else if (error != null) {
        result.completeExceptionally(error);
      } else if (done == Step.ANSWER) {
        answer();
      } else if (done == Step.BACK_OFF) {
        scheduler.schedule(Runnable::run, this::next, nextBackoff(), TimeUnit.NANOSECONDS);
      }
      // Step.WAIT: the wait's wake-up or its deadline timer queues the next attempt.
    });
  }

  private long nextBackoff() {
    long wait = Math.min(backoffNanos, Math.max(0, deadline - ticker.read()));
    backoffNanos = Math.min(backoffNanos * 2, limits.maxBackoffNanos());
    return wait;
  }

  /** A wake-up of the waiting read: the first at once, later ones after the back-off. */
  private void resume() {
    if (wakes++ == 0) {
      next();
    } else {
      scheduler.schedule(Runnable::run, this::next, nextBackoff(), TimeUnit.NANOSECONDS);
    }
  }

  private void answer() {
    RecordBatchWriter<T> writer = this.writer != null ? this.writer : shape.newWriter();
    metrics.consumerRead(writer.count(), writer.bytes());
    if (tally != null) {
      tally.report(metrics);
    }
    int count = writer.count();
    boolean draining = full || tookAhead || writer.bytes() >= shape.maxBytes() / 2;
    T body = writer.finish();
    if (draining) {
      // The client is catching up and will read again at once: have Kafka parse the next records while this
      // answer is sent. Half of max_bytes counts too: a read often ends because its consumer's last poll
      // took every record already fetched (max.poll.records of them), not because the answer is full. And a read
      // that took over an answer written ahead is one of a drain, even when the fetches had not caught up.
      // Queued before the answer completes, so before any read its completion starts (which ends the top-ups).
      reads.prefetch(count, shape);
    }
    result.complete(body);
  }

  /**
   * Takes what is buffered, then what a non-blocking poll brings; {@return whether to answer now, or how
   * to wait for the next attempt}
   */
  private Step attempt() {
    if (instance.isClosed() || !turn.getAsBoolean()) {
      // A newer stream took the instance's reads, and may have sought: this read takes no more records.
      return Step.ANSWER;
    }
    if (firstAttempt) {
      // Before this read takes anything: an auto-commit covers only what earlier reads returned.
      firstAttempt = false;
      reads.readStarting();
      offsets.maybeAutoCommit();
      full = startWriter();
    }
    full = full || drainBuffer();
    while (!full && !quietDeadline && poll()) {
      full = drainBuffer();
    }
    long remaining = deadline - ticker.read();
    // After a quiet deadline it answers whatever the clock says: that attempt may run on the scheduler's thread,
    // where it must neither wait nor ask the consumer anything.
    if (full || satisfied() || remaining <= 0 || quietDeadline) {
      if (quietDeadline && requireWriter().count() == 0) {
        reads.endedQuietly();
      }
      return Step.ANSWER;
    }
    if (!awaitArrival(remaining)) {
      reads.cannotWaitOnWatch();
      backedOff = true;
      return Step.BACK_OFF;
    }
    if (backedOff) {
      // The consumer was still looking its positions up; now it fetches, and the first records follow soon.
      backedOff = false;
      backoffNanos = MIN_BACKOFF_NANOS;
    }
    return Step.WAIT;
  }

  /** Polls once: fetching once the watch woke this read, else as the instance's quiet state says. */
  private boolean poll() {
    return wakes > 0 ? reads.pollForRead() : reads.pollBeforeArrival();
  }

  /**
   * Registers the read to be woken when records arrive at its instance's positions, and at its
   * deadline; {@return false when the positions are unknown or the watch refuses}
   */
  private boolean awaitArrival(long remainingNanos) {
    Map<TopicPartition, Long> positions = reads.waitPositions();
    if (positions == null) {
      return false;
    }
    Wake wake = new Wake();
    RecordArrivals.Waiting waiting = arrivals.await(positions, wake::arrived);
    if (waiting == null) {
      return false;
    }
    wake.waiting = waiting;
    // Polls at least every poll interval, so that a subscribed instance takes part in rebalances; a wait that
    // ends at the deadline answers without polling (the read's first attempt polled, and the next read will).
    // Decided on the lengthened wait: one that the grid carries to the deadline is the last.
    long now = ticker.read();
    long wait = WaitTicks.lengthen(now, Math.min(remainingNanos, pollIntervalNanos));
    boolean lastWait = now + wait - deadline >= 0;
    wake.timer = scheduler.schedule(Runnable::run, lastWait ? wake::expired : wake::timeUp, wait,
        TimeUnit.NANOSECONDS);
    reads.waitingRead(wake::timeUp);
    return true;
  }

  /**
   * The end of one wait, whichever comes first: records arrived, the deadline, or the instance changed
   * (closed, seeked). Fires once.
   */
  private final class Wake {
    private final AtomicBoolean fired = new AtomicBoolean();
    volatile RecordArrivals.@Nullable Waiting waiting;
    volatile @Nullable Future<?> timer;

    /** Records may have arrived: the next attempt at once, or after the back-off if woken before. */
    void arrived() {
      if (fire()) {
        resume();
      }
    }

    /** The poll interval, or a change of the instance: the next attempt at once. */
    void timeUp() {
      if (fire()) {
        next();
      }
    }

    /** The deadline, with nothing arrived: the last attempt answers with what the buffer holds. */
    void expired() {
      if (fire()) {
        quietDeadline = true;
        // An attempt that answers without polling (so it never blocks): on the scheduler's thread when the lane
        // is idle, which spares the idle long poll a hand-off to a lane thread.
        then(instance.runHereIfIdle(LongPollRead.this::attempt));
      }
    }

    private boolean fire() {
      if (!fired.compareAndSet(false, true)) {
        return false;
      }
      RecordArrivals.Waiting registered = waiting;
      if (registered != null) {
        registered.cancel();
      }
      Future<?> deadlineTimer = timer;
      if (deadlineTimer != null) {
        deadlineTimer.cancel(false);
      }
      return true;
    }
  }

  /**
   * Takes over the answer written ahead when it is one of this read's shape, marking its records consumed as
   * {@link #drainBuffer} would have, else starts a new writer. {@return whether the answer is full}
   */
  private boolean startWriter() {
    ReadAhead<?> ahead = buffer.takeAhead();
    RecordBatchWriter<T> written = ahead == null ? null : ahead.writerFor(shape);
    RecordBatchWriter<T> base = written != null ? written : shape.newWriter();
    if (metrics.perTopic()) {
      tally = new TopicTally<>(base);
      writer = tally;
    } else {
      writer = base;
    }
    if (written == null) {
      return false;
    }
    tookAhead = true;
    @Nullable ConsumerRecord<byte[], byte[]> lastTaken = null;
    for (int i = 0; i < ahead.count(); i++) {
      ConsumerRecord<byte[], byte[]> record = buffer.peek();
      buffer.removeFirst();
      if (tally != null) {
        tally.countWritten(record);
      }
      if (lastTaken != null && !samePartition(lastTaken, record)) {
        offsets.markConsumed(lastTaken);
      }
      lastTaken = record;
    }
    if (lastTaken != null) {
      offsets.markConsumed(lastTaken);
    }
    return ahead.isFull();
  }

  private RecordBatchWriter<T> requireWriter() {
    RecordBatchWriter<T> current = writer;
    if (current == null) {
      throw new IllegalStateException("The writer is chosen at the first attempt");
    }
    return current;
  }

  private boolean satisfied() {
    RecordBatchWriter<T> writer = requireWriter();
    int minBytes = limits.fetchMinBytes();
    return minBytes <= 0 ? writer.count() > 0 : writer.bytes() >= minBytes;
  }

  /**
   * Moves buffered records into the answer. The consumed offset is recorded once per run of records
   * from the same partition, not per record.
   *
   * @return whether the answer is full
   */
  private boolean drainBuffer() {
    RecordBatchWriter<T> writer = requireWriter();
    @Nullable ConsumerRecord<byte[], byte[]> lastTaken = null;
    try {
      ConsumerRecord<byte[], byte[]> record;
      while ((record = buffer.peek()) != null) {
        if (!shape.fits(writer, record)) {
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
              + instance.format().wireName() + " format: " + e.getMessage() + ".", e);
        }
        buffer.removeFirst();
        if (lastTaken != null && !samePartition(lastTaken, record)) {
          offsets.markConsumed(lastTaken);
        }
        lastTaken = record;
        if (shape.isFull(writer)) {
          return true;
        }
      }
      return false;
    } finally {
      if (lastTaken != null) {
        offsets.markConsumed(lastTaken);
      }
    }
  }

  private static boolean samePartition(ConsumerRecord<?, ?> a, ConsumerRecord<?, ?> b) {
    return a.partition() == b.partition() && a.topic().equals(b.topic());
  }
}
