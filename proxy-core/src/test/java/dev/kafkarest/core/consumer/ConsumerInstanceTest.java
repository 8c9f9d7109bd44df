package dev.kafkarest.core.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.format.EmbeddedFormat;
import dev.kafkarest.core.format.RecordCodec;
import dev.kafkarest.core.metrics.ProxyMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerInstanceTest {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofMillis(50);
  private static final Duration AUTO_COMMIT_INTERVAL = Duration.ofSeconds(5);
  /** Shorter than {@link ReadPath#QUIET_FETCH_INTERVAL}, as the default is. */
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(3);
  private static final long NO_LIMIT = 64L * 1024 * 1024;
  private static final TopicPartition TP0 = new TopicPartition("t", 0);
  private static final TopicPartition TP1 = new TopicPartition("t", 1);

  private final FakeTicker ticker = new FakeTicker();
  private final FakeScheduler scheduler = new FakeScheduler(ticker);
  private final TestConsumer consumer = new TestConsumer();

  // --- reading ---------------------------------------------------------------------------------

  @Test
  void read_binaryRecordsAvailable_returnsThemAsBase64JsonWithoutWaiting() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0, TP1);
    add(TP0, 0, "k0", "v0");
    add(TP0, 1, null, "v1");
    add(TP1, 0, "k2", null);

    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);

    String body = body(read);
    assertTrue(body.startsWith("[") && body.endsWith("]"), body);
    // Partitions may interleave; order within a partition is kept.
    String p0 = binary(TP0, 0, "k0", "v0") + "," + binary(TP0, 1, null, "v1");
    String p1 = binary(TP1, 0, "k2", null);
    assertTrue(body.equals("[" + p0 + "," + p1 + "]") || body.equals("[" + p1 + "," + p0 + "]"), body);
  }

  @Test
  void read_jsonFormat_embedsJsonValuesAndNulls() {
    ConsumerInstance instance = instance(EmbeddedFormat.JSON);
    assign(instance, TP0);
    add(TP0, 0, "\"key\"", "{\"a\":[1,2.50,\"x\"]}");
    add(TP0, 1, null, "true");
    add(TP0, 2, "7", null);

    String body = body(instance.read(-1, -1, JsonTestWriter.FACTORY));

    assertEquals("[{\"topic\":\"t\",\"key\":\"key\",\"value\":{\"a\":[1,2.50,\"x\"]},\"partition\":0,\"offset\":0},"
        + "{\"topic\":\"t\",\"key\":null,\"value\":true,\"partition\":0,\"offset\":1},"
        + "{\"topic\":\"t\",\"key\":7,\"value\":null,\"partition\":0,\"offset\":2}]", body);
  }

  @Test
  void read_noData_completesWithEmptyArrayOnlyAtDeadline() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);

    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);

    scheduler.advance(REQUEST_TIMEOUT.minusMillis(1));
    assertFalse(read.isDone());
    scheduler.advance(Duration.ofMillis(1));
    assertEquals("[]", body(read));
  }

  /**
   * A stream's read whose turn passed to a newer stream (a client that reconnected, and whose new stream then
   * seeks) answers at its next attempt and takes no record: the record stays for the newer stream's reads.
   */
  @Test
  void read_streamTurnPassedWhileWaiting_answersAtItsNextAttemptAndTakesNothing() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    BooleanSupplier oldStream = instance.streams().take();
    CompletableFuture<String> old = instance.read(-1, -1, JsonTestWriter.FACTORY, oldStream);
    scheduler.advance(Duration.ofMillis(100));
    assertFalse(old.isDone());

    BooleanSupplier newStream = instance.streams().take();
    add(TP0, 0, "k", "v");
    scheduler.advance(MAX_BACKOFF); // its next attempt, without a watch here

    assertFalse(oldStream.getAsBoolean());
    assertEquals("[]", body(old));
    assertEquals("[" + binary(TP0, 0, "k", "v") + "]", body(instance.read(-1, -1, JsonTestWriter.FACTORY, newStream)));
  }

  @Test
  void read_timeoutLargerThanRequestTimeout_isCappedByRequestTimeout() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);

    CompletableFuture<String> read = instance.read(5_000, -1, JsonTestWriter.FACTORY);

    scheduler.advance(REQUEST_TIMEOUT);
    assertEquals("[]", body(read));
  }

  @Test
  void read_timeoutSmallerThanRequestTimeout_shortensWait() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);

    CompletableFuture<String> read = instance.read(200, -1, JsonTestWriter.FACTORY);

    scheduler.advance(Duration.ofMillis(199));
    assertFalse(read.isDone());
    scheduler.advance(Duration.ofMillis(1));
    assertEquals("[]", body(read));
  }

  @Test
  void read_waitingWithoutFetchMinBytes_returnsAtFirstRecordBeforeDeadline() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(Duration.ofMillis(100));
    assertFalse(read.isDone());

    add(TP0, 0, "k", "v");
    scheduler.advance(MAX_BACKOFF);

    assertEquals("[" + binary(TP0, 0, "k", "v") + "]", body(read));
  }

  @Test
  void read_waitingWhileIdle_backsOffUpToMaxBackoff() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);

    instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(REQUEST_TIMEOUT);

    List<Long> delays = scheduler.requestedDelays();
    assertEquals(TimeUnit.MILLISECONDS.toNanos(1), delays.get(0));
    assertEquals(TimeUnit.MILLISECONDS.toNanos(2), delays.get(1));
    assertTrue(delays.stream().allMatch(delay -> delay > 0 && delay <= MAX_BACKOFF.toNanos()), delays.toString());
  }

  @Test
  void read_waitingWithArrivalWatch_pollsOnlyWhenRecordsArrive() {
    MockConsumer<byte[], byte[]> watching = new MockConsumer<>("latest");
    RecordArrivals arrivals = new RecordArrivals(watching, ticker);
    ConsumerInstance instance = watchedInstance(arrivals);
    assign(instance, TP0);
    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    int polls = consumer.polls();
    scheduler.advance(Duration.ofMillis(500));
    assertEquals(polls, consumer.polls());
    assertFalse(read.isDone());

    arrivals.runOnce(Duration.ZERO);
    add(TP0, 0, "k", "v");
    watching.addRecord(new ConsumerRecord<>(TP0.topic(), TP0.partition(), 0, null, bytes("v")));
    arrivals.runOnce(Duration.ZERO);

    assertEquals("[" + binary(TP0, 0, "k", "v") + "]", body(read));
    // One poll brings the record, one finds no more.
    assertEquals(polls + 2, consumer.polls());
  }

  @Test
  void read_positionsKnownAfterBackingOff_startsTheBackOffAgainWhileItWaitsOnTheWatch() {
    MockConsumer<byte[], byte[]> watching = new MockConsumer<>("latest");
    RecordArrivals arrivals = new RecordArrivals(watching, ticker);
    ConsumerInstance instance = watchedInstance(arrivals);
    assign(instance, TP0);
    consumer.positionsUnknown(true); // the consumer still has to look the position up
    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(Duration.ofMillis(100)); // backing off: 1, 2, 4 ... 50 ms
    consumer.positionsUnknown(false);
    scheduler.advance(MAX_BACKOFF); // the position is known: the read waits on the watch
    arrivals.runOnce(Duration.ZERO);

    // Records exist at the broker, but the instance's fetch has not brought them yet.
    int before = scheduler.requestedDelays().size();
    watching.addRecord(new ConsumerRecord<>(TP0.topic(), TP0.partition(), 0, null, bytes("v")));
    arrivals.runOnce(Duration.ZERO); // the first wake-up: an attempt at once, which finds nothing

    List<Long> delays = scheduler.requestedDelays();
    List<Long> sinceWoken = delays.subList(before, delays.size());
    // The next attempt after the shortest back-off, not the 50 ms the position look-up reached.
    assertTrue(sinceWoken.contains(TimeUnit.MILLISECONDS.toNanos(1)), sinceWoken.toString());
    assertFalse(sinceWoken.contains(MAX_BACKOFF.toNanos()), sinceWoken.toString());
    add(TP0, 0, "k", "v");
    scheduler.advance(Duration.ofMillis(1));
    assertEquals("[" + binary(TP0, 0, "k", "v") + "]", body(read));
  }

  @Test
  void read_waitingWithArrivalWatch_answersEmptyAtDeadlineWithoutPollingAgain() {
    RecordArrivals arrivals = new RecordArrivals(new MockConsumer<>("latest"), ticker);
    ConsumerInstance instance = watchedInstance(arrivals);
    assign(instance, TP0);
    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    int polls = consumer.polls();

    scheduler.advance(REQUEST_TIMEOUT.minusMillis(1));
    assertFalse(read.isDone());
    scheduler.advance(Duration.ofMillis(1));

    assertEquals("[]", body(read));
    assertEquals(polls, consumer.polls());
  }

  @Test
  void read_waitOffTheTickGrid_endsOnTheNextTick() {
    RecordArrivals arrivals = new RecordArrivals(new MockConsumer<>("latest"), ticker);
    ConsumerInstance instance = watchedInstance(arrivals);
    assign(instance, TP0);
    scheduler.advance(Duration.ofMillis(3)); // off the 10 ms grid
    CompletableFuture<String> read = instance.read(200, -1, JsonTestWriter.FACTORY);

    scheduler.advance(Duration.ofMillis(200)); // its end, 203 ms on the ticker
    assertFalse(read.isDone());
    scheduler.advance(Duration.ofMillis(6)); // 209 ms
    assertFalse(read.isDone());
    scheduler.advance(Duration.ofMillis(1)); // 210 ms: the first tick at or after its end, where every read
                                             // ending in (200, 210] ends

    assertEquals("[]", body(read));
  }

  @Test
  void read_waitTheGridCarriesToTheDeadline_isTheLastAndPollsNoMore() {
    QueueExecutor pool = new QueueExecutor();
    Duration timeout = KEEP_ALIVE.plusMillis(5); // the wait is one poll interval, 5 ms short of the deadline
    ConsumerInstance instance = watchedAndAssignedOn(pool, timeout);
    scheduler.advance(Duration.ofMillis(3)); // off the 10 ms grid: the wait would end at 10,003 ms
    CompletableFuture<String> read = instance.read(timeout.toMillis(), -1, JsonTestWriter.FACTORY);
    pool.runAll(); // the first attempt: a poll, then the wait on the watch

    scheduler.advance(KEEP_ALIVE.plusMillis(7)); // 10,010 ms: the grid's tick, past the deadline (10,008 ms)

    assertEquals("[]", body(read));
    assertEquals(0, pool.queued(), "no poll after the deadline");
  }

  @Test
  void read_deadlineWithNothingArrived_answersOnTheSchedulersThreadWithoutALaneTask() {
    QueueExecutor pool = new QueueExecutor();
    ConsumerInstance instance = watchedAndAssignedOn(pool, REQUEST_TIMEOUT);
    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    pool.runAll(); // the first attempt: a poll, then the wait on the watch

    scheduler.advance(REQUEST_TIMEOUT);

    assertTrue(read.isDone());
    assertEquals("[]", body(read));
    assertEquals(0, pool.queued());
  }

  @Test
  void read_afterAReadThatWaitedInVain_pollsWithoutFetchingUntilTheWatchWakesIt() {
    MockConsumer<byte[], byte[]> watching = new MockConsumer<>("latest");
    RecordArrivals arrivals = new RecordArrivals(watching, ticker);
    ConsumerInstance instance = quietInstance(arrivals);
    scheduler.advance(KEEP_ALIVE);
    consumer.resetPollCounts();

    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    // The instance is quiet and last polled a keep-alive interval ago: one poll, with its partition paused, then the
    // wait on the watch.
    assertEquals(1, consumer.polls());
    assertEquals(1, consumer.pausedPolls());
    arrivals.runOnce(Duration.ZERO);
    add(TP0, 0, "k", "v");
    watching.addRecord(new ConsumerRecord<>(TP0.topic(), TP0.partition(), 0, null, bytes("v")));
    arrivals.runOnce(Duration.ZERO);

    // Woken, the read fetches.
    assertEquals("[" + binary(TP0, 0, "k", "v") + "]", body(read));
    assertEquals(1, consumer.pausedPolls());
  }

  @Test
  void read_ofAnInstanceQuietForTheQuietFetchInterval_fetchesOnce() {
    ConsumerInstance instance = quietInstance(new RecordArrivals(new MockConsumer<>("latest"), ticker));
    scheduler.advance(ReadPath.QUIET_FETCH_INTERVAL);
    consumer.resetPollCounts();

    CompletableFuture<String> first = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(REQUEST_TIMEOUT);
    assertEquals("[]", body(first));
    instance.read(-1, -1, JsonTestWriter.FACTORY);

    // The first read fetches (what the watch cannot see is looked at once per interval); the second does not fetch,
    // and does not poll at all, since the first polled within the keep-alive interval.
    assertEquals(1, consumer.polls());
    assertEquals(0, consumer.pausedPolls());
  }

  @Test
  void read_ofAQuietInstanceThatPolledWithinTheKeepAliveInterval_waitsWithoutPolling() {
    MockConsumer<byte[], byte[]> watching = new MockConsumer<>("latest");
    RecordArrivals arrivals = new RecordArrivals(watching, ticker);
    ConsumerInstance instance = quietInstance(arrivals);
    consumer.resetPollCounts();

    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(REQUEST_TIMEOUT);

    // The quiet read a second ago polled: this one waits on the watch alone, and answers at its deadline.
    assertEquals("[]", body(read));
    assertEquals(0, consumer.polls());

    CompletableFuture<String> woken = instance.read(-1, -1, JsonTestWriter.FACTORY);
    arrivals.runOnce(Duration.ZERO);
    add(TP0, 0, "k", "v");
    watching.addRecord(new ConsumerRecord<>(TP0.topic(), TP0.partition(), 0, null, bytes("v")));
    arrivals.runOnce(Duration.ZERO);

    // Records arrive: the watch wakes the read, which fetches them (its first attempt did not poll).
    assertEquals("[" + binary(TP0, 0, "k", "v") + "]", body(woken));
    assertTrue(consumer.polls() > 0);
    assertEquals(0, consumer.pausedPolls());
  }

  @Test
  void read_quietReadsInARow_pollOncePerKeepAliveInterval() {
    ConsumerInstance instance = quietInstance(new RecordArrivals(new MockConsumer<>("latest"), ticker));
    consumer.resetPollCounts();

    // Back-to-back one-second reads over twice the keep-alive interval (each answers [] at its deadline).
    int reads = (int) (2 * KEEP_ALIVE.toMillis() / REQUEST_TIMEOUT.toMillis());
    for (int i = 0; i < reads; i++) {
      CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
      scheduler.advance(REQUEST_TIMEOUT);
      assertEquals("[]", body(read));
    }

    // The group is answered once per interval, without fetching (the first read came one second after a poll).
    assertEquals(2, consumer.polls());
    assertEquals(2, consumer.pausedPolls());
  }

  @Test
  void read_ofAQuietInstanceAfterASeek_fetches() {
    ConsumerInstance instance = quietInstance(new RecordArrivals(new MockConsumer<>("latest"), ticker));
    instance.seek(Map.of(TP0, 0L), Map.of()).join();
    consumer.resetPollCounts();

    instance.read(-1, -1, JsonTestWriter.FACTORY);

    // Only the instance's own fetch can tell a position the watch cannot (past the end, below the start).
    assertEquals(1, consumer.polls());
    assertEquals(0, consumer.pausedPolls());
  }

  @Test
  void read_quietDeadlineWithRecordsBelowFetchMinBytes_leavesTheInstanceFetching() {
    ConsumerInstance instance = new ConsumerInstance(new ConsumerInstanceId("g", "i"), EmbeddedFormat.BINARY, consumer,
        new InstanceRuntime(new SerialLane(lanePool(), 100), Runnable::run, scheduler, ticker, ProxyMetrics.none(),
            new RecordArrivals(new MockConsumer<>("latest"), ticker)), policy(1_000, NO_LIMIT, false, REQUEST_TIMEOUT));
    assign(instance, TP0);
    add(TP0, 0, "k", "v");
    CompletableFuture<String> small = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(REQUEST_TIMEOUT);
    assertEquals("[" + binary(TP0, 0, "k", "v") + "]", body(small));
    consumer.resetPollCounts();

    instance.read(-1, -1, JsonTestWriter.FACTORY);

    // The read answered records at its deadline: the instance is not quiet, its next read fetches.
    assertEquals(0, consumer.pausedPolls());
  }

  @Test
  void read_ofAQuietInstanceThatCannotWaitOnTheWatch_fetches() {
    RecordArrivals arrivals = new RecordArrivals(new MockConsumer<>("latest"), ticker);
    ConsumerInstance instance = quietInstance(arrivals);
    arrivals.close(); // the watch refuses from now on
    add(TP0, 0, "k", "v");

    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(Duration.ofMillis(1)); // the back-off after the poll that did not fetch

    assertEquals("[" + binary(TP0, 0, "k", "v") + "]", body(read));
  }

  @Test
  void read_waitingLongerThanKeepAliveInterval_pollsOncePerInterval() {
    ConsumerInstance instance = watchedInstance(new RecordArrivals(new MockConsumer<>("latest"), ticker),
        Duration.ofSeconds(30));
    assign(instance, TP0);
    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    int polls = consumer.polls();

    scheduler.advance(KEEP_ALIVE);
    assertEquals(polls + 1, consumer.polls());
    scheduler.advance(Duration.ofSeconds(30).minus(KEEP_ALIVE));

    assertEquals("[]", body(read));
    // Once per interval in between (30 s is ten intervals); none at the deadline.
    assertEquals(polls + 9, consumer.polls());
  }

  @Test
  void seek_whileReadWaitsForArrival_readSeesNewPositionAtOnce() {
    ConsumerInstance instance = watchedInstance(new RecordArrivals(new MockConsumer<>("latest"), ticker));
    assign(instance, TP0);
    add(TP0, 0, "k", "v");
    body(instance.read(-1, -1, JsonTestWriter.FACTORY));
    CompletableFuture<String> waiting = instance.read(-1, -1, JsonTestWriter.FACTORY);
    assertFalse(waiting.isDone());
    // MockConsumer forgets records once polled: the record the seek goes back to, fetched again.
    add(TP0, 0, "k", "v");

    instance.seek(Map.of(TP0, 0L), Map.of()).join();

    assertEquals("[" + binary(TP0, 0, "k", "v") + "]", body(waiting));
  }

  @Test
  void close_whileReadWaitsForArrival_readEndsAtOnce() {
    ConsumerInstance instance = watchedInstance(new RecordArrivals(new MockConsumer<>("latest"), ticker));
    assign(instance, TP0);
    CompletableFuture<String> waiting = instance.read(-1, -1, JsonTestWriter.FACTORY);
    assertFalse(waiting.isDone());

    instance.close().join();

    assertTrue(waiting.isDone());
  }

  @Test
  void read_answerCutAtMaxBytes_pollsOnceMoreForTheNextRead() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    add(TP0, 0, null, "0123456789");
    add(TP0, 1, null, "0123456789");
    add(TP0, 2, null, "0123456789");
    int polls = consumer.polls();

    CompletableFuture<String> read = instance.read(-1, 20, JsonTestWriter.FACTORY);

    assertEquals(2, body(read).split("\\{").length - 1);
    // One poll for the read; then, one record left and two taken, a prefetch.
    assertEquals(polls + 2, consumer.polls());
  }

  @Test
  void read_answerTakesEveryFetchedRecordAndHalfOfMaxBytes_pollsOnceMoreForTheNextRead() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    for (int offset = 0; offset < 3; offset++) {
      add(TP0, offset, null, "0123456789");
    }
    int polls = consumer.polls();

    CompletableFuture<String> read = instance.read(-1, 50, JsonTestWriter.FACTORY);

    assertEquals(3, body(read).split("\\{").length - 1);
    // One poll brings the records, one finds no more; 30 of 50 bytes taken, so a prefetch.
    assertEquals(polls + 3, consumer.polls());
  }

  @Test
  void read_takesAnIncompleteAnswerWrittenAhead_prefetchesForTheNextRead() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    for (int offset = 0; offset < 7; offset++) {
      add(TP0, offset, null, "0123456789");
    }
    body(instance.read(-1, 30, JsonTestWriter.FACTORY)); // 0 to 2
    body(instance.read(-1, 30, JsonTestWriter.FACTORY)); // 3 to 5; 6 written ahead, a third of max_bytes
    int polls = consumer.polls();

    String third = body(instance.read(-1, 30, JsonTestWriter.FACTORY));

    assertEquals("[" + binary(TP0, 6, null, "0123456789") + "]", third);
    // The read's own poll finds nothing more; a client reading what was written ahead for it is draining, so
    // a prefetch follows although the answer is a third of max_bytes.
    assertEquals(polls + 2, consumer.polls());
  }

  @Test
  void read_clientReadsAgainAsSoonAsAnAnswerArrives_theTopUpsOfThatAnswerStop() {
    QueueExecutor pool = new QueueExecutor();
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, -1, NO_LIMIT, false, pool);
    CompletableFuture<Void> assigned = instance.assign(List.of(TP0));
    pool.runAll();
    assigned.join();
    consumer.updateBeginningOffsets(Map.of(TP0, 0L));
    for (int offset = 0; offset < 5; offset++) {
      add(TP0, offset, null, "0123456789");
    }
    CompletableFuture<String> first = instance.read(-1, 20, JsonTestWriter.FACTORY);
    pool.runAll();
    body(first); // 0 and 1
    List<CompletableFuture<String>> third = new ArrayList<>();
    // The second answer (2 and 3) has 4 written ahead after it, incomplete: top-ups follow.
    instance.read(-1, 20, JsonTestWriter.FACTORY)
        .thenRun(() -> third.add(instance.read(-1, 20, JsonTestWriter.FACTORY)));
    pool.runAll();
    assertEquals("[" + binary(TP0, 4, null, "0123456789") + "]", body(third.get(0)));
    int polls = consumer.polls();

    scheduler.advance(ReadPath.TOP_UP_INTERVAL);
    pool.runAll();

    // Only the third answer's top-up polls: the second's stop, since the third read started after it.
    assertEquals(polls + 1, consumer.polls());
  }

  @Test
  void read_answerWellBelowMaxBytes_doesNotPrefetch() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    add(TP0, 0, null, "0123456789");
    int polls = consumer.polls();

    CompletableFuture<String> read = instance.read(-1, 50, JsonTestWriter.FACTORY);

    assertEquals(1, body(read).split("\\{").length - 1);
    assertEquals(polls + 2, consumer.polls());
  }

  @Test
  void read_answerCutAtMaxBytes_noPrefetchWhileBufferHoldsAReadsWorth() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    for (int offset = 0; offset < 4; offset++) {
      add(TP0, offset, null, "0123456789");
    }
    int polls = consumer.polls();

    body(instance.read(-1, 10, JsonTestWriter.FACTORY));

    assertEquals(polls + 1, consumer.polls());
  }

  @Test
  void read_fetchMinBytesSet_waitsUntilThatManyBytes() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, 10, NO_LIMIT, false, lanePool());
    assign(instance, TP0);
    add(TP0, 0, "k00", "v00"); // 6 bytes

    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(Duration.ofMillis(300));
    assertFalse(read.isDone());
    add(TP0, 1, "k01", "v01"); // 12 bytes in all
    scheduler.advance(MAX_BACKOFF);

    assertEquals("[" + binary(TP0, 0, "k00", "v00") + "," + binary(TP0, 1, "k01", "v01") + "]", body(read));
  }

  @Test
  void read_fetchMinBytesNotReached_returnsWhatItHasAtDeadline() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, 100, NO_LIMIT, false, lanePool());
    assign(instance, TP0);
    add(TP0, 0, "k00", "v00");

    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(REQUEST_TIMEOUT.minusMillis(1));
    assertFalse(read.isDone());
    scheduler.advance(Duration.ofMillis(1));

    assertEquals("[" + binary(TP0, 0, "k00", "v00") + "]", body(read));
  }

  @Test
  void read_maxBytes_limitsBatchAndRestComesNextInOrder() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    add(TP0, 0, "k00", "v00");
    add(TP0, 1, "k01", "v01");
    add(TP0, 2, "k02", "v02");

    String first = body(instance.read(-1, 12, JsonTestWriter.FACTORY));
    String second = body(instance.read(-1, 12, JsonTestWriter.FACTORY));

    assertEquals("[" + binary(TP0, 0, "k00", "v00") + "," + binary(TP0, 1, "k01", "v01") + "]", first);
    assertEquals("[" + binary(TP0, 2, "k02", "v02") + "]", second);
  }

  @Test
  void read_requestMaxBytes_capsLargerMaxBytes() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, -1, 12, false, lanePool());
    assign(instance, TP0);
    add(TP0, 0, "k00", "v00");
    add(TP0, 1, "k01", "v01");
    add(TP0, 2, "k02", "v02");

    String body = body(instance.read(-1, 1_000, JsonTestWriter.FACTORY));

    assertEquals("[" + binary(TP0, 0, "k00", "v00") + "," + binary(TP0, 1, "k01", "v01") + "]", body);
  }

  @Test
  void read_singleRecordLargerThanMaxBytes_isReturnedAlone() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    add(TP0, 0, "key-of-ten", "value-ten!");
    add(TP0, 1, "k", "v");

    String first = body(instance.read(-1, 5, JsonTestWriter.FACTORY));
    String second = body(instance.read(-1, 5, JsonTestWriter.FACTORY));

    assertEquals("[" + binary(TP0, 0, "key-of-ten", "value-ten!") + "]", first);
    assertEquals("[" + binary(TP0, 1, "k", "v") + "]", second);
  }

  @Test
  void read_nonJsonRecordInJsonInstance_returnsRecordsBeforeItInSameBatchFirst() {
    ConsumerInstance instance = instance(EmbeddedFormat.JSON);
    assign(instance, TP0);
    add(TP0, 0, null, "1");
    add(TP0, 1, null, "not json");
    add(TP0, 2, null, "2");

    String body = body(instance.read(-1, -1, JsonTestWriter.FACTORY));

    assertEquals("[{\"topic\":\"t\",\"key\":null,\"value\":1,\"partition\":0,\"offset\":0}]", body);
    ProxyException error = failure(instance.read(-1, -1, JsonTestWriter.FACTORY));
    assertEquals(ErrorCode.DESERIALIZATION_FAILED, error.errorCode());
  }

  @Test
  void read_nonJsonRecordAtHead_fails40801NamingItOnEveryReadUntilSeekPastIt() {
    consumer.setMaxPollRecords(1);
    ConsumerInstance instance = instance(EmbeddedFormat.JSON);
    assign(instance, TP0);
    add(TP0, 0, null, "{oops");
    add(TP0, 1, null, "\"next\"");

    ProxyException first = failure(instance.read(-1, -1, JsonTestWriter.FACTORY));
    ProxyException second = failure(instance.read(-1, -1, JsonTestWriter.FACTORY));

    assertEquals(ErrorCode.DESERIALIZATION_FAILED, first.errorCode());
    assertEquals(408, first.errorCode().httpStatus());
    assertEquals(40801, first.errorCode().code());
    assertTrue(first.getMessage().contains("partition 0"), first.getMessage());
    assertTrue(first.getMessage().contains("offset 0"), first.getMessage());
    assertEquals(ErrorCode.DESERIALIZATION_FAILED, second.errorCode());
    assertTrue(second.getMessage().contains("offset 0"), second.getMessage());

    instance.seek(Map.of(TP0, 1L), Map.of()).join();

    assertEquals("[{\"topic\":\"t\",\"key\":null,\"value\":\"next\",\"partition\":0,\"offset\":1}]",
        body(instance.read(-1, -1, JsonTestWriter.FACTORY)));
  }

  @Test
  void read_pollFailsAfterRecordsWereCollected_returnsCollectedRecords() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, 100, NO_LIMIT, false, lanePool());
    assign(instance, TP0);
    add(TP0, 0, "k", "v");
    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    assertFalse(read.isDone());

    consumer.setPollException(new KafkaException("broker trouble"));
    scheduler.advance(MAX_BACKOFF);

    assertEquals("[" + binary(TP0, 0, "k", "v") + "]", body(read));
    instance.commit(null, false).join();
    assertEquals(Map.of(TP0, 1L), consumer.committedOffsets());
  }

  @Test
  void read_pollFailsWithNothingCollected_failsWithTranslatedKafkaError() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    consumer.setPollException(new KafkaException("broker trouble"));

    ProxyException error = failure(instance.read(-1, -1, JsonTestWriter.FACTORY));

    assertEquals(ErrorCode.KAFKA_ERROR, error.errorCode());
    assertEquals("broker trouble", error.getMessage());
  }

  @Test
  void read_neitherSubscribedNorAssigned_fails40903() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);

    ProxyException error = failure(instance.read(-1, -1, JsonTestWriter.FACTORY));

    assertEquals(ErrorCode.ILLEGAL_STATE, error.errorCode());
    assertEquals(40903, error.errorCode().code());
    assertTrue(error.getMessage().startsWith("Illegal state: "), error.getMessage());
  }

  // --- the answer written ahead ----------------------------------------------------------------

  @Test
  void read_drainingWithTheSameShape_takesTheAnswerWrittenAheadAndCommitsIt() {
    CountingWriters writers = new CountingWriters();
    ConsumerInstance instance = drainedTwice(writers);
    int created = writers.created;

    String third = body(instance.read(-1, 20, writers));

    assertEquals("[" + binary(TP0, 4, null, "0123456789") + "," + binary(TP0, 5, null, "0123456789") + "]", third);
    // Its answer is the writer made before it began, by the second read's prefetch.
    assertEquals(created, writers.finishedLast);
    instance.commit(null, false).join();
    assertEquals(Map.of(TP0, 6L), consumer.committedOffsets());
  }

  @Test
  void read_ofAnotherShapeAfterAnAnswerWrittenAhead_readsTheSameRecordsItself() {
    ConsumerInstance instance = drainedTwice(JsonTestWriter.FACTORY); // 4 and 5 written ahead

    String larger = body(instance.read(-1, 30, JsonTestWriter.FACTORY));

    assertEquals("[" + binary(TP0, 4, null, "0123456789") + "," + binary(TP0, 5, null, "0123456789") + ","
        + binary(TP0, 6, null, "0123456789") + "]", larger);
    instance.commit(null, false).join();
    assertEquals(Map.of(TP0, 7L), consumer.committedOffsets());
  }

  @Test
  void seek_afterAnAnswerWrittenAhead_dropsIt() {
    ConsumerInstance instance = drainedTwice(JsonTestWriter.FACTORY); // 4 and 5 written ahead

    instance.seek(Map.of(TP0, 1L), Map.of()).join();
    add(TP0, 1, null, "0123456789"); // what the broker sends again from the new position
    add(TP0, 2, null, "0123456789");

    assertEquals("[" + binary(TP0, 1, null, "0123456789") + "," + binary(TP0, 2, null, "0123456789") + "]",
        body(instance.read(-1, 20, JsonTestWriter.FACTORY)));
  }

  @Test
  void read_answerWrittenAheadUpToAnUndecodableRecord_answersWhatComesBeforeItThenFails40801() {
    ConsumerInstance instance = instance(EmbeddedFormat.JSON);
    assign(instance, TP0);
    for (int offset = 0; offset < 5; offset++) {
      add(TP0, offset, null, "1");
    }
    add(TP0, 5, null, "not json");
    add(TP0, 6, null, "2");
    body(instance.read(-1, 2, JsonTestWriter.FACTORY));
    body(instance.read(-1, 2, JsonTestWriter.FACTORY)); // 4 written ahead, up to the record it cannot write

    String before = body(instance.read(-1, 2, JsonTestWriter.FACTORY));

    assertEquals("[{\"topic\":\"t\",\"key\":null,\"value\":1,\"partition\":0,\"offset\":4}]", before);
    ProxyException error = failure(instance.read(-1, 2, JsonTestWriter.FACTORY));
    assertEquals(ErrorCode.DESERIALIZATION_FAILED, error.errorCode());
    assertTrue(error.getMessage().contains("offset 5"), error.getMessage());
  }

  // --- commits ---------------------------------------------------------------------------------

  @Test
  void commit_withoutOffsets_commitsOnlyWhatWasReturnedNotWhatIsBuffered() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    add(TP0, 0, "k00", "v00");
    add(TP0, 1, "k01", "v01");
    add(TP0, 2, "k02", "v02");
    body(instance.read(-1, 12, JsonTestWriter.FACTORY)); // returns offsets 0 and 1; offset 2 was polled and stays buffered

    instance.commit(null, false).join();

    assertEquals(Map.of(TP0, new OffsetAndMetadata(2)), instance.committed(Set.of(TP0)).join());
  }

  @Test
  void commit_withoutOffsets_afterReadsAcrossPartitions_commitsNextOffsetOfEachPartition() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0, TP1);
    add(TP0, 0, null, "a");
    add(TP0, 1, null, "b");
    add(TP1, 0, null, "c");
    add(TP1, 1, null, "d");
    add(TP0, 2, null, "e");
    body(instance.read(-1, -1, JsonTestWriter.FACTORY));
    add(TP1, 2, null, "f");
    add(TP1, 3, null, "g");
    body(instance.read(-1, 1, JsonTestWriter.FACTORY)); // returns TP1 offset 2 only; offset 3 stays buffered

    instance.commit(null, false).join();

    assertEquals(Map.of(TP0, 3L, TP1, 3L), consumer.committedOffsets());
  }

  @Test
  void commit_withoutOffsetsBeforeAnyRead_commitsNothing() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);

    instance.commit(null, false).join();

    assertEquals(List.of(), consumer.commits());
  }

  @Test
  void commit_withOffsets_commitsThemAsGivenWithMetadata() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0, TP1);
    add(TP0, 0, "k", "v");
    body(instance.read(-1, -1, JsonTestWriter.FACTORY));

    instance.commit(Map.of(TP0, new OffsetAndMetadata(21, "meta"), TP1, new OffsetAndMetadata(0)), false).join();

    Map<TopicPartition, OffsetAndMetadata> committed = instance.committed(Set.of(TP0, TP1)).join();
    assertEquals(new OffsetAndMetadata(21, "meta"), committed.get(TP0));
    assertEquals(new OffsetAndMetadata(0), committed.get(TP1));
  }

  @Test
  void committed_partitionWithoutCommit_isOmitted() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0, TP1);
    instance.commit(Map.of(TP0, new OffsetAndMetadata(4)), false).join();

    Map<TopicPartition, OffsetAndMetadata> committed = instance.committed(Set.of(TP0, TP1)).join();

    assertEquals(Map.of(TP0, new OffsetAndMetadata(4)), committed);
  }

  @Test
  void committed_severalTopicsAndPartitions_isOrderedByTopicThenPartition() {
    TopicPartition a10 = new TopicPartition("a", 10);
    TopicPartition a2 = new TopicPartition("a", 2);
    TopicPartition b0 = new TopicPartition("b", 0);
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    instance.assign(List.of(b0, a10, a2)).join();
    instance.commit(Map.of(b0, new OffsetAndMetadata(1), a10, new OffsetAndMetadata(1), a2, new OffsetAndMetadata(1)),
        false).join();

    assertEquals(List.of(a2, a10, b0), List.copyOf(instance.committed(Set.of(b0, a2, a10)).join().keySet()));
    assertEquals(List.of(a2, a10, b0), instance.assignment().join());
  }

  @Test
  void commit_asyncWithoutOffsets_commitsWhatWasReturned() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    add(TP0, 0, "k", "v");
    body(instance.read(-1, -1, JsonTestWriter.FACTORY));

    instance.commit(null, true).join();

    assertEquals(Map.of(TP0, 1L), consumer.committedOffsets());
  }

  // --- positions, subscription and assignment --------------------------------------------------

  @Test
  void seekOperations_unassignedPartition_fail40903() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);

    ProxyException seek = failure(instance.seek(Map.of(TP1, 3L), Map.of()));
    ProxyException beginning = failure(instance.seekToBeginning(List.of(TP1)));
    ProxyException end = failure(instance.seekToEnd(List.of(TP1)));

    for (ProxyException error : List.of(seek, beginning, end)) {
      assertEquals(ErrorCode.ILLEGAL_STATE, error.errorCode());
      assertTrue(error.getMessage().contains("No current assignment for partition t-1"), error.getMessage());
    }
  }

  @Test
  void seek_assignedPartition_discardsRecordsBufferedForIt() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    add(TP0, 0, "k00", "v00");
    add(TP0, 1, "k01", "v01");
    add(TP0, 2, "k02", "v02");
    body(instance.read(-1, 6, JsonTestWriter.FACTORY)); // offset 0 returned, 1 and 2 buffered

    instance.seek(Map.of(TP0, 2L), Map.of()).join();
    add(TP0, 2, "k02", "v02"); // what the broker sends again from the new position

    assertEquals("[" + binary(TP0, 2, "k02", "v02") + "]", body(instance.read(-1, -1, JsonTestWriter.FACTORY)));
  }

  @Test
  void seekToEnd_assignedPartition_skipsToEndOffset() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    consumer.updateEndOffsets(Map.of(TP0, 1L));
    add(TP0, 0, "k00", "v00");
    add(TP0, 1, "k01", "v01");

    instance.seekToEnd(List.of(TP0)).join();

    assertEquals("[" + binary(TP0, 1, "k01", "v01") + "]", body(instance.read(-1, -1, JsonTestWriter.FACTORY)));
  }

  @Test
  void assign_whileSubscribed_fails40903WithKafkaMessage() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    instance.subscribe(List.of("t")).join();

    ProxyException error = failure(instance.assign(List.of(TP0)));

    assertEquals(ErrorCode.ILLEGAL_STATE, error.errorCode());
    assertEquals("Illegal state: Subscription to topics, partitions and pattern are mutually exclusive",
        error.getMessage());
  }

  @Test
  void assign_autoCommitOn_commitsReturnedOffsetsBeforeReplacingAssignment() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, -1, NO_LIMIT, true, lanePool());
    assign(instance, TP0);
    add(TP0, 0, "k", "v");
    body(instance.read(-1, -1, JsonTestWriter.FACTORY));

    assign(instance, TP1);

    assertEquals(Map.of(TP0, 1L), consumer.committedOffsets());
  }

  @Test
  void assign_autoCommitOff_commitsNothing() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    add(TP0, 0, "k", "v");
    body(instance.read(-1, -1, JsonTestWriter.FACTORY));

    assign(instance, TP1);

    assertEquals(List.of(), consumer.commits());
  }

  @Test
  void unsubscribe_autoCommitOn_commitsReturnedOffsetsAndForgetsThem() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, -1, NO_LIMIT, true, lanePool());
    assign(instance, TP0);
    add(TP0, 0, "k", "v");
    body(instance.read(-1, -1, JsonTestWriter.FACTORY));

    instance.unsubscribe().join();
    assign(instance, TP0);
    instance.commit(null, false).join();

    assertEquals(List.of(Map.of(TP0, new OffsetAndMetadata(1))), consumer.commits());
  }

  @Test
  void rebalance_revokesPartitionAutoCommitOn_commitsWhatWasReturnedFromItAndDropsItsBuffer() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, -1, NO_LIMIT, true, lanePool());
    instance.subscribe(List.of("t")).join();
    consumer.rebalance(List.of(TP0));
    consumer.updateBeginningOffsets(Map.of(TP0, 0L, TP1, 0L));
    add(TP0, 0, "k00", "v00");
    add(TP0, 1, "k01", "v01");
    body(instance.read(-1, 6, JsonTestWriter.FACTORY)); // offset 0 returned, 1 buffered

    consumer.rebalance(List.of(TP1));
    add(TP1, 0, "k", "v");

    assertEquals(Map.of(TP0, 1L), consumer.committedOffsets());
    assertEquals("[" + binary(TP1, 0, "k", "v") + "]", body(instance.read(-1, -1, JsonTestWriter.FACTORY)));
  }

  @Test
  void subscription_afterSubscribe_listsTopicsSorted() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);

    instance.subscribe(List.of("b", "a")).join();

    assertEquals(List.of("a", "b"), instance.subscription().join());
    instance.subscribe(List.of()).join();
    assertEquals(List.of(), instance.subscription().join());
  }

  // --- auto-commit and close -------------------------------------------------------------------

  @Test
  void read_afterAutoCommitInterval_commitsWhatEarlierReadsReturned() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, -1, NO_LIMIT, true, lanePool());
    assign(instance, TP0);
    add(TP0, 0, "k", "v");
    add(TP0, 1, "k", "v");
    body(instance.read(-1, -1, JsonTestWriter.FACTORY)); // offsets 0, 1
    scheduler.advance(AUTO_COMMIT_INTERVAL.minusMillis(1));
    add(TP0, 2, "k", "v");
    body(instance.read(-1, -1, JsonTestWriter.FACTORY)); // offset 2, before the interval
    assertEquals(List.of(), consumer.commits());

    scheduler.advance(Duration.ofMillis(1));
    assertEquals(List.of(), consumer.commits()); // only reads commit
    add(TP0, 3, "k", "v");
    String body = body(instance.read(-1, -1, JsonTestWriter.FACTORY));

    assertEquals("[" + binary(TP0, 3, "k", "v") + "]", body);
    // Offsets 0-2 were returned before this read; offset 3 is in this response and not yet seen.
    assertEquals(Map.of(TP0, 3L), consumer.committedOffsets());
  }

  @Test
  void read_autoCommitOff_neverCommits() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    add(TP0, 0, "k", "v");
    body(instance.read(-1, -1, JsonTestWriter.FACTORY));
    scheduler.advance(AUTO_COMMIT_INTERVAL.multipliedBy(2));
    add(TP0, 1, "k", "v");

    body(instance.read(-1, -1, JsonTestWriter.FACTORY));
    instance.close().join();

    assertEquals(List.of(), consumer.commits());
  }

  @Test
  void close_autoCommitOn_commitsReturnedOffsetsThenClosesConsumer() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, -1, NO_LIMIT, true, lanePool());
    assign(instance, TP0);
    add(TP0, 0, "k", "v");
    add(TP0, 1, "k", "v");
    body(instance.read(-1, 2, JsonTestWriter.FACTORY)); // offset 0 returned, offset 1 buffered

    instance.close().join();

    assertEquals(Map.of(TP0, 1L), consumer.committedOffsets());
    assertTrue(consumer.closed());
  }

  @Test
  void close_autoCommitOn_completesOnceCommittedBeforeConsumerFinishesClosing() {
    QueueExecutor pool = new QueueExecutor();
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, -1, NO_LIMIT, true, pool);
    CompletableFuture<Void> assigned = instance.assign(List.of(TP0));
    pool.runAll();
    assigned.join();
    consumer.updateBeginningOffsets(Map.of(TP0, 0L));
    add(TP0, 0, "k", "v");
    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    pool.runAll();
    body(read);
    AtomicReference<CompletableFuture<Void>> closing = new AtomicReference<>();
    List<Boolean> closeDoneWhenConsumerCloses = new ArrayList<>();
    consumer.onClose(() -> closeDoneWhenConsumerCloses.add(closing.get().isDone()));

    closing.set(instance.close());
    assertFalse(closing.get().isDone());
    pool.runAll();

    // The client's answer waits for the commit, not for the consumer's close (which can wait for a held fetch).
    assertEquals(List.of(true), closeDoneWhenConsumerCloses);
    assertEquals(Map.of(TP0, 1L), consumer.committedOffsets());
    assertTrue(instance.consumerClosed().isDone());
    assertTrue(consumer.closed());
  }

  @Test
  void close_consumerCloseRunsOnCloserNotOnLanePool() {
    QueueExecutor pool = new QueueExecutor();
    QueueExecutor closer = new QueueExecutor();
    ConsumerInstance instance = new ConsumerInstance(new ConsumerInstanceId("g", "i"), EmbeddedFormat.BINARY, consumer,
        new InstanceRuntime(new SerialLane(pool, 10), closer, scheduler, ticker), policy(-1, NO_LIMIT, false,
            REQUEST_TIMEOUT));

    CompletableFuture<Void> closing = instance.close();
    pool.runAll();

    assertTrue(closing.isDone());
    assertFalse(consumer.closed());
    assertFalse(instance.consumerClosed().isDone());
    closer.runAll();
    assertTrue(consumer.closed());
    assertTrue(instance.consumerClosed().isDone());
  }

  @Test
  void operations_afterClose_fail40403() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    CompletableFuture<Void> closing = instance.close();
    closing.join();
    assertTrue(consumer.closed());

    List<CompletableFuture<?>> calls = List.of(
        instance.read(-1, -1, JsonTestWriter.FACTORY),
        instance.commit(null, false),
        instance.committed(Set.of(TP0)),
        instance.seek(Map.of(TP0, 0L), Map.of()),
        instance.seekToBeginning(List.of(TP0)),
        instance.assign(List.of(TP1)),
        instance.subscribe(List.of("t")),
        instance.assignment());

    for (CompletableFuture<?> call : calls) {
      assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, failure(call).errorCode());
    }
    assertSame(closing, instance.close());
  }

  @Test
  void read_laneFullAtTheReadsDeadline_stillAnswers() {
    QueueExecutor pool = new QueueExecutor();
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, -1, NO_LIMIT, false, pool, 1);
    CompletableFuture<Void> assigned = instance.assign(List.of(TP0));
    pool.runAll();
    assigned.join();
    consumer.updateBeginningOffsets(Map.of(TP0, 0L));
    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    pool.runAll(); // its first attempt polls and finds nothing; the next follows a back-off
    CompletableFuture<List<TopicPartition>> queued = instance.assignment(); // fills the lane (capacity 1)
    assertEquals(ErrorCode.TOO_MANY_REQUESTS, failure(instance.assignment()).errorCode());

    scheduler.advance(REQUEST_TIMEOUT);
    pool.runAll();

    // The read was admitted: its later attempts are never refused, so it answers, empty, at its deadline.
    assertEquals("[]", body(read));
    assertEquals(List.of(TP0), queued.join());
  }

  @Test
  void close_laneFullOfPendingOperations_stillClosesConsumer() {
    QueueExecutor pool = new QueueExecutor();
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, -1, NO_LIMIT, false, pool, 1);
    CompletableFuture<Void> pending = instance.assign(List.of(TP0));
    assertEquals(ErrorCode.TOO_MANY_REQUESTS, failure(instance.commit(null, false)).errorCode());

    CompletableFuture<Void> closing = instance.close();
    pool.runAll();

    assertTrue(pending.isDone());
    closing.join();
    assertTrue(consumer.closed());
  }

  @Test
  void close_duringWaitingRead_endsReadWith40403() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);

    instance.close().join();
    scheduler.advance(MAX_BACKOFF);

    assertEquals(ErrorCode.CONSUMER_INSTANCE_NOT_FOUND, failure(read).errorCode());
  }

  // --- keep-alive ------------------------------------------------------------------------------

  @Test
  void keepAliveIfIdle_beforeInterval_doesNothing() {
    ConsumerInstance instance = subscribedInstance();
    scheduler.advance(KEEP_ALIVE.minusMillis(1));

    instance.keepAliveIfIdle();

    assertEquals(0, consumer.polls());
  }

  @Test
  void keepAliveIfIdle_readInFlight_doesNothing() {
    ConsumerInstance instance = subscribedInstance(Duration.ofSeconds(30));
    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(KEEP_ALIVE.plusSeconds(1));
    assertFalse(read.isDone());

    instance.keepAliveIfIdle();

    assertEquals(0, consumer.pausedPolls());
  }

  @Test
  void keepAliveIfIdle_afterInterval_pollsWithPartitionsPausedAndConsumesNothing() {
    ConsumerInstance instance = subscribedInstance();
    add(TP0, 0, "k", "v");
    scheduler.advance(KEEP_ALIVE);

    instance.keepAliveIfIdle();

    assertEquals(1, consumer.polls());
    assertEquals(1, consumer.pausedPolls());
    assertEquals(Set.of(), consumer.paused());
    assertEquals("[" + binary(TP0, 0, "k", "v") + "]", body(instance.read(-1, -1, JsonTestWriter.FACTORY)));
  }

  @Test
  void keepAliveIfIdle_thenAQuietRead_readSkipsTheGroupPoll() {
    RecordArrivals arrivals = new RecordArrivals(new MockConsumer<>("latest"), ticker);
    ConsumerInstance instance = watchedInstance(arrivals);
    instance.subscribe(List.of(TP0.topic())).join();
    consumer.rebalance(List.of(TP0));
    consumer.updateBeginningOffsets(Map.of(TP0, 0L));
    CompletableFuture<String> quiet = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(REQUEST_TIMEOUT);
    assertEquals("[]", body(quiet));
    scheduler.advance(KEEP_ALIVE);
    instance.keepAliveIfIdle();
    assertEquals(1, consumer.pausedPolls());
    consumer.resetPollCounts();

    CompletableFuture<String> read = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(REQUEST_TIMEOUT);

    // The keep-alive poll answered the group a moment ago.
    assertEquals("[]", body(read));
    assertEquals(0, consumer.polls());
  }

  @Test
  void keepAliveIfIdle_afterPoll_waitsAnotherInterval() {
    ConsumerInstance instance = subscribedInstance();
    scheduler.advance(KEEP_ALIVE);
    instance.keepAliveIfIdle();
    scheduler.advance(KEEP_ALIVE.minusMillis(1));

    instance.keepAliveIfIdle();

    assertEquals(1, consumer.polls());
  }

  @Test
  void keepAliveIfIdle_subscribedButNeverRead_doesNotJoinGroupEarly() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    instance.subscribe(List.of("t")).join();
    scheduler.advance(KEEP_ALIVE);

    instance.keepAliveIfIdle();

    assertEquals(0, consumer.polls());
  }

  @Test
  void keepAliveIfIdle_resubscribedAfterReading_waitsForNextRead() {
    ConsumerInstance instance = subscribedInstance();
    instance.subscribe(List.of("u")).join();
    scheduler.advance(KEEP_ALIVE);

    instance.keepAliveIfIdle();

    assertEquals(0, consumer.polls());
  }

  @Test
  void keepAliveIfIdle_manuallyAssigned_doesNothing() {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    scheduler.advance(KEEP_ALIVE);

    instance.keepAliveIfIdle();

    assertEquals(0, consumer.polls());
  }

  @Test
  void keepAliveIfIdle_rebalanceDuringPoll_keepsRecordsOfNewPartitionsForNextRead() {
    ConsumerInstance instance = subscribedInstance();
    consumer.updateBeginningOffsets(Map.of(TP1, 0L));
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(TP0, TP1)); // TP1 arrives unpaused, in the middle of the poll
      consumer.addRecord(new ConsumerRecord<>("t", 1, 0, bytes("k"), bytes("v")));
    });
    scheduler.advance(KEEP_ALIVE);

    instance.keepAliveIfIdle();

    assertEquals(1, consumer.polls());
    assertEquals("[" + binary(TP1, 0, "k", "v") + "]", body(instance.read(-1, -1, JsonTestWriter.FACTORY)));
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * {@return an instance of eight 10-byte records on {@code t-0} that answered two reads of 20 bytes (offsets 0
   *     to 3) with {@code writers}}: the second of the same shape, so 4 and 5 are written ahead
   */
  private ConsumerInstance drainedTwice(RecordBatchWriter.Factory<String> writers) {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY);
    assign(instance, TP0);
    for (int offset = 0; offset < 8; offset++) {
      add(TP0, offset, null, "0123456789");
    }
    body(instance.read(-1, 20, writers));
    body(instance.read(-1, 20, writers));
    return instance;
  }

  /** The test writers, numbered as they are made; remembers which one finished an answer last. */
  private static final class CountingWriters implements RecordBatchWriter.Factory<String> {
    private int created;
    private int finishedLast;

    @Override
    public RecordBatchWriter<String> create(EmbeddedFormat format, RecordCodec codec) {
      int number = ++created;
      return new JsonTestWriter(codec, () -> finishedLast = number);
    }
  }

  private ConsumerInstance instance(EmbeddedFormat format) {
    return instance(format, -1, NO_LIMIT, false, lanePool());
  }

  private ConsumerInstance instance(EmbeddedFormat format, int fetchMinBytes, long requestMaxBytes, boolean autoCommit,
      Executor pool) {
    return instance(format, fetchMinBytes, requestMaxBytes, autoCommit, pool, 100);
  }

  private ConsumerInstance instance(EmbeddedFormat format, int fetchMinBytes, long requestMaxBytes, boolean autoCommit,
      Executor pool, int laneCapacity) {
    return instance(format, fetchMinBytes, requestMaxBytes, autoCommit, pool, laneCapacity, REQUEST_TIMEOUT);
  }

  private ConsumerInstance instance(EmbeddedFormat format, int fetchMinBytes, long requestMaxBytes, boolean autoCommit,
      Executor pool, int laneCapacity, Duration requestTimeout) {
    return new ConsumerInstance(new ConsumerInstanceId("g", "i"), format, consumer,
        new InstanceRuntime(new SerialLane(pool, laneCapacity), Runnable::run, scheduler, ticker),
        policy(fetchMinBytes, requestMaxBytes, autoCommit, requestTimeout));
  }

  /** An instance assigned {@code TP0} whose one read waited on the watch until its deadline in vain: quiet. */
  private ConsumerInstance quietInstance(RecordArrivals arrivals) {
    ConsumerInstance instance = watchedInstance(arrivals);
    assign(instance, TP0);
    CompletableFuture<String> quiet = instance.read(-1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(REQUEST_TIMEOUT);
    assertEquals("[]", body(quiet));
    return instance;
  }

  private ConsumerInstance watchedInstance(RecordArrivals arrivals) {
    return watchedInstance(arrivals, REQUEST_TIMEOUT);
  }

  private ConsumerInstance watchedInstance(RecordArrivals arrivals, Duration requestTimeout) {
    return watchedInstance(arrivals, requestTimeout, lanePool());
  }

  /** {@return an instance with an arrival watch, its lane on {@code pool}, assigned {@code t-0} from offset 0} */
  private ConsumerInstance watchedAndAssignedOn(QueueExecutor pool, Duration requestTimeout) {
    ConsumerInstance instance = watchedInstance(new RecordArrivals(new MockConsumer<>("latest"), ticker),
        requestTimeout, pool);
    CompletableFuture<Void> assigned = instance.assign(List.of(TP0));
    pool.runAll();
    assigned.join();
    consumer.updateBeginningOffsets(Map.of(TP0, 0L));
    return instance;
  }

  private ConsumerInstance watchedInstance(RecordArrivals arrivals, Duration requestTimeout, Executor pool) {
    return new ConsumerInstance(new ConsumerInstanceId("g", "i"), EmbeddedFormat.BINARY, consumer,
        new InstanceRuntime(new SerialLane(pool, 100), Runnable::run, scheduler, ticker, ProxyMetrics.none(),
            arrivals), policy(-1, NO_LIMIT, false, requestTimeout));
  }

  private static InstancePolicy policy(int fetchMinBytes, long requestMaxBytes, boolean autoCommit,
      Duration requestTimeout) {
    InstancePolicy.ReadLimits limits = new InstancePolicy.ReadLimits(requestTimeout.toNanos(), requestMaxBytes,
        fetchMinBytes, MAX_BACKOFF.toNanos());
    return new InstancePolicy(limits, autoCommit, AUTO_COMMIT_INTERVAL, KEEP_ALIVE);
  }

  private ConsumerInstance subscribedInstance() {
    return subscribedInstance(REQUEST_TIMEOUT);
  }

  /**
   * An instance subscribed to {@code t} that has joined its group with one read (an empty one, ending 1 ms
   * later) and been given {@code t-0}; the polls of that read are not counted.
   */
  private ConsumerInstance subscribedInstance(Duration requestTimeout) {
    ConsumerInstance instance = instance(EmbeddedFormat.BINARY, -1, NO_LIMIT, false, lanePool(), 100, requestTimeout);
    instance.subscribe(List.of("t")).join();
    consumer.rebalance(List.of(TP0));
    consumer.updateBeginningOffsets(Map.of(TP0, 0L));
    CompletableFuture<String> firstRead = instance.read(1, -1, JsonTestWriter.FACTORY);
    scheduler.advance(Duration.ofMillis(1));
    assertEquals("[]", body(firstRead));
    consumer.resetPollCounts();
    return instance;
  }

  private static Executor lanePool() {
    return Runnable::run;
  }

  private void assign(ConsumerInstance instance, TopicPartition... partitions) {
    instance.assign(List.of(partitions)).join();
    for (TopicPartition partition : partitions) {
      consumer.updateBeginningOffsets(Map.of(partition, 0L));
    }
  }

  private void add(TopicPartition partition, long offset, String key, String value) {
    consumer.addRecord(
        new ConsumerRecord<>(partition.topic(), partition.partition(), offset, bytes(key), bytes(value)));
  }

  private static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(UTF_8);
  }

  /** {@return the record as the binary format writes it} */
  private static String binary(TopicPartition partition, long offset, String key, String value) {
    return "{\"topic\":\"" + partition.topic() + "\",\"key\":" + base64(key) + ",\"value\":" + base64(value)
        + ",\"partition\":" + partition.partition() + ",\"offset\":" + offset + "}";
  }

  private static String base64(String text) {
    return text == null ? "null" : "\"" + Base64.getEncoder().encodeToString(bytes(text)) + "\"";
  }

  private static String body(CompletableFuture<String> read) {
    assertTrue(read.isDone(), "the read has not answered");
    return read.join();
  }

  private static ProxyException failure(CompletableFuture<?> future) {
    assertTrue(future.isCompletedExceptionally(), "expected a failed future");
    CompletionException thrown = assertThrows(CompletionException.class, future::join);
    return assertInstanceOf(ProxyException.class, thrown.getCause());
  }
}
