package dev.kafkarest.core.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReadPathTest {
  private static final TopicPartition TP0 = new TopicPartition("t", 0);
  private static final TopicPartition TP1 = new TopicPartition("t", 1);
  private static final ReadShape<String> SHAPE = new ReadShape<>(JsonTestWriter.FACTORY, EmbeddedFormat.BINARY,
      RecordCodec.of(EmbeddedFormat.BINARY), 1_000);

  private final FakeTicker ticker = new FakeTicker();
  private final TestConsumer consumer = new TestConsumer();
  private final FetchBuffer buffer = new FetchBuffer(consumer);
  private final GroupMembership membership = new GroupMembership(ticker, Duration.ofSeconds(1).toNanos());
  private final QueueExecutor pool = new QueueExecutor();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final FakeScheduler scheduler = new FakeScheduler(ticker);
  private final ReadPath reads = new ReadPath(new ConsumerInstanceId("g", "i"), consumer, buffer, membership,
      ticker, scheduler, new SerialLane(pool, 10), closed::get);

  @Test
  void pollForRead_recordsFetched_buffersThemAndSaysSo() {
    assign(TP0);
    add(TP0, 0);
    add(TP0, 1);

    assertTrue(reads.pollForRead());

    assertEquals(2, buffer.size());
    assertFalse(reads.pollForRead());
  }

  @Test
  void pollForRead_subscribed_makesInstanceAMemberOfItsGroup() {
    consumer.subscribe(List.of("t"));
    membership.subscribed();
    assertFalse(membership.isJoined());

    reads.pollForRead();

    assertTrue(membership.isJoined());
  }

  @Test
  void prefetch_bufferHoldsFewerRecordsThanLastRead_pollsOnceOnTheLane() {
    assign(TP0);
    add(TP0, 0);

    reads.prefetch(2, SHAPE);
    assertEquals(0, consumer.polls());
    pool.runAll();

    assertEquals(1, consumer.polls());
    assertEquals(1, buffer.size());
  }

  @Test
  void prefetch_bufferHoldsALastReadsWorth_doesNotPoll() {
    assign(TP0);
    add(TP0, 0);
    add(TP0, 1);
    reads.pollForRead();
    consumer.resetPollCounts();

    reads.prefetch(2, SHAPE);
    pool.runAll();

    assertEquals(0, consumer.polls());
  }

  @Test
  void prefetch_instanceClosed_queuesNothing() {
    assign(TP0);
    closed.set(true);

    reads.prefetch(2, SHAPE);

    assertEquals(0, pool.queued());
  }

  @Test
  void prefetch_instanceClosedBeforeItRuns_doesNotPoll() {
    assign(TP0);
    reads.prefetch(2, SHAPE);
    closed.set(true);

    pool.runAll();

    assertEquals(0, consumer.polls());
  }

  @Test
  void prefetch_pollFails_leavesTheErrorForTheNextRead() {
    assign(TP0);
    consumer.setPollException(new KafkaException("broker gone"));

    reads.prefetch(2, SHAPE);
    pool.runAll();

    assertEquals(1, consumer.polls());
    assertEquals(0, buffer.size());
  }

  @Test
  void prefetch_answerWrittenAheadIncomplete_topsItUpWithWhatTheFetchesUnderWayBring() {
    assign(TP0);
    add(TP0, 0);
    drainingPrefetch();
    drainingPrefetch(); // the second of the same shape writes "v0" ahead: incomplete
    add(TP0, 1); // a fetch that arrives after the prefetch's poll

    scheduler.advance(ReadPath.TOP_UP_INTERVAL);
    pool.runAll();

    ReadAhead<?> ahead = buffer.takeAhead();
    assertEquals(2, ahead == null ? 0 : ahead.count());
  }

  @Test
  void prefetch_readStartsBeforeTheTopUp_topUpDoesNotPoll() {
    assign(TP0);
    add(TP0, 0);
    drainingPrefetch();
    drainingPrefetch();
    int polls = consumer.polls();

    reads.readStarting();
    scheduler.advance(ReadPath.TOP_UP_INTERVAL.multipliedBy(ReadPath.TOP_UPS));
    pool.runAll();

    assertEquals(polls, consumer.polls());
  }

  @Test
  void prefetch_nothingMoreArrives_topsUpAtMostTopUpsTimes() {
    assign(TP0);
    add(TP0, 0);
    drainingPrefetch();
    drainingPrefetch();
    int polls = consumer.polls();

    for (int i = 0; i < ReadPath.TOP_UPS + 5; i++) {
      scheduler.advance(ReadPath.TOP_UP_INTERVAL);
      pool.runAll();
    }

    assertEquals(polls + ReadPath.TOP_UPS, consumer.polls());
  }

  @Test
  void prefetch_answerWrittenAheadComplete_isNotToppedUp() {
    assign(TP0);
    for (int offset = 0; offset < 300; offset++) {
      add(TP0, offset); // "v0" to "v299": more than the shape's 1,000 bytes
    }
    drainingPrefetch();
    drainingPrefetch();
    int polls = consumer.polls();

    scheduler.advance(ReadPath.TOP_UP_INTERVAL.multipliedBy(ReadPath.TOP_UPS));
    pool.runAll();

    assertEquals(polls, consumer.polls());
  }

  @Test
  void prefetch_firstBufferedRecordCannotBeWrittenAhead_doesNotTopUp() {
    ReadShape<String> json = new ReadShape<>(JsonTestWriter.FACTORY, EmbeddedFormat.JSON,
        RecordCodec.of(EmbeddedFormat.JSON), 1_000);
    assign(TP0);
    add(TP0, 0); // "v0" is not JSON: the read meets it and fails 40801; nothing can be written ahead of it
    reads.prefetch(1_000, json);
    pool.runAll();
    reads.prefetch(1_000, json);
    pool.runAll();
    int polls = consumer.polls();

    scheduler.advance(ReadPath.TOP_UP_INTERVAL.multipliedBy(ReadPath.TOP_UPS));
    pool.runAll();

    // More polls would only pile records up behind it.
    assertEquals(polls, consumer.polls());
    assertEquals(1, buffer.size());
  }

  @Test
  void waitPositions_nothingAssigned_isNull() {
    assertNull(reads.waitPositions());
  }

  @Test
  void waitPositions_assigned_isTheNextOffsetOfEachPartition() {
    assign(TP0, TP1);
    consumer.seek(TP0, 5);
    consumer.seek(TP1, 7);

    assertEquals(Map.of(TP0, 5L, TP1, 7L), reads.waitPositions());
  }

  @Test
  void waitPositions_pausedPartition_isLeftOut() {
    assign(TP0, TP1);
    consumer.pause(List.of(TP1));

    assertEquals(Map.of(TP0, 0L), reads.waitPositions());
  }

  @Test
  void waitPositions_everyPartitionPaused_isNull() {
    assign(TP0);
    consumer.pause(List.of(TP0));

    assertNull(reads.waitPositions());
  }

  @Test
  void waitPositions_positionUnknownWithoutABrokerRequest_isNull() {
    // No beginning offset known: MockConsumer cannot resolve the position, as KafkaConsumer cannot in no time.
    consumer.assign(List.of(TP0));

    assertNull(reads.waitPositions());
  }

  @Test
  void wakeWaitingRead_readWaiting_endsItsWaitOnce() {
    AtomicInteger woken = new AtomicInteger();
    reads.waitingRead(woken::incrementAndGet);

    reads.wakeWaitingRead();
    reads.wakeWaitingRead();

    assertEquals(1, woken.get());
  }

  @Test
  void wakeWaitingRead_laterWait_replacesTheEarlierOne() {
    AtomicInteger first = new AtomicInteger();
    AtomicInteger second = new AtomicInteger();
    reads.waitingRead(first::incrementAndGet);
    reads.waitingRead(second::incrementAndGet);

    reads.wakeWaitingRead();

    assertEquals(0, first.get());
    assertEquals(1, second.get());
  }

  /** A prefetch after a read of {@link #SHAPE} that took 1,000 records, run on the lane. */
  private void drainingPrefetch() {
    reads.prefetch(1_000, SHAPE);
    pool.runAll();
  }

  private void assign(TopicPartition... partitions) {
    consumer.assign(List.of(partitions));
    for (TopicPartition partition : partitions) {
      consumer.updateBeginningOffsets(Map.of(partition, 0L));
    }
  }

  private void add(TopicPartition partition, long offset) {
    consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, null,
        ("v" + offset).getBytes(UTF_8)));
  }
}
