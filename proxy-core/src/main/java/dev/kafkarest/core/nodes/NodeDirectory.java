package dev.kafkarest.core.nodes;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in the directory of nodes and consumer instances, kept in a compacted Kafka topic.
 *
 * <p>One reader thread owns the directory's consumer: it reads the whole topic into a {@link NodeView},
 * sends this node's heartbeat every {@code heartbeatInterval}, and, when this node is the janitor (see
 * {@link NodeView#isJanitor}), removes the entries of gone nodes. Request threads only read the view and
 * queue {@link #sync} requests; {@link #announce} and {@link #withdraw} queue their records for one sender thread,
 * which writes them through the shared producer in the order they were asked for (a send may wait up to the
 * producer's {@code max.block.ms} for metadata, and {@link #withdraw} runs on whatever thread removed the instance).
 * Futures complete on the reader thread or a Kafka producer thread, so callers hop to their own pool
 * before answering.
 */
public final class NodeDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeDirectory.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration KAFKA_CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_PENDING_SYNCS = 10_000;
  private static final int MAX_PENDING_SENDS = 10_000;
  /** A gone node's entries are removed after this many failure timeouts of silence. */
  static final int JANITOR_DELAY_FACTOR = 3;

  /**
   * @param nodeId this node's id, unique among the nodes sharing the topic
   * @param topic the compacted directory topic, created when missing
   * @param heartbeatInterval how often this node announces itself
   * @param failureTimeout how long a node may stay silent before its instances count as lost
   * @param maxInstances the most instance entries kept in memory
   * @param syncTimeout the longest a {@link #sync} waits to catch up before it answers from what it has
   */
  public record Settings(String nodeId, String topic, Duration heartbeatInterval, Duration failureTimeout,
      int maxInstances, Duration syncTimeout) {}

  private final Settings settings;
  private final Producer<byte[], byte[]> producer;
  private final Consumer<byte[], byte[]> consumer;
  private final Clock clock;
  private final NodeView view;
  private final Predicate<OwnedInstance> isLocal;
  private final BlockingQueue<PendingSync> syncs = new ArrayBlockingQueue<>(MAX_PENDING_SYNCS);
  private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
  private final Thread reader;
  /** Sends announcements and withdrawals, one at a time and in order; see the class comment. */
  private final ThreadPoolExecutor sender;
  private volatile @Nullable String url;
  private volatile boolean running = true;
  private boolean heartbeatFailing;

  /**
   * @param consumer a consumer without a group, used only by this directory's thread
   * @param isLocal whether an instance is in this node's registry; entries of this node that it does not
   *     hold (left by an earlier run with the same id) are removed once the topic is read
   */
  public NodeDirectory(Settings settings, Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer,
      Clock clock, ThreadFactory threads, Predicate<OwnedInstance> isLocal) {
    this.settings = settings;
    this.producer = producer;
    this.consumer = consumer;
    this.clock = clock;
    this.isLocal = isLocal;
    this.view = new NodeView(settings.nodeId(), settings.failureTimeout(), settings.maxInstances());
    this.reader = threads.newThread(this::readLoop);
    this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(MAX_PENDING_SENDS), threads);
  }

  /**
   * Creates the topic when missing, starts reading it, announces this node at {@code url} and waits until
   * the topic is read to its end.
   *
   * @throws IllegalStateException when Kafka does not answer within the bounds
   */
  public void start(Admin admin, String url) {
    this.url = url;
    DirectoryTopic.ensure(admin, settings.topic(), KAFKA_CALL_TIMEOUT);
    List<TopicPartition> partitions = partitions();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    reader.start();
    try {
      heartbeat().get(KAFKA_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      caughtUp.get(KAFKA_CALL_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while joining the node directory", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot join the node directory in topic " + settings.topic() + ": " + e, e);
    }
    LOG.info("Node {} joined the directory in topic {} at {}; live nodes: {}", settings.nodeId(), settings.topic(), url,
        view.liveNodes(clock.millis()).keySet());
  }

  /** {@return where requests for {@code instance} go, from what this node has read so far} */
  public Route route(OwnedInstance instance) {
    return view.route(instance, clock.millis());
  }

  /**
   * {@return where requests for {@code instance} go, once this node has read everything written to the
   *     topic before the call (or after {@code syncTimeout}, from what it has)}: for an instance another node
   *     has just created and announced
   */
  public CompletableFuture<Route> sync(OwnedInstance instance) {
    PendingSync pending = new PendingSync(instance, clock.millis() + settings.syncTimeout().toMillis());
    if (!syncs.offer(pending)) {
      return CompletableFuture.completedFuture(route(instance));
    }
    consumer.wakeup();
    return pending.answer;
  }

  /** {@return whether a live node other than this one owns {@code instance}} */
  public boolean ownedElsewhere(OwnedInstance instance) {
    return view.ownedElsewhere(instance, clock.millis());
  }

  /**
   * Announces that this node owns {@code instance}; the future completes when Kafka has the record, and fails
   * when the sender has {@value #MAX_PENDING_SENDS} records waiting. Never blocks.
   */
  public CompletableFuture<Void> announce(OwnedInstance instance) {
    return sendInOrder(DirectoryRecords.instanceKey(instance), DirectoryRecords.text(settings.nodeId()));
  }

  /**
   * Removes {@code instance} from the directory (deleted, expired or closed); best effort, and never blocks, so
   * that any thread that removes an instance may call it. Until the record is in Kafka, other nodes send the
   * instance's calls here, which answers them as for an unknown instance.
   */
  public void withdraw(OwnedInstance instance) {
    sendInOrder(DirectoryRecords.instanceKey(instance), null).exceptionally(error -> {
      LOG.debug("Could not withdraw consumer instance {} from the directory: {}", instance.name(), error.toString());
      return null;
    });
  }

  /** Queues a record for the sender thread; {@return a future that completes when Kafka has it} */
  private CompletableFuture<Void> sendInOrder(byte[] key, byte @Nullable [] value) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    try {
      sender.execute(() -> send(key, value).whenComplete((done, error) -> {
        if (error != null) {
          sent.completeExceptionally(error);
        } else {
          sent.complete(null);
        }
      }));
    } catch (RejectedExecutionException e) {
      sent.completeExceptionally(e);
    }
    return sent;
  }

  /** {@return the live nodes and their URLs} */
  public Map<String, NodeView.Node> liveNodes() {
    return view.liveNodes(clock.millis());
  }

  /** Stops reading and announces that this node left; the shared producer sends that record when it closes. */
  @Override
  public void close() {
    running = false;
    sender.shutdown();
    if (reader.getState() == Thread.State.NEW) {
      consumer.close(Duration.ZERO);
      return;
    }
    consumer.wakeup();
    try {
      reader.join(KAFKA_CALL_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      // The node's last announcements and withdrawals go before the record that says it left.
      sender.awaitTermination(KAFKA_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    send(DirectoryRecords.nodeKey(settings.nodeId()), null);
    PendingSync pending;
    while ((pending = syncs.poll()) != null) {
      pending.answer.complete(route(pending.instance));
    }
  }

  private void readLoop() {
    long nextHeartbeat = clock.millis() + settings.heartbeatInterval().toMillis();
    Map<TopicPartition, Long> startEnd = null;
    List<PendingSync> waiting = new ArrayList<>();
    try {
      while (running) {
        try {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            apply(record);
          }
          if (startEnd == null) {
            startEnd = consumer.endOffsets(consumer.assignment(), KAFKA_CALL_TIMEOUT);
          }
          if (!caughtUp.isDone() && reached(startEnd)) {
            caughtUp.complete(null);
            removeStaleOwnEntries();
          }
          long now = clock.millis();
          if (now >= nextHeartbeat) {
            nextHeartbeat = now + settings.heartbeatInterval().toMillis();
            heartbeat();
            if (caughtUp.isDone()) {
              removeGoneNodes(now);
            }
          }
          serveSyncs(waiting, now);
        } catch (WakeupException e) {
          // A sync request or close: loop round to serve it.
        } catch (KafkaException | IllegalStateException e) {
          LOG.warn("Reading the node directory failed, retrying: {}", e.toString());
          pause();
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
      waiting.forEach(pending -> pending.answer.complete(route(pending.instance)));
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    DirectoryRecords.Key key = DirectoryRecords.parse(record.key());
    if (key == null) {
      return;
    }
    String value = DirectoryRecords.text(record.value());
    if (key.nodeId() != null) {
      view.node(key.nodeId(), value, record.timestamp());
    } else if (key.instance() != null) {
      view.instance(key.instance(), value);
    }
  }

  /**
   * Takes new sync requests, gives them the topic's current end as their target, and answers those whose
   * target is reached or whose time is up. A request stays in {@code waiting} from the moment it is taken,
   * so a wake-up between the two steps loses nothing.
   */
  private void serveSyncs(List<PendingSync> waiting, long now) {
    if (syncs.drainTo(waiting) > 0 || waiting.stream().anyMatch(pending -> pending.target == null)) {
      Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), KAFKA_CALL_TIMEOUT);
      waiting.stream().filter(pending -> pending.target == null).forEach(pending -> pending.target = end);
    }
    for (Iterator<PendingSync> it = waiting.iterator(); it.hasNext(); ) {
      PendingSync pending = it.next();
      Map<TopicPartition, Long> target = pending.target;
      if ((target != null && reached(target)) || now >= pending.deadlineMillis) {
        it.remove();
        pending.answer.complete(view.route(pending.instance, now));
      }
    }
  }

  private boolean reached(Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
      if (consumer.position(end.getKey(), KAFKA_CALL_TIMEOUT) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Entries for this node that its registry does not hold: left by an earlier process with the same id. */
  private void removeStaleOwnEntries() {
    for (OwnedInstance instance : view.instancesOf(settings.nodeId())) {
      if (!isLocal.test(instance)) {
        withdraw(instance);
      }
    }
  }

  /**
   * Removes the entries of nodes silent for {@link #JANITOR_DELAY_FACTOR} failure timeouts. Until then their
   * instances answer 404 with a message that names the gone node, rather than a plain "not found".
   */
  private void removeGoneNodes(long now) {
    if (!view.isJanitor(now)) {
      return;
    }
    long silentLongEnough = now - (JANITOR_DELAY_FACTOR - 1) * settings.failureTimeout().toMillis();
    for (String gone : view.goneNodes(silentLongEnough)) {
      List<OwnedInstance> instances = view.instancesOf(gone);
      LOG.info("Node {} is gone (no heartbeat for {} ms): removing its {} consumer instances from the directory",
          gone, JANITOR_DELAY_FACTOR * settings.failureTimeout().toMillis(), instances.size());
      instances.forEach(this::withdraw);
      send(DirectoryRecords.nodeKey(gone), null);
    }
  }

  private CompletableFuture<Void> heartbeat() {
    String current = url;
    if (current == null) {
      return CompletableFuture.completedFuture(null);
    }
    return send(DirectoryRecords.nodeKey(settings.nodeId()), DirectoryRecords.text(current)).whenComplete(
        (ok, error) -> logHeartbeat(error));
  }

  private synchronized void logHeartbeat(@Nullable Throwable error) {
    if (error != null && !heartbeatFailing) {
      LOG.warn("Node heartbeat to topic {} failed: {}", settings.topic(), error.toString());
    } else if (error == null && heartbeatFailing) {
      LOG.info("Node heartbeats to topic {} succeed again", settings.topic());
    }
    heartbeatFailing = error != null;
  }

  private CompletableFuture<Void> send(byte[] key, byte @Nullable [] value) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(settings.topic(), key, value), (metadata, error) -> {
        if (error != null) {
          sent.completeExceptionally(error);
        } else {
          sent.complete(null);
        }
      });
    } catch (KafkaException | IllegalStateException e) {
      sent.completeExceptionally(e);
    }
    return sent;
  }

  private List<TopicPartition> partitions() {
    long deadline = System.nanoTime() + KAFKA_CALL_TIMEOUT.toNanos();
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(settings.topic(), KAFKA_CALL_TIMEOUT);
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The node directory topic " + settings.topic() + " has no partitions");
      }
      pause();
    }
  }

  /** Waits a little before trying Kafka again; only on start-up and after a failed read. */
  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A request thread's wish to see the topic up to its current end before routing {@code instance}. */
  private static final class PendingSync {
    final OwnedInstance instance;
    final long deadlineMillis;
    final CompletableFuture<Route> answer = new CompletableFuture<>();
    @Nullable Map<TopicPartition, Long> target;

    PendingSync(OwnedInstance instance, long deadlineMillis) {
      this.instance = instance;
      this.deadlineMillis = deadlineMillis;
    }
  }
}
