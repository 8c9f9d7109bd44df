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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PartitionFollowersTest {
  private static final String TOPIC = "t";

  private final FakeTicker ticker = new FakeTicker();
  private final FakeScheduler scheduler = new FakeScheduler(ticker);
  private final QueueExecutor pool = new QueueExecutor();
  private final List<TestConsumer> created = new ArrayList<>();
  private volatile PartitionOffsets range = new PartitionOffsets(0, 10);

  private PartitionReader reader(int poolSize, int queueCapacity) {
    PartitionReadSettings settings = new PartitionReadSettings(Map.of("bootstrap.servers", "x:9092"), poolSize,
        queueCapacity, Duration.ofSeconds(5), 1_000_000, 100, Duration.ofMillis(50));
    return new PartitionReader(settings, config -> {
      TestConsumer consumer = new TestConsumer();
      created.add(consumer);
      return consumer;
    }, (topic, partition) -> partition == 0
        ? CompletableFuture.completedFuture(range)
        : CompletableFuture.failedFuture(ProxyException.partitionNotFound(topic, partition)),
        pool, Runnable::run, scheduler, ticker, ProxyMetrics.none());
  }

  private PartitionFollowers followers(PartitionReader reader, int max) {
    return new PartitionFollowers(reader, max, Duration.ofSeconds(1), Duration.ofMillis(200), scheduler, ticker);
  }

  private void fill(TestConsumer consumer, long from, long to) {
    for (long offset = from; offset < to; offset++) {
      consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, null, ("v" + offset).getBytes(UTF_8)));
    }
  }

  private void step(Duration duration) {
    pool.runAll();
    scheduler.advance(duration);
    pool.runAll();
  }

  private static ProxyException failure(CompletableFuture<?> future) {
    CompletionException thrown = assertThrows(CompletionException.class, future::join);
    return assertInstanceOf(ProxyException.class, thrown.getCause());
  }

  @Test
  void read_fromAnOffset_returnsTheRecordsAndContinuesAfterThem() {
    PartitionReader reader = reader(1, 4);
    PartitionFollowers.Follower follower = followers(reader, 2).open(TOPIC, 0, 3, EmbeddedFormat.BINARY).join();
    CompletableFuture<String> first = follower.read(1_000_000, JsonTestWriter.FACTORY);
    pool.runAll();
    fill(created.get(0), 3, 10);
    step(Duration.ofMillis(1));

    assertTrue(first.join().contains("\"offset\":3") && first.join().contains("\"offset\":9"));
    assertEquals(10, follower.nextOffset());

    range = new PartitionOffsets(0, 12);
    fill(created.get(0), 10, 12);
    CompletableFuture<String> second = follower.read(1_000_000, JsonTestWriter.FACTORY);
    step(Duration.ofMillis(1));
    assertTrue(second.join().contains("\"offset\":10") && !second.join().contains("\"offset\":9"));
    assertEquals(12, follower.nextOffset());
  }

  @Test
  void read_atTheEnd_holdsNoConsumerAndAnswersEmptyAfterTheIdleWait() {
    PartitionReader reader = reader(1, 4);
    PartitionFollowers.Follower follower =
        followers(reader, 2).open(TOPIC, 0, PartitionRead.LATEST, EmbeddedFormat.BINARY).join();
    CompletableFuture<String> batch = follower.read(1_000_000, JsonTestWriter.FACTORY);
    step(Duration.ofMillis(999));

    assertFalse(batch.isDone());
    assertEquals(0, reader.consumers());
    step(Duration.ofMillis(1));
    assertEquals("[]", batch.join());
    assertEquals(10, follower.nextOffset());
    // Looks again after 10, 20, 40, 80, 160 ms, then every 200 ms (the longest pause).
    List<Long> pauses = scheduler.requestedDelays().stream().map(TimeUnit.NANOSECONDS::toMillis).toList();
    assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 200L), pauses.subList(0, 6));
    assertTrue(pauses.stream().allMatch(pause -> pause <= 200));
  }

  @Test
  void read_atTheEnd_answersOnceRecordsArrive() {
    PartitionReader reader = reader(1, 4);
    PartitionFollowers.Follower follower =
        followers(reader, 2).open(TOPIC, 0, PartitionRead.LATEST, EmbeddedFormat.BINARY).join();
    CompletableFuture<String> batch = follower.read(1_000_000, JsonTestWriter.FACTORY);
    step(Duration.ofMillis(100));
    assertFalse(batch.isDone());

    range = new PartitionOffsets(0, 11);
    step(Duration.ofMillis(200));
    fill(created.get(0), 10, 11);
    step(Duration.ofMillis(1));

    assertTrue(batch.join().contains("\"offset\":10"));
    assertEquals(11, follower.nextOffset());
  }

  @Test
  void read_whileTooManyReadsWait_triesAgainInsteadOfFailing() {
    PartitionReader reader = reader(1, 0);
    // A plain read holds the one consumer: offset 2 is before the end, so it waits for the records.
    CompletableFuture<ReadBatch<String>> plain = reader.read(new PartitionRead(TOPIC, 0, 2, 1, -1, 0),
        EmbeddedFormat.BINARY, JsonTestWriter.FACTORY);
    pool.runAll();
    PartitionFollowers.Follower follower = followers(reader, 2).open(TOPIC, 0, 5, EmbeddedFormat.BINARY).join();
    CompletableFuture<String> batch = follower.read(1_000_000, JsonTestWriter.FACTORY);
    step(Duration.ofMillis(50));
    assertFalse(batch.isDone());

    fill(created.get(0), 2, 10);
    step(Duration.ofMillis(1));
    assertEquals(1, plain.join().count());
    step(Duration.ofMillis(100));

    assertTrue(batch.join().contains("\"offset\":5"));
  }

  @Test
  void open_beyondTheLimit_failsWith429UntilOneCloses() {
    PartitionFollowers followers = followers(reader(1, 4), 2);
    PartitionFollowers.Follower first = followers.open(TOPIC, 0, 0, EmbeddedFormat.BINARY).join();
    followers.open(TOPIC, 0, 0, EmbeddedFormat.JSON).join();

    assertEquals(ErrorCode.TOO_MANY_REQUESTS, failure(followers.open(TOPIC, 0, 0, EmbeddedFormat.BINARY)).errorCode());
    first.close();
    first.close();
    assertEquals(1, followers.open());
    followers.open(TOPIC, 0, 0, EmbeddedFormat.BINARY).join();
    assertEquals(2, followers.open());
  }

  @Test
  void open_outOfRangeOrUnknownPartition_failsAndTakesNoPlace() {
    PartitionFollowers followers = followers(reader(1, 4), 2);

    assertEquals(ErrorCode.OFFSET_OUT_OF_RANGE, failure(followers.open(TOPIC, 0, 11, EmbeddedFormat.BINARY)).errorCode());
    assertEquals(ErrorCode.PARTITION_NOT_FOUND, failure(followers.open(TOPIC, 1, 0, EmbeddedFormat.BINARY)).errorCode());
    assertEquals(0, followers.open());
  }

  @Test
  void read_afterClose_failsWith503() {
    PartitionFollowers.Follower follower =
        followers(reader(1, 4), 2).open(TOPIC, 0, PartitionRead.LATEST, EmbeddedFormat.BINARY).join();
    follower.close();

    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, failure(follower.read(1000, JsonTestWriter.FACTORY)).errorCode());
  }
}
