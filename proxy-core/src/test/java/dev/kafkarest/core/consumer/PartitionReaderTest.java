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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionReaderTest {
  private static final String TOPIC = "t";
  private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

  private final FakeTicker ticker = new FakeTicker();
  private final FakeScheduler scheduler = new FakeScheduler(ticker);
  private final QueueExecutor pool = new QueueExecutor();
  private final List<TestConsumer> created = new ArrayList<>();
  private PartitionOffsets range = new PartitionOffsets(0, 10);

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

  private CompletableFuture<ReadBatch<String>> read(PartitionReader reader, long offset, int count, long timeoutMs) {
    return reader.read(new PartitionRead(TOPIC, 0, offset, count, -1, timeoutMs), EmbeddedFormat.BINARY,
        JsonTestWriter.FACTORY);
  }

  /** Runs the pool until the first attempt has assigned the consumer, then gives it records. */
  private void fill(TestConsumer consumer, long from, long to) {
    for (long offset = from; offset < to; offset++) {
      consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, null, ("v" + offset).getBytes(UTF_8)));
    }
  }

  private void step() {
    pool.runAll();
    scheduler.advance(Duration.ofMillis(1));
    pool.runAll();
  }

  @Test
  void read_fromMiddle_returnsAtMostCountRecordsAndNextOffset() {
    PartitionReader reader = reader(2, 4);
    CompletableFuture<ReadBatch<String>> batch = read(reader, 3, 4, 1000);
    pool.runAll();
    fill(created.get(0), 3, 10);
    step();

    ReadBatch<String> answer = batch.join();
    assertEquals(4, answer.count());
    assertEquals(3, answer.offset());
    assertEquals(7, answer.nextOffset());
    assertTrue(answer.records().contains("\"offset\":3") && answer.records().contains("\"offset\":6"));
    assertFalse(answer.records().contains("\"offset\":7"));
  }

  @Test
  void read_followingNextOffset_reusesTheConsumerAndWhatItFetched() {
    PartitionReader reader = reader(2, 4);
    CompletableFuture<ReadBatch<String>> first = read(reader, 0, 5, 1000);
    pool.runAll();
    fill(created.get(0), 0, 10);
    step();
    long next = first.join().nextOffset();

    // MockConsumer hands records out once: the second batch can only come from what the first fetched.
    CompletableFuture<ReadBatch<String>> second = read(reader, next, 5, 1000);
    pool.runAll();

    assertEquals(5, second.join().count());
    assertEquals(10, second.join().nextOffset());
    assertEquals(1, created.size());
    assertEquals(1, reader.consumers());
  }

  @Test
  void read_atEndWithTimeout_answersWhenARecordArrives() {
    PartitionReader reader = reader(1, 1);
    CompletableFuture<ReadBatch<String>> batch = read(reader, PartitionRead.LATEST, 3, 2000);
    step();
    step();
    assertFalse(batch.isDone());

    fill(created.get(0), 10, 11);
    scheduler.advance(Duration.ofMillis(50));
    pool.runAll();

    assertEquals(1, batch.join().count());
    assertEquals(11, batch.join().nextOffset());
  }

  @Test
  void read_atEndUntilTimeout_answersEmptyAtTheSameOffset() {
    PartitionReader reader = reader(1, 1);
    CompletableFuture<ReadBatch<String>> batch = read(reader, 10, 3, 200);
    for (int i = 0; i < 20 && !batch.isDone(); i++) {
      scheduler.advance(Duration.ofMillis(50));
      pool.runAll();
    }

    assertEquals(0, batch.join().count());
    assertEquals(10, batch.join().nextOffset());
    assertEquals("[]", batch.join().records());
  }

  @Test
  void read_beforeTheEndWithoutTimeout_waitsForTheRecordsToBeFetched() {
    PartitionReader reader = reader(1, 1);
    CompletableFuture<ReadBatch<String>> batch = read(reader, 2, 1, 0);
    step();
    scheduler.advance(Duration.ofSeconds(1));
    pool.runAll();
    assertFalse(batch.isDone());

    fill(created.get(0), 2, 10);
    scheduler.advance(Duration.ofMillis(50));
    pool.runAll();

    assertEquals(1, batch.join().count());
  }

  @Test
  void read_offsetsWithoutRecords_answersPastThemWithoutWaiting() {
    range = new PartitionOffsets(0, 12);
    PartitionReader reader = reader(1, 1);
    CompletableFuture<ReadBatch<String>> batch = read(reader, 10, 5, 0);
    pool.runAll();
    assertFalse(batch.isDone());

    // The fetch passed two transaction markers (10 and 11): the position moved, no record came.
    created.get(0).seek(TP, 12);
    step();

    assertTrue(batch.isDone(), "answered without waiting for records that will never come");
    assertEquals(0, batch.join().count());
    assertEquals(12, batch.join().nextOffset());
  }

  @Test
  void read_atEndWithoutTimeout_answersAtOnceWithoutAConsumer() {
    PartitionReader reader = reader(1, 1);

    ReadBatch<String> batch = read(reader, 10, 1, 0).join();

    assertEquals(0, batch.count());
    assertEquals(10, batch.nextOffset());
    assertEquals(0, reader.consumers());
  }

  @Test
  void read_earliest_startsAtTheFirstOffsetStillThere() {
    range = new PartitionOffsets(4, 10);
    PartitionReader reader = reader(1, 1);
    CompletableFuture<ReadBatch<String>> batch = read(reader, PartitionRead.EARLIEST, 1, 1000);
    pool.runAll();
    fill(created.get(0), 4, 10);
    step();

    assertEquals(4, batch.join().offset());
    assertEquals(5, batch.join().nextOffset());
  }

  @Test
  void read_offsetOutsideTheRange_isRefusedNamingTheRange() {
    range = new PartitionOffsets(4, 10);
    PartitionReader reader = reader(1, 1);

    for (long offset : new long[] {3, 11}) {
      ProxyException error = failure(read(reader, offset, 1, 0));
      assertEquals(ErrorCode.OFFSET_OUT_OF_RANGE, error.errorCode());
      assertTrue(error.getMessage().contains("4 to 10"), error.getMessage());
    }
    assertEquals(0, reader.consumers());
  }

  @Test
  void read_unknownPartition_failsWithTheLookupsError() {
    PartitionReader reader = reader(1, 1);

    CompletableFuture<ReadBatch<String>> batch =
        reader.read(new PartitionRead(TOPIC, 3, 0, 1, -1, 0), EmbeddedFormat.BINARY, JsonTestWriter.FACTORY);

    assertEquals(ErrorCode.PARTITION_NOT_FOUND, failure(batch).errorCode());
  }

  @Test
  void read_countAboveTheMaximum_isRefused() {
    PartitionReader reader = reader(1, 1);

    ProxyException error = failure(read(reader, 0, 101, 0));

    assertEquals(ErrorCode.BAD_REQUEST, error.errorCode());
    assertTrue(error.getMessage().contains("at most 100"));
  }

  @Test
  void partitionRead_countBelowOne_isRefused() {
    ProxyException error = assertThrows(ProxyException.class, () -> new PartitionRead(TOPIC, 0, 0, 0, -1, 0));
    assertEquals(ErrorCode.BAD_REQUEST, error.errorCode());
  }

  @Test
  void parseOffset_namesAndNumbers_resolve() {
    assertEquals(PartitionRead.EARLIEST, PartitionRead.parseOffset("earliest"));
    assertEquals(PartitionRead.LATEST, PartitionRead.parseOffset("latest"));
    assertEquals(42, PartitionRead.parseOffset("42"));
    assertEquals(ErrorCode.BAD_REQUEST,
        assertThrows(ProxyException.class, () -> PartitionRead.parseOffset("soon")).errorCode());
  }

  @Test
  void read_everyConsumerBusy_waitsInABoundedQueueThenTakesTheFreedConsumer() {
    PartitionReader reader = reader(1, 1);
    CompletableFuture<ReadBatch<String>> first = read(reader, 10, 1, 100);
    pool.runAll();
    CompletableFuture<ReadBatch<String>> second = read(reader, 10, 1, 5000);
    CompletableFuture<ReadBatch<String>> third = read(reader, 10, 1, 5000);

    assertEquals(1, reader.waiting());
    assertEquals(ErrorCode.TOO_MANY_REQUESTS, failure(third).errorCode());

    for (int i = 0; i < 10 && !first.isDone(); i++) {
      scheduler.advance(Duration.ofMillis(50));
      pool.runAll();
    }
    assertEquals(0, first.join().count());
    assertEquals(0, reader.waiting());
    pool.runAll();
    fill(created.get(0), 10, 11);
    scheduler.advance(Duration.ofMillis(50));
    pool.runAll();

    assertEquals(1, second.join().count());
    assertEquals(1, created.size());
  }

  @Test
  void read_firstRecordLargerThanMaxBytes_isReturnedAlone() {
    PartitionReader reader = reader(1, 1);
    CompletableFuture<ReadBatch<String>> batch =
        reader.read(new PartitionRead(TOPIC, 0, 0, 10, 1, 1000), EmbeddedFormat.BINARY, JsonTestWriter.FACTORY);
    pool.runAll();
    fill(created.get(0), 0, 10);
    step();

    assertEquals(1, batch.join().count());
    assertEquals(1, batch.join().nextOffset());
  }

  @Test
  void close_waitingReads_failWith503() {
    PartitionReader reader = reader(1, 1);
    read(reader, 10, 1, 1000);
    pool.runAll();
    CompletableFuture<ReadBatch<String>> queued = read(reader, 10, 1, 1000);

    reader.close();
    pool.runAll();

    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, failure(queued).errorCode());
    assertTrue(created.get(0).closed());
  }

  private static ProxyException failure(CompletableFuture<?> future) {
    CompletionException error = assertThrows(CompletionException.class, future::join);
    return assertInstanceOf(ProxyException.class, error.getCause());
  }
}
