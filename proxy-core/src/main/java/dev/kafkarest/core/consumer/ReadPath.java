package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path's decisions of one instance, which its {@link LongPollRead}s ask: when its consumer polls
 * for a read, whether to poll once more after a full answer (prefetch), which positions a read waits on
 * for {@link RecordArrivals}, and ending that wait when the instance changes (seek, assignment, close).
 *
 * <p>Polls and positions run on the instance's lane; {@link #waitingRead} and {@link #wakeWaitingRead} may
 * be called from any thread.
 */
final class ReadPath {
  private static final Logger LOG = LoggerFactory.getLogger(ReadPath.class);
  /**
   * How long a quiet instance goes without a fetch at most: what the watch cannot see (a position past the end
   * of a topic that was deleted and created again, which only the instance's own fetch resets) waits this long.
   */
  static final Duration QUIET_FETCH_INTERVAL = Duration.ofSeconds(10);
  /**
   * How long an answer written ahead that is not complete waits before the next poll that tops it up: the
   * fetches the last poll sent are under way, and the consumer reads their answers only inside a poll.
   */
  static final Duration TOP_UP_INTERVAL = Duration.ofMillis(2);
  /** How many times at most an answer written ahead is topped up after one prefetch. */
  static final int TOP_UPS = 10;

  private final ConsumerInstanceId id;
  @LaneConfined private final Consumer<byte[], byte[]> consumer;
  @LaneConfined private final FetchBuffer buffer;
  private final GroupMembership membership;
  private final Ticker ticker;
  private final Scheduler scheduler;
  private final SerialLane lane;
  private final BooleanSupplier closed;
  /** Ends the wait of the read waiting for records, if any. */
  private final AtomicReference<@Nullable Runnable> waitingRead = new AtomicReference<>();
  /** The shape of the last read that filled its answer. */
  @LaneConfined private @Nullable ReadShape<?> lastShape;
  /** Whether the instance is quiet: see {@link #endedQuietly}. */
  @LaneConfined private boolean quiet;
  /** Reads that made their first attempt so far. */
  @LaneConfined private long readStarts;
  /** Ticker reading of the last poll that fetched. */
  @LaneConfined private long lastFetch;

  /**
   * @param closed whether the instance is closed; a closed instance prefetches nothing
   */
  ReadPath(ConsumerInstanceId id, Consumer<byte[], byte[]> consumer, FetchBuffer buffer, GroupMembership membership,
      Ticker ticker, Scheduler scheduler, SerialLane lane, BooleanSupplier closed) {
    this.id = id;
    this.consumer = consumer;
    this.buffer = buffer;
    this.membership = membership;
    this.ticker = ticker;
    this.scheduler = scheduler;
    this.lastFetch = ticker.read();
    this.lane = lane;
    this.closed = closed;
  }

  /**
   * Polls once without blocking for a read, which makes a subscribed instance a member of its group, and
   * buffers what the poll brings; {@return whether it brought records}
   */
  @LaneConfined
  boolean pollForRead() {
    quiet = false;
    lastFetch = ticker.read();
    boolean fetched = buffer.poll();
    membership.polled();
    return fetched;
  }

  /**
   * Polls for a read that no record arrived for yet: without fetching while the instance is quiet (its
   * partitions paused, so the consumer only takes part in its group) and fetched within {@link
   * #QUIET_FETCH_INTERVAL}, and not at all when it is quiet and its consumer also polled within the keep-alive
   * interval; else as {@link #pollForRead}. {@return whether it brought records}
   */
  @LaneConfined
  boolean pollBeforeArrival() {
    if (!quiet || ticker.read() - lastFetch >= QUIET_FETCH_INTERVAL.toNanos()) {
      return pollForRead();
    }
    if (membership.polledWithinKeepAlive()) {
      // The watch wakes the read when records arrive, and the group was answered as lately as a keep-alive would:
      // a client long-polling an idle topic makes its consumer poll once per keep-alive interval, not once per read.
      return false;
    }
    boolean fetched = buffer.pollPaused();
    membership.polled();
    return fetched;
  }

  /**
   * A read waited on the arrival watch until its deadline and nothing arrived: the instance is quiet. Until a
   * poll fetches again (a read the watch woke, or one that cannot wait on the watch), its reads poll without
   * fetching ({@link #pollBeforeArrival}), since the watch wakes them when records arrive. So an idle instance
   * whose client long-polls sends its broker one fetch per {@link #QUIET_FETCH_INTERVAL} instead of one per
   * read, and its consumer's threads have few fetch answers to handle; the first record after a quiet spell
   * costs one fetch round trip more.
   */
  @LaneConfined
  void endedQuietly() {
    quiet = true;
  }

