package dev.kafkarest.core.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.metadata.PartitionOffsets;
import dev.kafkarest.core.metrics.ProxyMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Time only moves with the fake scheduler, and no future is joined before it is done: nothing here waits. */
class PartitionFollowersTest {
  private static final String TOPIC = "t";
  private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

  private final FakeTicker ticker = new FakeTicker();
  private final FakeScheduler scheduler = new FakeScheduler(ticker);
  private final QueueExecutor pool = new QueueExecutor();
  private final List<TestConsumer> created = new ArrayList<>();
  private final AtomicInteger lookups = new AtomicInteger();
  private final MockConsumer<byte[], byte[]> watching = new MockConsumer<>("latest");
  private final RecordArrivals arrivals = new RecordArrivals(watching, ticker);
  private volatile PartitionOffsets range = new PartitionOffsets(0, 10);

  private PartitionReader reader(int poolSize, int queueCapacity) {
    PartitionReadSettings settings = new PartitionReadSettings(Map.of("bootstrap.servers", "x:9092"), poolSize,
        queueCapacity, Duration.ofSeconds(5), 1_000_000, 100, Duration.ofMillis(50));
    return new PartitionReader(settings, config -> {
      TestConsumer consumer = new TestConsumer();
      created.add(consumer);
      return consumer;
    }, (topic, partition) -> {
      lookups.incrementAndGet();
      return partition == 0
          ? CompletableFuture.completedFuture(range)
          : CompletableFuture.failedFuture(ProxyException.partitionNotFound(topic, partition));
    }, pool, Runnable::run, scheduler, ticker, ProxyMetrics.none());
  }

  private PartitionFollowers followers(PartitionReader reader, int max, RecordArrivals watch) {
    return new PartitionFollowers(reader, watch, max, IDLE_WAIT, Duration.ofMillis(200), scheduler, ticker);
  }

  private PartitionFollowers.Follower opened(PartitionFollowers followers, long offset) {
    return done(followers.open(TOPIC, 0, offset, EmbeddedFormat.BINARY));
  }

