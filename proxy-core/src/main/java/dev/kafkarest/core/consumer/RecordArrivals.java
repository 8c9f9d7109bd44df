package dev.kafkarest.core.consumer;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes waiting reads when records arrive where they wait: a long poll neither re-polls on a timer nor holds a thread.
 *
 * <p>One Kafka consumer without a group, on one thread, is assigned every partition some read waits on
 * and blocks in {@code poll} until the broker sends records for one of them. A read registers the
 * positions of its instance; it is woken (once) as soon as a record at or after one of them is known
 * to exist: fetched by this consumer, or implied by a later position another read registered for the
 * same partition. A read that registers below what is already known is woken at once. A partition no read
 * waits on is paused (the consumer fetches nothing of it), and unassigned after {@link #LINGER}; when a read
 * waits on it again it resumes from what is known, skipping records that arrived while nobody waited. The watching
 * consumer reads at most one batch per partition and fetch ({@code max.partition.fetch.bytes=1}); it never commits,
 * and never makes a topic exist ({@code allow.auto.create.topics=false}).
 *
 * <p>It is a hint, not a delivery: the woken read polls its own consumer, and one never woken (a partition assigned
 * during the wait, a failed watch) answers at its deadline. While the watch fails, {@link #await} refuses.
 */
public final class RecordArrivals implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecordArrivals.class);
  /** How long a partition stays assigned after its last waiting read. */
  static final Duration LINGER = Duration.ofSeconds(10);
  /** How long {@link #await} refuses after the watching consumer failed. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
  /** The longest the watch waits for partitions' ends ({@link #outOfRange}); it wakes nobody meanwhile. */
  private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(2);

  private final @Nullable Consumer<byte[], byte[]> consumer;
  private final Ticker ticker;
  /** Guarded by {@code this}. */
  private final Map<TopicPartition, WatchedPartition> watched = new HashMap<>();
  private boolean assignmentChanged;
  private long unavailableUntil;
  private boolean unavailable;
  private volatile boolean closed;
  private @Nullable Thread thread;

  RecordArrivals(@Nullable Consumer<byte[], byte[]> consumer, Ticker ticker) {
    this.consumer = consumer;
    this.ticker = ticker;
  }

  /** {@return a watch that never wakes anyone}: every read polls with back-off */
  public static RecordArrivals disabled() {
    return new RecordArrivals(null, Ticker.systemTicker());
  }

  /**
   * Starts watching on a daemon thread of its own.
   *
   * @param factory creates the watching consumer
   * @param consumerSettings the settings instance consumers start from (cluster, security); the watch sets
   *     its own client id, deserializers and fetch sizes, and no group
   * @param threadName the name of its thread
   */
  public static RecordArrivals start(ConsumerFactory factory, Map<String, Object> consumerSettings,
      String threadName) {
    Map<String, Object> config = new HashMap<>(consumerSettings);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, threadName);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Out of range is told (OffsetOutOfRangeException) rather than reset silently: see outOfRange.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    // The watch only looks: a topic deleted while a read waits on it must not come back through its metadata requests.
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1);
    config.put(ConsumerConfig.CHECK_CRCS_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    RecordArrivals arrivals = new RecordArrivals(factory.create(config), Ticker.systemTicker());
    Thread thread = new Thread(arrivals::run, threadName);
    thread.setDaemon(true);
    arrivals.thread = thread;
    thread.start();
    return arrivals;
  }

  /**
   * Registers a waiting read.
   *
   * @param positions the next offset the read's instance will fetch, per partition it waits on
   * @param wake called once, on the watch's thread or the caller's, when a record may have arrived
   * @return the registration, to cancel when the read ends otherwise; null when the watch is unavailable
   *     (disabled, closed, failing, or no partition given), and the read must poll on its own
   */
  public @Nullable Waiting await(Map<TopicPartition, Long> positions, Runnable wake) {
    if (consumer == null || closed || positions.isEmpty()) {
      return null;
    }
    Waiting waiting = new Waiting(this, positions, wake);
    List<Waiting> others = new ArrayList<>();
    boolean wakeNow = false;
    boolean newPartition = false;
    boolean resumes = false;
    synchronized (this) {
      if (unavailable && ticker.read() - unavailableUntil < 0) {
        return null;
      }
      unavailable = false;
      long now = ticker.read();
      for (Map.Entry<TopicPartition, Long> position : positions.entrySet()) {
        WatchedPartition partition = watched.get(position.getKey());
        if (partition == null) {
          partition = new WatchedPartition(position.getValue());
          watched.put(position.getKey(), partition);
          newPartition = true;
        } else if (position.getValue() < partition.known) {
          wakeNow = true;
        } else if (position.getValue() > partition.known) {
          // Records below a position exist: every read waiting below it can go.
          partition.known = position.getValue();
          partition.seek = true;
          long known = partition.known;
          others.addAll(wakeWhere(partition, at -> at < known));
        }
        partition.lastWaited = now;
        if (!wakeNow) {
          resumes |= partition.waiting.isEmpty();
          partition.waiting.add(waiting);
        }
      }
      if (wakeNow) {
        positions.keySet().forEach(tp -> remove(tp, waiting));
      }
      assignmentChanged |= newPartition;
      if (newPartition) {
        notifyAll();
      }
    }
    others.forEach(Waiting::fire);
    if (wakeNow) {
      waiting.fire();
    } else if (newPartition || resumes) {
      consumer.wakeup();
    }
    return waiting;
  }

  /**
   * One turn of the watch: applies new partitions and seeks, blocks in {@code poll} up to {@code timeout},
   * wakes the reads records arrived for, and unassigns partitions no read waits on any more. Runs on the
   * watch's thread; tests call it directly.
   */
  void runOnce(Duration timeout) {
    Consumer<byte[], byte[]> kafka = consumer;
    if (kafka == null) {
      return;
    }
    try {
      prepare(kafka);
      if (kafka.assignment().isEmpty()) {
        synchronized (this) {
          if (!assignmentChanged && !closed && timeout.toMillis() > 0) {
            wait(timeout.toMillis());
          }
        }
        return;
      }
      ConsumerRecords<byte[], byte[]> records;
      try {
        records = kafka.poll(timeout);
      } catch (InvalidOffsetException e) {
        outOfRange(kafka, e.partitions());
        return;
      }
      if (!records.isEmpty()) {
        arrived(records);
      }
    } catch (WakeupException e) {
      // A new partition to watch, or closing.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!closed) {
        failed(kafka, e);
      }
    }
  }

  private void prepare(Consumer<byte[], byte[]> kafka) {
    Map<TopicPartition, Long> seeks = new HashMap<>();
    Set<TopicPartition> assignment = null;
    Set<TopicPartition> idle = new HashSet<>();
    synchronized (this) {
      long now = ticker.read();
      boolean dropped = watched.entrySet().removeIf(entry -> entry.getValue().waiting.isEmpty()
          && now - entry.getValue().lastWaited > LINGER.toNanos());
      if (assignmentChanged || dropped) {
        assignmentChanged = false;
        assignment = new HashSet<>(watched.keySet());
      }
      watched.forEach((partition, state) -> {
        if (state.waiting.isEmpty()) {
          // Nobody waits: fetch nothing (a busy partition would otherwise be read end to end).
          idle.add(partition);
          state.paused = true;
        } else if (state.seek || state.paused) {
          // Resumed partitions skip what arrived while paused: only later records matter.
          state.seek = false;
          state.paused = false;
          seeks.put(partition, state.known);
        }
      });
    }
    if (assignment != null) {
      Set<TopicPartition> before = kafka.assignment();
      kafka.assign(assignment);
      for (TopicPartition partition : assignment) {
        if (!before.contains(partition)) {
          seeks.putIfAbsent(partition, knownOf(partition));
        }
      }
    }
    Set<TopicPartition> assigned = kafka.assignment();
    seeks.forEach((partition, offset) -> {
      if (assigned.contains(partition)) {
        kafka.seek(partition, offset);
      }
    });
    idle.retainAll(assigned);
    kafka.pause(idle);
    Set<TopicPartition> waitedOn = new HashSet<>(assigned);
    waitedOn.removeAll(idle);
    kafka.resume(waitedOn);
  }

  private synchronized long knownOf(TopicPartition partition) {
    WatchedPartition state = watched.get(partition);
    return state == null ? 0 : state.known;
  }

  private void arrived(ConsumerRecords<byte[], byte[]> records) {
    List<Waiting> woken = new ArrayList<>();
    synchronized (this) {
      for (TopicPartition partition : records.partitions()) {
        List<ConsumerRecord<byte[], byte[]>> fetched = records.records(partition);
        long next = fetched.get(fetched.size() - 1).offset() + 1;
        WatchedPartition state = watched.get(partition);
        if (state != null && next > state.known) {
          state.known = next;
          woken.addAll(wakeWhere(state, at -> at < next));
        }
      }
    }
    woken.forEach(Waiting::fire);
  }

  /**
   * The watch was at an offset a partition does not have: a read registered a position past the end (its instance
   * was sought there), or below the start (deleted meanwhile). What is known becomes the end, where the watch goes
   * on (else every read at the real end was woken at once, polled in vain and waited again, until its deadline).
   */
  private void outOfRange(Consumer<byte[], byte[]> kafka, Set<TopicPartition> partitions) {
    Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, END_OFFSETS_TIMEOUT);
    ends.forEach(kafka::seek);
    LOG.debug("Watched offsets out of range; watching from the partitions' ends: {}", ends);
    List<Waiting> woken = new ArrayList<>();
    synchronized (this) {
      ends.forEach((partition, end) -> {
        WatchedPartition state = watched.get(partition);
        if (state != null) {
          state.known = end;
          // Past the end no record comes, and only a read's own fetch resets it: all but the reads at the end go.
          woken.addAll(wakeWhere(state, at -> at != end));
        }
      });
    }
    woken.forEach(Waiting::fire);
  }

  /** Takes the reads whose position there passes {@code wakes} off every partition; the caller fires them. */
  private List<Waiting> wakeWhere(WatchedPartition state, LongPredicate wakes) {
    List<Waiting> woken = new ArrayList<>();
    for (Waiting waiting : List.copyOf(state.waiting)) {
      for (Map.Entry<TopicPartition, Long> position : waiting.positions.entrySet()) {
        WatchedPartition other = watched.get(position.getKey());
        if (other == state && wakes.test(position.getValue())) {
          woken.add(waiting);
          break;
        }
      }
    }
    woken.forEach(waiting -> waiting.positions.keySet().forEach(tp -> remove(tp, waiting)));
    return woken;
  }

  private void failed(Consumer<byte[], byte[]> kafka, RuntimeException e) {
    LOG.warn("Watching partitions for waiting reads failed; reads poll on their own for {} s: {}",
        RETRY_AFTER_FAILURE.toSeconds(), e.toString());
    List<Waiting> all = new ArrayList<>();
    synchronized (this) {
      watched.values().forEach(state -> all.addAll(state.waiting));
      watched.clear();
      assignmentChanged = false;
      unavailable = true;
      unavailableUntil = ticker.read() + RETRY_AFTER_FAILURE.toNanos();
    }
    try {
      kafka.assign(Set.of());
    } catch (RuntimeException ignored) {
      // Retried at the next assignment.
    }
    all.forEach(Waiting::fire);
  }

  private void run() {
    while (!closed) {
      runOnce(POLL_TIMEOUT);
    }
    Consumer<byte[], byte[]> kafka = consumer;
    if (kafka != null) {
      try {
        kafka.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warn("Closing the arrival watch's consumer failed: {}", e.toString());
      }
    }
  }

  private synchronized void remove(TopicPartition partition, Waiting waiting) {
    WatchedPartition state = watched.get(partition);
    if (state != null) {
      state.waiting.remove(waiting);
    }
  }

  /** {@return the partitions being watched}; for tests */
  synchronized Set<TopicPartition> watchedPartitions() {
    return Set.copyOf(watched.keySet());
  }

  /** Stops the watch; reads waiting on it answer at their deadlines. */
  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
    if (consumer != null && thread != null) {
      consumer.wakeup();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(6));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A waiting read's registration. */
  public static final class Waiting {
    private final RecordArrivals owner;
    private final Map<TopicPartition, Long> positions;
    private final Runnable wake;
    private final AtomicBoolean fired = new AtomicBoolean();

    private Waiting(RecordArrivals owner, Map<TopicPartition, Long> positions, Runnable wake) {
      this.owner = owner;
      this.positions = Map.copyOf(positions);
      this.wake = wake;
    }

    /** Withdraws the registration; the read is not woken after this returns (unless already). */
    public void cancel() {
      if (fired.compareAndSet(false, true)) {
        positions.keySet().forEach(tp -> owner.remove(tp, this));
      }
    }

    private void fire() {
      if (fired.compareAndSet(false, true)) {
        wake.run();
      }
    }
  }
}