  /**
   * The instance's positions or partitions changed (seek, assignment, subscription): it is no longer quiet, so
   * that its next poll fetches. The watch cannot tell a position past the end, or below the start, of a
   * partition; the instance's own fetch resets it.
   */
  @LaneConfined
  void positionsMoved() {
    quiet = false;
  }

  /** A read cannot wait on the arrival watch: its polls must fetch. */
  @LaneConfined
  void cannotWaitOnWatch() {
    quiet = false;
  }

  /**
   * After a read that filled its answer, polls once more on the lane, so that the next read finds records
   * already parsed while this one's answer is being sent. Skipped when the buffer already holds as many
   * records as that read took, which bounds the buffer to about one read plus one poll; a failing poll is
   * left for the next read to meet. When this read had the same shape as the one before (a client draining
   * the instance), the next answer is also written ahead over the buffered records ({@link ReadAhead}). While
   * that answer is not complete, polls every {@link #TOP_UP_INTERVAL} (at most {@link #TOP_UPS} times) write what
   * the fetches under way bring into it, until it is complete or a read takes it: the client's next read then
   * finds a whole answer, not one cut short by a fetch that had not arrived yet.
   *
   * @param shape what the read that filled its answer wrote
   */
  void prefetch(int lastReadCount, ReadShape<?> shape) {
    if (closed.getAsBoolean()) {
      return;
    }
    lane.submit(() -> {
      if (closed.getAsBoolean()) {
        return null;
      }
      if (buffer.size() < lastReadCount && !pollAhead("Prefetch")) {
        return null;
      }
      if (shape.sameAs(lastShape)) {
        buffer.writeAhead(shape);
        if (buffer.aheadCanGrow()) {
          topUpLater(shape, readStarts, TOP_UPS);
        }
      }
      lastShape = shape;
      return null;
    });
  }

  /**
   * In {@link #TOP_UP_INTERVAL}, unless a read has started since (it took the answer) or the answer cannot grow
   * ({@link FetchBuffer#aheadCanGrow}), polls and writes what the poll brings into the answer written ahead. While
   * it can grow the buffer holds less than one answer, so a top-up's poll keeps it within one answer and a poll.
   */
  private void topUpLater(ReadShape<?> shape, long readsBefore, int left) {
    scheduler.schedule(Runnable::run, () -> lane.submit(() -> {
      if (closed.getAsBoolean() || readStarts != readsBefore || !buffer.aheadCanGrow()) {
        return null;
      }
      if (!pollAhead("Topping up the answer written ahead")) {
        return null;
      }
      buffer.writeAhead(shape);
      if (buffer.aheadCanGrow() && left > 1) {
        topUpLater(shape, readsBefore, left - 1);
      }
      return null;
    }), TOP_UP_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Polls for the next read, leaving a failure for that read to meet; {@return whether the poll succeeded} */
  @LaneConfined
  private boolean pollAhead(String what) {
    try {
      pollForRead();
      return true;
    } catch (RuntimeException e) {
      LOG.debug("{} on {} failed; the next read polls again: {}", what, id, e.toString());
      return false;
    }
  }

  /** A read makes its first attempt: it takes (or drops) the answer written ahead, so top-ups stop. */
  @LaneConfined
  void readStarting() {
    readStarts++;
  }

  /**
   * {@return the next offset to fetch of every assigned partition that is not paused, for a read that
   *     waits for records; null when there is none or a position is not known yet (it would take a
   *     request to the broker)}
   */
  @LaneConfined
  @Nullable Map<TopicPartition, Long> waitPositions() {
    Set<TopicPartition> assigned = consumer.assignment();
    if (assigned.isEmpty()) {
      return null;
    }
    Set<TopicPartition> paused = consumer.paused();
    Map<TopicPartition, Long> next = new HashMap<>();
    try {
      for (TopicPartition partition : assigned) {
        if (!paused.contains(partition)) {
          next.put(partition, consumer.position(partition, Duration.ZERO));
        }
      }
    } catch (RuntimeException e) {
      // Not known without a request (Kafka's TimeoutException), or not available now: poll instead.
      return null;
    }
    return next.isEmpty() ? null : next;
  }

  /** Remembers how to end the current read's wait (see {@link #wakeWaitingRead}), replacing any earlier one. */
  void waitingRead(Runnable wake) {
    waitingRead.set(wake);
  }

  /**
   * Ends the wait of a read waiting for records, so that it sees the instance's new state at once; each
   * wait is ended at most once.
   */
  void wakeWaitingRead() {
    Runnable wake = waitingRead.getAndSet(null);
    if (wake != null) {
      wake.run();
    }
  }
}