  private void fill(TestConsumer consumer, long from, long to) {
    for (long offset = from; offset < to; offset++) {
      consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, null, ("v" + offset).getBytes(UTF_8)));
    }
  }

  /** A record at {@code offset} reaches the arrival watch's consumer, and the watch takes one turn. */
  private void arrive(long offset) {
    arrivals.runOnce(Duration.ZERO);
    watching.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, null, new byte[1]));
    arrivals.runOnce(Duration.ZERO);
  }

  private void step(Duration duration) {
    pool.runAll();
    scheduler.advance(duration);
    pool.runAll();
  }

  private static <T> T done(CompletableFuture<T> future) {
    assertTrue(future.isDone(), "not done yet");
    return future.join();
  }

  private static ProxyException failure(CompletableFuture<?> future) {
    assertTrue(future.isDone(), "not done yet");
    CompletionException thrown = assertThrows(CompletionException.class, future::join);
    return assertInstanceOf(ProxyException.class, thrown.getCause());
  }

  @Test
  void read_fromAnOffset_returnsTheRecordsAndContinuesAfterThem() {
    PartitionReader reader = reader(1, 4);
    PartitionFollowers.Follower follower = opened(followers(reader, 2, arrivals), 3);
    CompletableFuture<String> first = follower.read(1_000_000, JsonTestWriter.FACTORY);
    pool.runAll();
    fill(created.get(0), 3, 10);
    step(Duration.ofMillis(1));

    String records = done(first);
    assertTrue(records.contains("\"offset\":3") && records.contains("\"offset\":9"), records);
    assertEquals(10, follower.nextOffset());

    range = new PartitionOffsets(0, 12);
    fill(created.get(0), 10, 12);
    CompletableFuture<String> second = follower.read(1_000_000, JsonTestWriter.FACTORY);
    step(Duration.ofMillis(1));
    String more = done(second);
    assertTrue(more.contains("\"offset\":10") && !more.contains("\"offset\":9"), more);
    assertEquals(12, follower.nextOffset());
  }

  @Test
  void read_atTheEnd_waitsForAnArrivalWithoutConsumerOrPolling() {
    PartitionReader reader = reader(1, 4);
    PartitionFollowers.Follower follower = opened(followers(reader, 2, arrivals), PartitionRead.LATEST);
    int lookupsAtOpen = lookups.get();
    CompletableFuture<String> batch = follower.read(1_000_000, JsonTestWriter.FACTORY);
    step(Duration.ofMillis(900));

    assertFalse(batch.isDone());
    assertEquals(0, reader.consumers());
    // One look at the range, then nothing until a record arrives: no pause was scheduled but the idle wait.
    assertEquals(lookupsAtOpen + 1, lookups.get());
    assertEquals(List.of(IDLE_WAIT.toNanos()), scheduler.requestedDelays());

    range = new PartitionOffsets(0, 11);
    arrive(10);
    pool.runAll();
    fill(created.get(0), 10, 11);
    step(Duration.ofMillis(1));

    assertTrue(done(batch).contains("\"offset\":10"));
    assertEquals(11, follower.nextOffset());
  }

  @Test
  void read_atTheEndWithNoArrival_answersEmptyAfterTheIdleWait() {
    PartitionReader reader = reader(1, 4);
    PartitionFollowers.Follower follower = opened(followers(reader, 2, arrivals), PartitionRead.LATEST);
    CompletableFuture<String> batch = follower.read(1_000_000, JsonTestWriter.FACTORY);
    step(Duration.ofMillis(999));
    assertFalse(batch.isDone());

    step(Duration.ofMillis(1));

    assertEquals("[]", done(batch));
    assertEquals(10, follower.nextOffset());
  }

  @Test
  void read_atTheEndWithoutArrivalWatch_looksAgainAfterGrowingPauses() {
    PartitionReader reader = reader(1, 4);
    PartitionFollowers.Follower follower =
        opened(followers(reader, 2, RecordArrivals.disabled()), PartitionRead.LATEST);
    CompletableFuture<String> batch = follower.read(1_000_000, JsonTestWriter.FACTORY);
    step(Duration.ofMillis(999));
    assertFalse(batch.isDone());
    assertEquals(0, reader.consumers());

    // Looks again after 10, 20, 40, 80, 160 ms, then every 200 ms (the longest pause).
    List<Long> pauses = scheduler.requestedDelays().stream().map(TimeUnit.NANOSECONDS::toMillis).toList();
    assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 200L), pauses.subList(0, 6));
    assertTrue(pauses.stream().allMatch(pause -> pause <= 200), pauses::toString);

    range = new PartitionOffsets(0, 11);
    step(Duration.ofMillis(200));
    fill(created.get(0), 10, 11);
    step(Duration.ofMillis(1));
    assertTrue(done(batch).contains("\"offset\":10"));
  }

  @Test
  void read_offsetsWithoutRecords_movesPastThemAndWaitsAtTheEnd() {
    range = new PartitionOffsets(0, 12);
    PartitionReader reader = reader(1, 4);
    PartitionFollowers.Follower follower = opened(followers(reader, 2, arrivals), 10);
    CompletableFuture<String> batch = follower.read(1_000_000, JsonTestWriter.FACTORY);
    pool.runAll();
    created.get(0).seek(new TopicPartition(TOPIC, 0), 12);
    step(Duration.ofMillis(1));

    assertEquals("[]", done(batch));
    assertEquals(12, follower.nextOffset());
    CompletableFuture<String> next = follower.read(1_000_000, JsonTestWriter.FACTORY);
    step(Duration.ofMillis(100));
    assertFalse(next.isDone());
    assertEquals(1, reader.consumers());
    assertEquals(0, reader.waiting());
  }

  @Test
  void read_whileTooManyReadsWait_triesAgainInsteadOfFailing() {
    PartitionReader reader = reader(1, 0);
    // A plain read holds the one consumer: offset 2 is before the end, so it waits for the records.
    CompletableFuture<ReadBatch<String>> plain = reader.read(new PartitionRead(TOPIC, 0, 2, 1, -1, 0),
        EmbeddedFormat.BINARY, JsonTestWriter.FACTORY);
    pool.runAll();
    PartitionFollowers.Follower follower = opened(followers(reader, 2, arrivals), 5);
    CompletableFuture<String> batch = follower.read(1_000_000, JsonTestWriter.FACTORY);
    step(Duration.ofMillis(50));
    assertFalse(batch.isDone());

    fill(created.get(0), 2, 10);
    // The plain read's next attempt comes within its longest back-off (50 ms).
    step(Duration.ofMillis(50));
    assertEquals(1, done(plain).count());
    // The follower's next look takes the freed consumer, which seeks to 5 and fetches again.
    step(Duration.ofMillis(100));
    fill(created.get(0), 5, 10);
    step(Duration.ofMillis(50));

    assertTrue(done(batch).contains("\"offset\":5"));
  }

  @Test
  void open_beyondTheLimit_failsWith429UntilOneCloses() {
    PartitionFollowers followers = followers(reader(1, 4), 2, arrivals);
    PartitionFollowers.Follower first = opened(followers, 0);
    done(followers.open(TOPIC, 0, 0, EmbeddedFormat.JSON));
    int lookupsBefore = lookups.get();

    assertEquals(ErrorCode.TOO_MANY_REQUESTS, failure(followers.open(TOPIC, 0, 0, EmbeddedFormat.BINARY)).errorCode());
    assertEquals(lookupsBefore, lookups.get());
    first.close();
    first.close();
    assertEquals(1, followers.open());
    opened(followers, 0);
    assertEquals(2, followers.open());
  }

  @Test
  void open_outOfRangeOrUnknownPartition_failsAndTakesNoPlace() {
    PartitionFollowers followers = followers(reader(1, 4), 2, arrivals);

    assertEquals(ErrorCode.OFFSET_OUT_OF_RANGE,
        failure(followers.open(TOPIC, 0, 11, EmbeddedFormat.BINARY)).errorCode());
    assertEquals(ErrorCode.PARTITION_NOT_FOUND,
        failure(followers.open(TOPIC, 1, 0, EmbeddedFormat.BINARY)).errorCode());
    assertEquals(0, followers.open());
  }

  @Test
  void close_whileAReadWaits_failsItAtOnceAndLooksNoMore() {
    PartitionFollowers followers = followers(reader(1, 4), 2, arrivals);
    PartitionFollowers.Follower follower = opened(followers, PartitionRead.LATEST);
    CompletableFuture<String> batch = follower.read(1_000_000, JsonTestWriter.FACTORY);
    step(Duration.ofMillis(100));
    int lookupsBefore = lookups.get();

    follower.close();

    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, failure(batch).errorCode());
    assertEquals(0, followers.open());
    arrive(10);
    step(Duration.ofSeconds(5));
    assertEquals(lookupsBefore, lookups.get());
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, failure(follower.read(1000, JsonTestWriter.FACTORY)).errorCode());
  }

  @Test
  void closeAll_onShutdown_endsWaitingReadsAndRefusesNewFollowers() {
    PartitionFollowers followers = followers(reader(1, 4), 2, RecordArrivals.disabled());
    PartitionFollowers.Follower follower = opened(followers, PartitionRead.LATEST);
    CompletableFuture<String> batch = follower.read(1_000_000, JsonTestWriter.FACTORY);
    step(Duration.ofMillis(100));

    followers.close();

    ProxyException ended = failure(batch);
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, ended.errorCode());
    assertTrue(ended.getMessage().contains("shutting down"), ended.getMessage());
    assertEquals(0, followers.open());
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE,
        failure(followers.open(TOPIC, 0, 0, EmbeddedFormat.BINARY)).errorCode());
  }
}
