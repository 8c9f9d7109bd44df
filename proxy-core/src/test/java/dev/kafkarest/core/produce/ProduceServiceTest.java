package dev.kafkarest.core.produce;

import static dev.kafkarest.core.produce.TopicDirectoryTest.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.error.ErrorCode;
import dev.kafkarest.core.error.ProxyException;
import dev.kafkarest.core.metrics.RecordingMetrics;
import dev.kafkarest.core.metrics.ProxyMetrics;
import dev.kafkarest.core.produce.ProduceOutcome.Failed;
import dev.kafkarest.core.produce.ProduceOutcome.Unconfirmed;
import dev.kafkarest.core.produce.ProduceOutcome.Written;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProduceServiceTest {
  private final TestAdmin admin = new TestAdmin().topic("orders", 3);
  private final TopicDirectory topics =
      new TopicDirectory(admin, Duration.ofMinutes(1), Duration.ofSeconds(5), Ticker.disabledTicker());
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final RecordingExecutor sendExecutor = new RecordingExecutor();
  private final ProduceService service = new ProduceService(producer, topics, sendExecutor);

  @Test
  void produce_records_sendsAllBeforeAnyIsAcknowledged() {
    CompletableFuture<List<ProduceOutcome>> result =
        service.produce("orders", null, List.of(record("a"), record("b"), record("c")));

    assertEquals(3, producer.history().size());
    assertFalse(result.isDone());

    producer.completeNext();
    producer.completeNext();
    assertFalse(result.isDone());
    producer.completeNext();

    assertEquals(List.of(new Written(0, 0), new Written(0, 1), new Written(0, 2)), result.join());
  }

  @Test
  void produce_records_sendsKeysValuesAndTopicUnchanged() {
    byte[] key = {1, 2, 3};
    byte[] value = {(byte) 0xff, 0};

    service.produce("orders", null, List.of(new ProduceRecord(key, value, null), new ProduceRecord(null, null, null)));

    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertEquals("orders", sent.get(0).topic());
    assertArrayEquals(key, sent.get(0).key());
    assertArrayEquals(value, sent.get(0).value());
    assertNull(sent.get(0).partition());
    assertNull(sent.get(1).key());
    assertNull(sent.get(1).value());
  }

  @Test
  void produce_acknowledgementsOutOfOrder_returnsOutcomesInRequestOrder() {
    CallbackCapturingProducer capturing = new CallbackCapturingProducer();
    ProduceService service = new ProduceService(capturing, topics, sendExecutor);

    CompletableFuture<List<ProduceOutcome>> result =
        service.produce("orders", null, List.of(record("a"), record("b"), record("c")));
    capturing.acknowledge(2, 2, 30);
    capturing.fail(1, new TimeoutException("Expiring 1 record(s)"));
    assertFalse(result.isDone());
    capturing.acknowledge(0, 1, 10);

    assertEquals(List.of(
        new Written(1, 10),
        new Failed(ErrorCode.BROKER_NOT_AVAILABLE, "Expiring 1 record(s)"),
        new Written(2, 30)), result.join());
  }

  @Test
  void produce_lastRecordAnswered_reportsWrittenFailedAndBytesOnce() {
    RecordingMetrics metrics = new RecordingMetrics();
    ProduceService service = new ProduceService(producer, topics, sendExecutor, metrics);

    service.produce("orders", null, List.of(new ProduceRecord(new byte[3], new byte[10], null),
        new ProduceRecord(null, new byte[5], null), new ProduceRecord(null, null, null)));
    producer.completeNext();
    producer.errorNext(new TimeoutException("Expiring 1 record(s)"));
    assertEquals(List.of(), metrics.calls());
    producer.completeNext();

    assertEquals(List.of("produced 2 1 18"), metrics.calls());
  }

  @Test
  void produce_answered_reportsItsTopic() {
    RecordingMetrics metrics = new RecordingMetrics(true);
    ProduceService service = new ProduceService(producer, topics, sendExecutor, metrics);

    service.produce("orders", null, List.of(new ProduceRecord(null, new byte[4], null)));
    producer.completeNext();

    assertEquals(List.of("produced orders 1 0 4"), metrics.calls());
  }

  @Test
  void produce_missingTopic_reportsNothing() {
    RecordingMetrics metrics = new RecordingMetrics();
    ProduceService service = new ProduceService(producer, topics, sendExecutor, metrics);

    ProxyException e = failure(service.produce("missing", null, List.of(record("a"))));

    assertEquals(ErrorCode.TOPIC_NOT_FOUND, e.errorCode());
    assertEquals(List.of(), metrics.calls());
  }

  static Stream<Arguments> sendFailures() {
    return Stream.of(
        Arguments.of(new RecordTooLargeException("The message is 2000000 bytes"), 50002),
        Arguments.of(new TimeoutException("Topic orders not present in metadata after 5000 ms."), 50302),
        Arguments.of(new NotLeaderOrFollowerException("not the leader"), 50003),
        Arguments.of(new SaslAuthenticationException("Authentication failed"), 40101),
        Arguments.of(new TopicAuthorizationException("Not authorized to access topics: [orders]"), 40301));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("sendFailures")
  void produce_failingSend_yieldsFailedOutcomeWithPerRecordCode(RuntimeException error, int errorCode) {
    CompletableFuture<List<ProduceOutcome>> result =
        service.produce("orders", null, List.of(record("a"), record("b")));

    producer.completeNext();
    producer.errorNext(error);

    List<ProduceOutcome> outcomes = result.join();
    assertEquals(new Written(0, 0), outcomes.get(0));
    Failed failed = assertInstanceOf(Failed.class, outcomes.get(1));
    assertEquals(errorCode, failed.errorCode().code());
    assertEquals(error.getMessage(), failed.message());
  }

  @Test
  void produce_sendThrows_yieldsFailedOutcomeForEveryRecord() {
    producer.sendException = new RecordTooLargeException("The message is 2000000 bytes");

    List<ProduceOutcome> outcomes = service.produce("orders", null, List.of(record("a"), record("b"))).join();

    Failed expected = new Failed(ErrorCode.KAFKA_ERROR, "The message is 2000000 bytes");
    assertEquals(List.of(expected, expected), outcomes);
  }

  @Test
  void produce_kafkaUnavailableForEveryRecordBeforeBound_fails503SayingNothingWasWritten() {
    producer.sendException = new TimeoutException("Topic orders not present in metadata after 5000 ms.");

    ProxyException e = failure(service.produce("orders", null, List.of(record("a"), record("b"))));

    assertSame(ErrorCode.BROKER_NOT_AVAILABLE, e.errorCode());
    assertEquals("Kafka is not available: no record was written (Topic orders not present in metadata after "
        + "5000 ms.)", e.getMessage());
  }

  @Test
  void produce_failureWithoutMessage_usesExceptionName() {
    CompletableFuture<List<ProduceOutcome>> result = service.produce("orders", null, List.of(record("a")));

    producer.errorNext(new NotLeaderOrFollowerException(null, (Throwable) null));

    assertEquals(List.of(new Failed(ErrorCode.KAFKA_RETRIABLE_ERROR, "NotLeaderOrFollowerException")),
        result.join());
  }

  @Test
  void produce_missingTopic_fails40401AndSendsNothing() {
    ProxyException e = failure(service.produce("missing", null, List.of(record("a"))));

    assertSame(ErrorCode.TOPIC_NOT_FOUND, e.errorCode());
    assertTrue(producer.history().isEmpty());
  }

  @Test
  void produce_recordPartitionBeyondCount_fails40402AndSendsNothing() {
    ProxyException e = failure(service.produce("orders", null,
        List.of(record("a"), new ProduceRecord(null, bytes("b"), 3))));

    assertSame(ErrorCode.PARTITION_NOT_FOUND, e.errorCode());
    assertTrue(producer.history().isEmpty());
  }

  @Test
  void produce_pathPartitionBeyondCount_fails40402AndSendsNothing() {
    ProxyException e = failure(service.produce("orders", 7, List.of(record("a"))));

    assertSame(ErrorCode.PARTITION_NOT_FOUND, e.errorCode());
    assertTrue(producer.history().isEmpty());
  }

  @Test
  void produce_pathPartition_sendsEveryRecordToItUnlessTheRecordNamesOne() {
    service.produce("orders", 1, List.of(record("a"), new ProduceRecord(null, bytes("b"), 2)));

    assertEquals(1, producer.history().get(0).partition());
    assertEquals(2, producer.history().get(1).partition());
  }

  @Test
  void produce_missingTopicWithAutoCreate_sendsToProducer() {
    admin.autoCreateTopics(true);

    service.produce("brand-new", null, List.of(record("a")));

    assertEquals(1, producer.history().size());
    assertEquals("brand-new", producer.history().get(0).topic());
  }

  @Test
  void produce_noRecords_completesWithNoOutcomes() {
    CompletableFuture<List<ProduceOutcome>> result = service.produce("orders", null, List.of());

    assertTrue(result.isDone());
    assertEquals(List.of(), result.join());
  }

  @Test
  void produce_topicCheckAnsweredLater_sendsOnSendExecutor() {
    admin.holdDescriptions();
    CompletableFuture<List<ProduceOutcome>> result = service.produce("orders", null, List.of(record("a")));
    assertTrue(producer.history().isEmpty());

    admin.releaseDescriptions();
    assertTrue(producer.history().isEmpty(), "send must not run on the Admin client's thread");
    sendExecutor.runAll();

    assertEquals(1, producer.history().size());
    producer.completeNext();
    assertEquals(List.of(new Written(0, 0)), result.join());
  }

  @Test
  void produce_topicCheckAnsweredOnAnotherThread_sendRunsOnASendExecutorThread() throws InterruptedException {
    ThreadRecordingProducer recording = new ThreadRecordingProducer();
    ExecutorService sendPool = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "test-send"));
    try {
      ProduceService service = new ProduceService(recording, topics, sendPool);
      admin.holdDescriptions();
      service.produce("orders", null, List.of(record("a")));

      Thread adminThread = new Thread(admin::releaseDescriptions, "test-admin");
      adminThread.start();
      adminThread.join();

      assertEquals("test-send", recording.sendThread.join());
    } finally {
      sendPool.shutdownNow();
    }
  }

  @Test
  void produce_sendExecutorRefuses_fails429AndSendsNothing() {
    ProduceService service = new ProduceService(producer, topics, task -> {
      throw new RejectedExecutionException("the send queue is full: 2 tasks");
    });
    admin.holdDescriptions();
    CompletableFuture<List<ProduceOutcome>> result = service.produce("orders", null, List.of(record("a")));

    admin.releaseDescriptions();

    ProxyException e = failure(result);
    assertSame(ErrorCode.TOO_MANY_REQUESTS, e.errorCode());
    assertTrue(e.getMessage().contains("the send queue is full: 2 tasks"), e.getMessage());
    assertTrue(producer.history().isEmpty());
  }

  @Test
  void produce_topicAlreadyKnown_sendsOnCallingThread() {
    topics.partitionCount("orders").join();

    service.produce("orders", null, List.of(record("a")));

    assertEquals(1, producer.history().size());
    assertEquals(0, sendExecutor.tasks.size());
  }

  @Test
  void produce_kafkaSilentUntilBound_fails503SayingHandedRecordsMayStillBeWritten() {
    ManualScheduler deadlines = new ManualScheduler();
    ProduceService service = bounded(producer, deadlines);

    CompletableFuture<List<ProduceOutcome>> result = service.produce("orders", null, List.of(record("a"), record("b")));
    assertEquals(List.of(5_000L), deadlines.delaysMs);
    assertFalse(result.isDone());
    deadlines.fireAll();

    ProxyException e = failure(result);
    assertSame(ErrorCode.BROKER_NOT_AVAILABLE, e.errorCode());
    assertTrue(e.getMessage().contains("2 of 2 records were handed to the producer and may still be written"),
        e.getMessage());
  }

  @Test
  void produce_someAcknowledgedBeforeBound_answersThemAndTheOthersAsUnconfirmed() {
    ManualScheduler deadlines = new ManualScheduler();
    ProduceService service = bounded(producer, deadlines);
    CompletableFuture<List<ProduceOutcome>> result = service.produce("orders", null, List.of(record("a"), record("b")));

    producer.completeNext();
    deadlines.fireAll();

    List<ProduceOutcome> outcomes = result.join();
    assertEquals(new Written(0, 0), outcomes.get(0));
    Unconfirmed pending = assertInstanceOf(Unconfirmed.class, outcomes.get(1));
    assertSame(ErrorCode.BROKER_NOT_AVAILABLE, pending.errorCode());
    assertTrue(pending.message().contains("may still be written"), pending.message());
  }

  @Test
  void produce_topicCheckUnansweredAtBound_fails503AndNeverSendsAfterwards() {
    ManualScheduler deadlines = new ManualScheduler();
    ProduceService service = bounded(producer, deadlines);
    admin.holdDescriptions();
    CompletableFuture<List<ProduceOutcome>> result = service.produce("orders", null, List.of(record("a")));

    deadlines.fireAll();
    admin.releaseDescriptions();
    sendExecutor.runAll();

    ProxyException e = failure(result);
    assertSame(ErrorCode.BROKER_NOT_AVAILABLE, e.errorCode());
    assertTrue(e.getMessage().contains("no record was sent, nothing was written"), e.getMessage());
    assertTrue(producer.history().isEmpty());
  }

  @Test
  void produce_boundPassesWhileSending_sendsNoFurtherRecord() {
    ManualScheduler deadlines = new ManualScheduler();
    MockProducer<byte[], byte[]> slow = new MockProducer<>(false, null, new ByteArraySerializer(),
        new ByteArraySerializer()) {
      @Override
      public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        Future<RecordMetadata> sent = super.send(record, callback);
        deadlines.fireAll(); // the first send() blocked until time was up (waiting for metadata, say)
        return sent;
      }
    };
    ProduceService service = bounded(slow, deadlines);

    CompletableFuture<List<ProduceOutcome>> result =
        service.produce("orders", null, List.of(record("a"), record("b"), record("c")));

    assertEquals(1, slow.history().size());
    ProxyException e = failure(result);
    assertTrue(e.getMessage().contains("1 of 3 records were handed to the producer and may still be written"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("; the other 2 were not sent."), e.getMessage());
  }

  @Test
  void produce_acknowledgedBeforeBound_answersOutcomesAndCancelsDeadline() {
    ManualScheduler deadlines = new ManualScheduler();
    ProduceService service = bounded(producer, deadlines);
    CompletableFuture<List<ProduceOutcome>> result = service.produce("orders", null, List.of(record("a")));

    producer.completeNext();

    assertEquals(List.of(new Written(0, 0)), result.join());
    assertTrue(deadlines.scheduled.get(0).isCancelled());
  }

  @Test
  void produce_boundedWithNoRecords_schedulesNothing() {
    ManualScheduler deadlines = new ManualScheduler();

    assertEquals(List.of(), bounded(producer, deadlines).produce("orders", null, List.of()).join());
    assertTrue(deadlines.scheduled.isEmpty());
  }

  private ProduceService bounded(MockProducer<byte[], byte[]> producer, ManualScheduler deadlines) {
    return new ProduceService(producer, topics, sendExecutor, ProxyMetrics.none(), deadlines, Duration.ofSeconds(5));
  }

  /** A scheduler whose tasks run only when the test fires them, as if their delay had passed. */
  private static final class ManualScheduler implements Scheduler {
    final List<Long> delaysMs = new ArrayList<>();
    final List<FutureTask<Void>> scheduled = new ArrayList<>();

    @Override
    public Future<?> schedule(Executor executor, Runnable command, long delay, TimeUnit unit) {
      delaysMs.add(unit.toMillis(delay));
      FutureTask<Void> task = new FutureTask<>(() -> executor.execute(command), null);
      scheduled.add(task);
      return task;
    }

    void fireAll() {
      List.copyOf(scheduled).forEach(FutureTask::run);
    }
  }

  private static ProduceRecord record(String value) {
    return new ProduceRecord(null, bytes(value), null);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** An executor that queues tasks until the test runs them. */
  private static final class RecordingExecutor implements Executor {
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      List<Runnable> queued = new ArrayList<>(tasks);
      tasks.clear();
      queued.forEach(Runnable::run);
    }
  }

  /** A producer that records the thread of its first send. */
  private static final class ThreadRecordingProducer extends MockProducer<byte[], byte[]> {
    final CompletableFuture<String> sendThread = new CompletableFuture<>();

    ThreadRecordingProducer() {
      super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
      sendThread.complete(Thread.currentThread().getName());
      return super.send(record, callback);
    }
  }

  /** A producer whose sends the test acknowledges one by one, in any order. */
  private static final class CallbackCapturingProducer extends MockProducer<byte[], byte[]> {
    private final List<Callback> callbacks = new ArrayList<>();

    CallbackCapturingProducer() {
      super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
      callbacks.add(callback);
      return super.send(record, null);
    }

    void acknowledge(int index, int partition, long offset) {
      callbacks.get(index).onCompletion(new RecordMetadata(new TopicPartition("orders", partition), offset, 0, 0L, 0, 0), null);
    }

    void fail(int index, Exception error) {
      callbacks.get(index).onCompletion(null, error);
    }
  }
}
